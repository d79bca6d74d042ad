from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "carnet.accounts"
    label = "accounts"
    verbose_name = _("People and access")

    def ready(self):
        from carnet.lib.workflow import state_changed

        from . import signals  # noqa: F401
        from .notifications import tell_of_move

        # Every workflow's moves are told by one receiver, as each Move declares (tell).
        state_changed.connect(tell_of_move, dispatch_uid="carnet_tell_of_move")
