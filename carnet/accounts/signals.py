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
    """A person who never chose a language gets the one they sign in with (their browser's, or
    the header switcher's); afterwards their choice on the settings page or switcher holds."""
    language = translation.get_language()
    if language in dict(settings.LANGUAGES) and not user.language:
        user.language = language
        user.save(update_fields=["language"])
