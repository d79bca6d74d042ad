from django.db import models
from django.utils.translation import gettext_lazy as _


class SheetState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    APPROVED = "approved", _("Approved")
    VALIDATED = "validated", _("Validated by the partner")
    PUBLISHED = "published", _("Published")


class Level(models.TextChoices):
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    INTERNATIONAL = "international", _("International")


class Theme(models.TextChoices):
    # Legacy keys only: a network's themes are data (carnet.vocabulary, kind "theme");
    # these are the keys of the lists networks had before, kept for the demo and tests.
    IDENTIFICATION = "identification", _("Identification of victims")
    PREVENTION = "prevention", _("Prevention")
    SUPPORT = "support", _("Support to victims")
    ADVOCACY = "advocacy", _("Advocacy")
    CAPACITY = "capacity", _("Capacity building")
    COORDINATION = "coordination", _("Coordination")
    DECISION = "decision", _("Decision-making")
    COMMUNICATION = "communication", _("Communication")
    SUSTAINABILITY = "sustainability", _("Sustainability")


class SuggestionKind(models.TextChoices):
    REWORDING = "rewording", _("Rewording")
    STRUCTURE = "structure", _("Structural change")


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
