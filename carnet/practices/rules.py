"""Who may do what with good-practice sheets.

- read: a published sheet of a published network, anyone; otherwise the
  organisers, the owner organisation's partner editors, and, once the owner has
  opened a submitted sheet to its peers, every member of the network;
- edit the content: the organisers and the owner organisation's partner editors;
- suggest and comment: whoever edits, plus other partner editors on a sheet
  opened to peers (they never edit);
- accept or reject suggestions: the owner organisation only (its members who may edit;
  organisers suggest, they never accept their own suggestions on a partner's text);
- review (submitted -> in review -> changes requested / approved): the organisers;
- validate: the owner organisation's partner editors;
- publish: the coordinator.
"""

import rules

from carnet.accounts.rules import (
    can_edit_own,
    can_manage,
    can_organise,
    can_read_internal,
    is_member,
    is_organiser,
    is_own_organisation,
    is_partner_editor,
    is_superuser,
    network_is_published,
)
from carnet.safeguarding.rules import has_publication_consent


@rules.predicate
def is_public(user, obj):
    return bool(getattr(obj, "is_published", False))


@rules.predicate
def is_open_to_peers(user, obj):
    return bool(getattr(obj, "open_to_peers", False)) and getattr(obj, "state", "") != "draft"


@rules.predicate
def is_own_member(user, obj):
    """Any member of the network who works for the owner organisation."""
    return is_own_organisation(user, obj)


can_view_sheet = (
    (is_public & network_is_published)
    | is_organiser
    | (is_member & is_own_member)
    | (is_member & is_open_to_peers)
    | is_superuser
)
can_edit_sheet = can_edit_own
can_suggest = can_edit_own | (is_partner_editor & is_open_to_peers)
can_decide_suggestions = (can_edit_own & is_own_organisation) | is_superuser
can_review = can_organise
can_validate = (is_partner_editor & is_own_organisation) | is_superuser
can_publish = can_manage
can_create_sheet = is_organiser | is_partner_editor | is_superuser


@rules.predicate
def can_view_photo(user, photo):
    """A photo is seen with its sheet: by anyone with consent to publication, else by the
    members who may read the sheet (the internal page shows it with a warning)."""
    sheet = photo.sheet
    return can_view_sheet(user, sheet) and (
        has_publication_consent(user, photo) or can_read_internal(user, sheet)
    )


# A template is read by the network's members (and, through its published sheets, anyone).
is_member_or_public = is_member | network_is_published | is_superuser
