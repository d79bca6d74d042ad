"""Who may do what on the timeline.

Anyone reads what is published in a published network; members read every proposal.
Partner editors propose moments and edit their own organisation's proposals while
they are proposals; each partner organisation votes through its editors. Facilitators
and the coordinator see the tallies, merge duplicates, accept and edit; only the
coordinator publishes (after the safeguarding check).
"""

import rules

from carnet.accounts.rules import (
    can_manage,
    can_organise,
    can_read_internal,
    has_organisation,
    is_own_organisation,
    is_partner_editor,
    is_superuser,
    network_is_published,
)
from carnet.safeguarding.rules import has_publication_consent


@rules.predicate
def is_published_milestone(user, obj):
    return getattr(obj, "state", None) == "published"


@rules.predicate
def is_proposal(user, obj):
    return getattr(obj, "state", None) == "proposed"


can_view_milestone = (is_published_milestone & network_is_published) | can_read_internal
can_change_milestone = can_organise | (is_partner_editor & is_own_organisation & is_proposal)
can_vote = (is_partner_editor & has_organisation) | is_superuser
can_propose = can_organise | is_partner_editor
# A vote round is the members' business (its dates and result show on the proposals page).
can_view_round = can_read_internal
can_view_era = network_is_published | can_read_internal
# A moment's image goes out with the published moment, and only with consent to publication.
can_view_milestone_image = (
    is_published_milestone & network_is_published & has_publication_consent
) | can_read_internal


@rules.predicate
def is_on_published_milestone(user, obj):
    """A moment's media: the moment it belongs to is published."""
    return getattr(getattr(obj, "milestone", None), "state", None) == "published"


# A moment's media (sound, video, PDF and its preview, poster; its subtitles follow it) goes
# out with the published moment, and only with the consent of the people shown, heard or quoted.
can_view_moment_media = (
    is_on_published_milestone & network_is_published & has_publication_consent
) | can_read_internal


@rules.predicate
def can_view_subtitles(user, track):
    """A media's subtitles go out with the media."""
    return can_view_moment_media.test(user, track.media)


# Network-level permissions of the timeline, checked against the network.
rules.add_perm("timeline.propose", can_propose)
rules.add_perm("timeline.vote", can_vote)
rules.add_perm("timeline.organise", can_organise)
rules.add_perm("timeline.publish", can_manage)
