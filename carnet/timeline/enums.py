from django.db import models
from django.utils.translation import gettext_lazy as _


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


# Which state may follow which, and who may make the move (see rules.py).
TRANSITIONS = {
    MilestoneState.PROPOSED: {MilestoneState.ACCEPTED},
    MilestoneState.ACCEPTED: {MilestoneState.PROPOSED, MilestoneState.PUBLISHED},
    MilestoneState.PUBLISHED: {MilestoneState.ACCEPTED},
    MilestoneState.MERGED: set(),
}
