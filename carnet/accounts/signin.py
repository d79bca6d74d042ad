"""Sign in by a link e-mailed to the person, beside the password (CARNET_EMAIL_LOGIN).

The link works once, for CARNET_EMAIL_LOGIN_MINUTES (15); the database keeps only a hash of its
token. Asking for one never tells whether an address has an account: the answer is the same
either way. An address receives at most CARNET_EMAIL_LOGIN_PER_ADDRESS links in that time (counted
in the database, whichever server answers); a visitor's address may ask AXES_FAILURE_LIMIT
times (as many as failed logins before a lockout) in that time (counted in the cache).
"""

import datetime
import secrets

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from carnet.lib.links import absolute

from .domain import hash_token
from .models import SignInLink, User


class Throttled(Exception):
    """Too many links asked for from this visitor's address: try again later."""


def lifetime():
    return datetime.timedelta(minutes=settings.CARNET_EMAIL_LOGIN_MINUTES)


def _throttle(client_address):
    key = f"carnet:signin:{client_address}"
    cache.add(key, 0, timeout=int(lifetime().total_seconds()))
    try:
        asked = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=int(lifetime().total_seconds()))
        asked = 1
    if asked > settings.AXES_FAILURE_LIMIT:
        raise Throttled


def request_link(email, *, client_address):
    """E-mail a sign-in link to the active account with this address, if there is one and it
    has not received too many already. Returns nothing a visitor may learn from; raises
    Throttled when this visitor's address asked too often."""
    _throttle(client_address)
    email = email.strip()
    user = User.objects.filter(email__iexact=email, is_active=True).order_by("pk").first()
    if user is None:
        return
    since = timezone.now() - lifetime()
    if (
        SignInLink.objects.filter(user=user, created__gt=since).count()
        >= settings.CARNET_EMAIL_LOGIN_PER_ADDRESS
    ):
        return
    token = secrets.token_urlsafe(32)
    SignInLink.objects.create(
        user=user, token_hash=hash_token(token), expires_at=timezone.now() + lifetime()
    )
    link = absolute(reverse("login_link_use", args=[token]))
    with translation.override(user.mail_language):
        subject = _("Your link to sign in to Carnet")
        body = _(
            "Hello %(name)s,\n\nTo sign in to Carnet without your password, open this link "
            "within %(minutes)s minutes:\n%(link)s\n\nIt works once. If you did not ask for it, "
            "ignore this e-mail: nobody signs in without it."
        ) % {"name": user, "link": link, "minutes": settings.CARNET_EMAIL_LOGIN_MINUTES}
    send_mail(subject, body, None, [user.email])


def find(token):
    """The usable link of a token, else None."""
    if not token or len(token) > 100:
        return None
    return (
        SignInLink.objects.select_related("user")
        .filter(
            token_hash=hash_token(token),
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
            user__is_active=True,
        )
        .first()
    )


def use(token):
    """The person the link signs in, once (of two requests at once, one gets it); else None."""
    link = find(token)
    if link is None:
        return None
    taken = SignInLink.objects.filter(pk=link.pk, used_at__isnull=True).update(
        used_at=timezone.now()
    )
    return link.user if taken else None
