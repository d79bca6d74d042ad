from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonsConfig(AppConfig):
    """The instance's public library: what every published network published, in one place."""

    name = "carnet.commons"
    label = "commons"
    verbose_name = _("Public library")
