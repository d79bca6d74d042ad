from django.db import models
from django.utils.translation import gettext_lazy as _


class ChapterKind(models.TextChoices):
    TEXT = "text", _("Text written by the facilitators")
    BLOCK = "block", _("Generated from the network's data")


class BuildStatus(models.TextChoices):
    BUILDING = "building", _("Building")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class FeedbackKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    SUGGESTION = "suggestion", _("Suggestion")


class DecisionState(models.TextChoices):
    PENDING = "pending", _("No answer yet")
    VALIDATED = "validated", _("Validated")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
