from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CapitalisationConfig(AppConfig):
    name = "carnet.capitalisation"
    label = "capitalisation"
    verbose_name = _("Capitalisation")

    def ready(self):
        from carnet.media.registry import register

        from . import evidence, search
        from . import rules as cap_rules
        from .models import Document, Video

        post_migrate.connect(search.install, sender=self, dispatch_uid="capitalisation_search")
        evidence.register_defaults()
        # Library documents are the members'; a video's files follow the video.
        register(Document, "file", readable=cap_rules.can_read_internal)
        register(Video, "file", "subtitles", readable=cap_rules.can_view_video_file)
