from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "carnet.accounts"
    label = "accounts"
    verbose_name = _("People and access")

    def ready(self):
        from carnet.lib.workflow import state_changed

        from . import signals  # noqa: F401
        from .notifications import tell_of_move
        from .waiting import forget_counts

        # Every workflow's moves are told by one receiver, as each Move declares (tell).
        state_changed.connect(tell_of_move, dispatch_uid="carnet_tell_of_move")
        # The header's count of what waits is counted again after any change.
        post_save.connect(forget_counts, dispatch_uid="carnet_waiting_forget_on_save")
        post_delete.connect(forget_counts, dispatch_uid="carnet_waiting_forget_on_delete")
        # A workflow move is written by a conditional UPDATE (carnet.lib.states.move), which
        # sends no post_save: every move sends state_changed, which forgets the counts too.
        state_changed.connect(forget_counts, dispatch_uid="carnet_waiting_forget_on_move")
