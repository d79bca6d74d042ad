"""The check before anything is published.

    flags = check_for_publication(obj, {"text": obj.text}, by=user, allowed=[...],
                                  consents=[photo, quote])
    if publish_blockers(obj): refuse, and show the flags to the coordinator.

Every workflow that publishes calls the one guard, `guard(obj, texts, ...)`, which runs
that check and raises the one `PublicationBlocked` (a `MoveRefused`) while flags are open.

A flag stays until the coordinator confirms it (the text may go out as it is)
or the text no longer contains it (fixed). Re-checking never re-opens a
confirmed flag for the same text; a fixed flag whose text comes back opens again.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from carnet.accounts.domain import record
from carnet.accounts.enums import Verb
from carnet.lib.sensitive import scan
from carnet.lib.states import move
from carnet.lib.workflow import MoveRefused

from .enums import FlagKind, FlagStatus
from .models import SensitiveFlag


class PublicationBlocked(MoveRefused, ValidationError):
    """Not published: open safeguarding flags (`flags`) must be checked first.

    `messages`: one line per flag (or the message given), as a form error shows them."""

    def __init__(self, flags, message=None):
        self.flags = list(flags)
        lines = [message] if message else []
        lines = lines or [gettext("Not published: %(flag)s") % {"flag": f} for f in self.flags]
        ValidationError.__init__(self, lines or [gettext("Not published.")])
        self.workflow = self.source = self.target = None

    def __str__(self):
        return " ".join(str(line) for line in self.messages)


def flags_for(obj):
    return SensitiveFlag.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    )


@transaction.atomic
def check_for_publication(obj, texts, *, by=None, allowed=(), consents=()):
    """Scan texts (field name -> text) and consents; return the open flags of obj."""
    found = set()
    for field, text in texts.items():
        for flag in scan(text or "", allowed=allowed):
            found.add((field, flag.kind, flag.text[:300]))
    for label, item in consents:
        if not item.may_publish:
            found.add((label, FlagKind.CONSENT, str(item)[:300]))
    existing = {(f.field, f.kind, f.text): f for f in flags_for(obj)}
    now = timezone.now()
    for key, flag in existing.items():
        if key not in found and flag.status == FlagStatus.OPEN:
            flag.status, flag.resolved_at, flag.resolved_by = FlagStatus.FIXED, now, by
            flag.save(update_fields=["status", "resolved_at", "resolved_by"])
        elif key in found and flag.status == FlagStatus.FIXED:
            # It was fixed, then came back: it must be checked again.
            flag.status, flag.resolved_at, flag.resolved_by = FlagStatus.OPEN, None, None
            flag.save(update_fields=["status", "resolved_at", "resolved_by"])
    content_type = ContentType.objects.get_for_model(obj)
    for field, kind, text in found - set(existing):
        SensitiveFlag.objects.create(
            network=obj.network,
            content_type=content_type,
            object_id=str(obj.pk),
            object_repr=str(obj)[:200],
            field=field,
            kind=kind,
            text=text,
        )
    return list(flags_for(obj).filter(status=FlagStatus.OPEN))


def publish_blockers(obj):
    """Open flags: while there are any, obj is not published."""
    return list(flags_for(obj).filter(status=FlagStatus.OPEN))


def guard(obj, texts, *, by=None, allowed=(), consents=(), message=None):
    """The one guard before publishing: check, and raise PublicationBlocked while flags are
    open (they are kept, outside the caller's transaction, for the coordinator to look at).
    `message`: a function of the flags returning the words for the person, if not the
    default one line per flag."""
    check_for_publication(obj, texts, by=by, allowed=allowed, consents=consents)
    flags = publish_blockers(obj)
    if flags:
        raise PublicationBlocked(flags, message(flags) if message else None)


def confirm(flag, *, by):
    """The coordinator checked the flag: the text may be published as it is."""
    if flag.kind == FlagKind.CONSENT:
        raise ValueError("Consent cannot be waved through: record it, or remove the item.")
    if flag.status != FlagStatus.OPEN:
        return flag
    also = {"resolved_by": by, "resolved_at": timezone.now()}
    if not move(flag, field="status", to=FlagStatus.CONFIRMED, also=also):
        return flag  # confirmed (or fixed) by a request running beside
    record(Verb.CHANGE, flag, by=by, network=flag.network, data={"flag": "confirmed"})
    return flag
