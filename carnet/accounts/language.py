"""Each person's language: the one chosen on their settings page (or by the header switcher), used
for every page they see once signed in, and for what Carnet e-mails them (User.mail_language)."""

from django.conf import settings
from django.utils import translation
from django.views.i18n import set_language as django_set_language


def supported(code):
    return code in dict(settings.LANGUAGES)


class PersonLanguageMiddleware:
    """After authentication: a signed-in person sees Carnet in their own language, whatever the
    browser says; the language cookie follows, so the login page after they sign out does too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        language = user.language if user is not None and user.is_authenticated else ""
        if supported(language):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if supported(language) and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            # The person may have changed it in this very request (settings, switcher): read again.
            language = request.user.language if request.user.is_authenticated else language
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


def set_language(request):
    """The header switcher: Django's view, and for a signed-in person their profile too."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    chosen = request.method == "POST" and user.is_authenticated and supported(language)
    if chosen and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return response
