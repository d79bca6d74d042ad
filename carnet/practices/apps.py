from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "carnet.practices"
    label = "practices"
    verbose_name = _("Good-practice sheets")

    def ready(self):
        from . import integration

        integration.register()
