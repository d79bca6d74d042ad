from django.db import models
from django.utils.translation import gettext_lazy as _


class TermKind(models.TextChoices):
    THEME = "theme", _("Sheet themes")
    LEARNING_CATEGORY = "learning_category", _("Learning categories")
    REASON_CATEGORY = "reason_category", _("Join, stay and leave reason categories")
    MOMENT_TAG = "moment_tag", _("Moment tags")
