from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    AT_ONCE = "at_once", _("By e-mail, at once")
    DAILY = "daily", _("By e-mail, a daily digest")
    WEEKLY = "weekly", _("By e-mail, a weekly digest")
    NONE = "none", _("No e-mail: only here")
