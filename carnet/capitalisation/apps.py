from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapitalisationConfig(AppConfig):
    name = "carnet.capitalisation"
    label = "capitalisation"
    verbose_name = _("Capitalisation")
