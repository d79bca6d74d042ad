from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation

from .enums import Verb


@receiver(user_logged_in, dispatch_uid="carnet_record_login")
def record_login(sender, request, user, **kwargs):
    from .domain import record

    record(Verb.LOGIN, user, by=user)


@receiver(user_logged_in, dispatch_uid="carnet_remember_language")
def remember_language(sender, request, user, **kwargs):
    """Write to people in the language they use Carnet in (the one active as they sign in)."""
    language = translation.get_language()
    if language in dict(settings.LANGUAGES) and language != user.language:
        user.language = language
        user.save(update_fields=["language"])
