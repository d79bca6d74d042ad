from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "carnet.networks"
    label = "networks"
    verbose_name = _("Networks")

    def ready(self):
        from carnet.media.registry import register

        from .models import Network, Organisation
        from .rules import can_view_logo, can_view_network

        register(Organisation, "logo", readable=can_view_logo)
        register(Network, "logo", readable=can_view_network)
