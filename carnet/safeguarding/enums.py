from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentScope(models.TextChoices):
    NONE = "none", _("No consent recorded")
    INTERNAL = "internal", _("Internal use only")
    PUBLICATION = "publication", _("Publication")


class FlagKind(models.TextChoices):
    EMAIL = "email", _("E-mail address")
    PHONE = "phone", _("Phone number")
    NAME = "name", _("Person's name")
    CONSENT = "consent", _("No consent to publish")


class FlagStatus(models.TextChoices):
    OPEN = "open", _("To check")
    CONFIRMED = "confirmed", _("Checked: may be published")
    FIXED = "fixed", _("Fixed")
