import rules

from carnet.accounts.rules import can_organise

# Coordinators and facilitators translate the network's published texts (partners translate
# their own key moments and sheets where those live).
can_translate = can_organise

rules.add_perm("translations.translate", can_translate)
