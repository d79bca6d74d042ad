"""Who may do what in the capitalisation: members read, organisers run it.

Interview notes are for coordinators and facilitators only (see can_read_notes).
The coordinator publishes the synthesis; once published, anyone reads the published copy
of a published network.
"""

import rules

from carnet.accounts.rules import (  # noqa: F401 - re-exported for the models' Meta
    can_manage,
    can_organise,
    can_read_internal,
    network_is_published,
)
from carnet.safeguarding.rules import has_publication_consent

can_read_notes = can_organise


@rules.predicate
def is_published_video(user, obj):
    return getattr(obj, "status", None) == "published"


# A video's file and subtitles: public once it is published with consent in a published
# network (publishing runs the safeguarding check); members read them before.
can_view_video_file = (
    is_published_video & has_publication_consent & network_is_published
) | can_read_internal


@rules.predicate
def can_view_video_subtitles(user, track):
    """A video's subtitles go out with the video."""
    return can_view_video_file.test(user, track.video)


@rules.predicate
def is_published_synthesis(user, obj):
    return bool(getattr(obj, "is_published", False))


# Network-level: the coordinator publishes the synthesis (after the safeguarding check).
rules.add_perm("capitalisation.publish_synthesis", can_manage)

# Network-level: the coordinator starts exercises and edits them and their phases; the
# facilitators read those pages.
rules.add_perm("capitalisation.manage_exercises", can_manage)
rules.add_perm("capitalisation.view_exercises", can_organise)
