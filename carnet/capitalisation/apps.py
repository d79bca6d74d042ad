from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapitalisationConfig(AppConfig):
    name = "carnet.capitalisation"
    label = "capitalisation"
    verbose_name = _("Capitalisation")

    def ready(self):
        from carnet.media.registry import register

        from . import evidence
        from . import rules as cap_rules
        from .models import Video, VideoSubtitles

        evidence.register_defaults()
        # A video's files follow the video.
        register(Video, "file", readable=cap_rules.can_view_video_file)
        register(VideoSubtitles, "file", readable=cap_rules.can_view_video_subtitles)
