from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "carnet.archive"
    verbose_name = _("Archive and static site")
