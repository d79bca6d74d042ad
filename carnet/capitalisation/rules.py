"""Who may do what in the capitalisation: members read, organisers run it.

Interview notes are for coordinators and facilitators only (see can_read_notes).
"""

from carnet.accounts.rules import (  # noqa: F401 - re-exported for the models' Meta
    can_manage,
    can_organise,
    can_read_internal,
)

can_read_notes = can_organise
