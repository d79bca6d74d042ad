from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    REPORT = "report", _("Report")
    MINUTES = "minutes", _("Minutes")
    PROJECT = "project", _("Project document")
    EVALUATION = "evaluation", _("Evaluation")
    OTHER = "other", _("Other")


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", _("Text extraction waiting")
    DONE = "done", _("Text extracted")
    EMPTY = "empty", _("No text found")
    FAILED = "failed", _("Text could not be extracted")
