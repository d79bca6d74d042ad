"""Issue and use one-click answer links (see registry.py for what they may do)."""

import datetime
import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from carnet.accounts.domain import hash_token
from carnet.lib.links import absolute

from .models import AnswerLink
from .registry import answerable_for


class LinkRefused(Exception):
    """reason: "unknown", "expired", "used", "not_allowed" or "changed"."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def issue(person, obj, *, days=None):
    """A new link for this person to answer on obj; returns its absolute address."""
    answerable = answerable_for(obj)  # only what an app registered
    days = days or settings.CARNET_ANSWER_LINK_DAYS
    token = secrets.token_urlsafe(32)
    AnswerLink.objects.create(
        person=person,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        token_hash=hash_token(token),
        expires_at=timezone.now() + datetime.timedelta(days=days),
        fingerprint=answerable.fingerprint(obj) if answerable.fingerprint else "",
    )
    return absolute(reverse("answers:answer", args=[token]))


def find(token):
    """The usable link of a token, its object and its person; raises LinkRefused."""
    if not token or len(token) > 100:
        raise LinkRefused("unknown")
    link = (
        AnswerLink.objects.select_related("person", "content_type")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if link is None or link.target is None or not link.person.is_active:
        raise LinkRefused("unknown")
    if link.used_at is not None:
        raise LinkRefused("used")
    if link.expires_at <= timezone.now():
        raise LinkRefused("expired")
    answerable = answerable_for(link.target)
    if not answerable.allowed(link.target, link.person):
        raise LinkRefused("not_allowed")
    if answerable.fingerprint and answerable.fingerprint(link.target) != link.fingerprint:
        raise LinkRefused("changed")  # it changed since the link was sent
    return link


@transaction.atomic
def use(token, value, note=""):
    """Give the answer as the link's person, once; raises LinkRefused or ValueError."""
    link = find(token)
    answerable = answerable_for(link.target)
    if value not in dict(answerable.choices()):
        raise ValueError("unknown answer")
    # Of two clicks at once, one marks the link used, the other finds it used.
    taken = AnswerLink.objects.filter(pk=link.pk, used_at__isnull=True).update(
        used_at=timezone.now(), answer=value
    )
    if not taken:
        raise LinkRefused("used")
    answerable.answer(link.target, link.person, value, note)
    return link
