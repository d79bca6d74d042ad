from django.db import models
from django.utils.translation import gettext_lazy as _


class RoleKind(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    FACILITATOR = "facilitator", _("Facilitator")
    PARTNER_EDITOR = "partner_editor", _("Partner editor")
    VIEWER = "viewer", _("Viewer")


class Verb(models.TextChoices):
    CREATE = "create", _("created")
    CHANGE = "change", _("changed")
    DELETE = "delete", _("deleted")
    STATE = "state", _("changed the state of")
    PUBLISH = "publish", _("published")
    EXPORT = "export", _("exported")
    IMPORT = "import", _("imported")
    LOGIN = "login", _("logged in")
    INVITE = "invite", _("invited")
