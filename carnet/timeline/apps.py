from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    name = "carnet.timeline"
    label = "timeline"
    verbose_name = _("Timeline")
