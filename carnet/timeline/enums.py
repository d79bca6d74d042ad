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


class VoteWeight(models.IntegerChoices):
    WORTH_NOTING = 1, _("Worth noting")
    IMPORTANT = 2, _("Important")
    ESSENTIAL = 3, _("Essential")


_M = MilestoneState
# A key moment's workflow: its moves, who may make each (rules.py), who acts next.
# Merging is not a move of this workflow: domain.merge() says into which moment.
MILESTONES = Workflow(
    "milestone",
    states=MilestoneState,
    moves=[
        Move(_M.PROPOSED, _M.ACCEPTED, "timeline.organise", _("Accept for the timeline")),
        Move(_M.ACCEPTED, _M.PUBLISHED, "timeline.publish", _("Publish")),
        Move(_M.ACCEPTED, _M.PROPOSED, "timeline.organise", _("Back to proposals")),
        Move(_M.PUBLISHED, _M.ACCEPTED, "timeline.publish", _("Unpublish")),
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
TRANSITIONS = {state: {m.target for m in MILESTONES.moves_from(state)} for state in _M}
