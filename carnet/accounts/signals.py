from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .enums import Verb


@receiver(user_logged_in, dispatch_uid="carnet_record_login")
def record_login(sender, request, user, **kwargs):
    from .domain import record

    record(Verb.LOGIN, user, by=user)
