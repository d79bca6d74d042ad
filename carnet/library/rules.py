"""Who may do what in the network's document library: members read, organisers keep it.

The library belongs to the network (not to an exercise): its documents, their text and
their files are for the network's members; the coordinator and facilitators add and
edit them.
"""

from carnet.accounts.rules import can_organise, can_read_internal

INTERNAL = {
    "view": can_read_internal,
    "add": can_organise,
    "change": can_organise,
    "delete": can_organise,
}

# A document's file follows the document: the members' (carnet.media.registry).
can_read_file = can_read_internal
