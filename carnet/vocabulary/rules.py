"""Who may see and change a network's vocabulary: its members read it, its coordinators
change it (objects: the network itself or one of its terms)."""

import rules

from carnet.accounts.rules import can_manage, can_read_internal

can_view_vocabulary = can_read_internal
can_change_vocabulary = can_manage

rules.add_perm("vocabulary.view_vocabulary", can_view_vocabulary)
rules.add_perm("vocabulary.change_vocabulary", can_change_vocabulary)
