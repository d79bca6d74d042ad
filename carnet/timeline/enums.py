from django.db import models
from django.utils.translation import gettext_lazy as _

from carnet.lib.workflow import Actor, Move, Workflow


class Precision(models.TextChoices):
    YEAR = "year", _("Year")
    MONTH = "month", _("Month")
    DAY = "day", _("Day")


class MilestoneState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    PUBLISHED = "published", _("Published")
    MERGED = "merged", _("Merged into another")


class MediaKind(models.TextChoices):
    """What a media of a moment holds (MomentMedia)."""

    AUDIO = "audio", _("Sound file")
    VIDEO = "video", _("Video file")
    PDF = "pdf", _("PDF document")
    QUOTE = "quote", _("Quotation")
    FILM = "film", _("A video of the network")


class VoteWeight(models.IntegerChoices):
    WORTH_NOTING = 1, _("Worth noting")
    IMPORTANT = 2, _("Important")
    ESSENTIAL = 3, _("Essential")


_M = MilestoneState
# A key moment's workflow: its moves, who may make each (rules.py), who acts next.
# Merging is made by domain.merge() (which says into which moment), never as a button.
# The proposer's organisation (OWNER) hears of what becomes of its proposal.
_OWNER, _BOTH = (Actor.OWNER,), (Actor.OWNER, Actor.ORGANISERS)
MILESTONES = Workflow(
    "milestone",
    states=MilestoneState,
    view="timeline.view_milestone",
    moves=[
        Move(_M.PROPOSED, _M.ACCEPTED, "timeline.organise", _("Accept for the timeline"), _OWNER),
        Move(_M.ACCEPTED, _M.PUBLISHED, "timeline.publish", _("Publish"), _OWNER),
        Move(_M.ACCEPTED, _M.PROPOSED, "timeline.organise", _("Back to proposals"), _OWNER),
        # Taken down by hand or by the safeguarding check after a change: the organisers too.
        Move(_M.PUBLISHED, _M.ACCEPTED, "timeline.publish", _("Unpublish"), _BOTH),
        *(
            Move(
                source,
                _M.MERGED,
                "timeline.organise",
                _("Merge with another key moment"),
                _OWNER,
                offered=False,
            )
            for source in (_M.PROPOSED, _M.ACCEPTED)
        ),
    ],
    path=[_M.PROPOSED, _M.ACCEPTED, _M.PUBLISHED],  # a merged moment is off it
    next={
        _M.PROPOSED: (Actor.PARTNERS, Actor.ORGANISERS),  # partners vote, organisers accept
        _M.ACCEPTED: Actor.COORDINATOR,
        _M.PUBLISHED: Actor.NOBODY,
        _M.MERGED: Actor.NOBODY,
    },
)

# Which state may follow which (read from MILESTONES, for the code that knew it).
TRANSITIONS = {state: {m.target for m in MILESTONES.moves_from(state) if m.offered} for state in _M}


class SourceKind(models.TextChoices):
    FILE = "file", _("Uploaded spreadsheet (XLSX)")
    LINK = "link", _("Published CSV link")


class SourceStatus(models.TextChoices):
    FETCHING = "fetching", _("Being fetched")
    READY = "ready", _("Ready to preview")
    APPLYING = "applying", _("Being applied")
    FAILED = "failed", _("Could not be fetched")
    APPLIED = "applied", _("Up to date")
