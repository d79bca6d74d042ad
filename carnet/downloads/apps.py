from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DownloadsConfig(AppConfig):
    name = "carnet.downloads"
    label = "downloads"
    verbose_name = _("Downloads")

    def ready(self):
        from carnet.media.registry import register

        from . import domain, rules
        from .models import Download

        # Never public: the requester, the network's coordinators (staff for backups),
        # until the file expires. Each download is written in the action log.
        register(Download, "file", readable=rules.can_take_file, served=domain.taken)
