"""Telling people: a notice in the app for each, an e-mail at once or in a digest.

`deliver` is called by `carnet.accounts.notifications.notify`, after the rule of the object's
page chose the people (`recipients`). `send_digests` is run by `carnet digests` (cron): it can
run as often as one likes and from two machines at once; each person gets at most one digest
per period, and a notice is carried by at most one e-mail.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail, send_mass_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from carnet.lib.links import absolute

from .enums import Frequency
from .models import PERIOD, Notice, Preference

log = logging.getLogger(__name__)


def frequencies(people, network):
    """{person id: frequency} for these people in this network (no row: at once)."""
    rows = Preference.objects.filter(network=network, person__in=people)
    return {row.person_id: row.frequency for row in rows}


def deliver(people, *, network, subject, body, path="", personal=None, mention=False):
    """A notice for each person, written in their language (`subject` and `body` are functions
    called with that language active), and an e-mail now to those who want one at once.
    `personal(person)`, if given, adds a paragraph to that person's e-mail only (e.g. a link
    that is theirs alone); it is never stored in the notice, nor put in a digest.
    Returns the number of people told."""
    by_language = {}
    for person in people:
        by_language.setdefault(person.mail_language, []).append(person)
    notices = []
    for language, group in by_language.items():
        with translation.override(language):
            title, text = str(subject())[:300], str(body())
        notices += [
            Notice(
                recipient=p,
                network=network,
                subject=title,
                body=text,
                path=path or "",
                mention=mention,
            )
            for p in group
        ]
    if not notices:
        return 0
    Notice.objects.bulk_create(notices)
    if mention:  # bulk_create sends no post_save: the badge must count the new line
        from carnet.accounts.waiting import forget_counts

        forget_counts(Notice)
    wanted = frequencies(people, network)
    at_once = [
        n for n in notices if wanted.get(n.recipient.pk, Frequency.AT_ONCE) == Frequency.AT_ONCE
    ]
    if at_once:
        send_mass_mail([mail_of(n, personal) for n in at_once], fail_silently=True)
        now = timezone.now()
        for notice in at_once:
            notice.mailed_at = now
        Notice.objects.bulk_update(at_once, ["mailed_at"])
    return len(notices)


def mail_of(notice, personal=None):
    person = notice.recipient
    extra = ""
    if personal is not None:
        with translation.override(person.mail_language):
            extra = str(personal(person) or "")
    link = absolute(notice.path) if notice.path else ""
    text = "\n\n".join(part for part in (notice.body, link, extra) if part)
    return (notice.subject, text, settings.DEFAULT_FROM_EMAIL, [person.email])


def set_frequency(person, network, frequency):
    """Choose how this person hears from this network; a digest starts a full period later."""
    Preference.objects.update_or_create(
        person=person,
        network=network,
        defaults={"frequency": frequency, "last_digest_at": timezone.now()},
    )


def send_digests(now=None):
    """E-mail each person whose daily or weekly period has passed the notices no e-mail has
    carried yet. Returns the number of digests sent."""
    now = now or timezone.now()
    sent = 0
    due = Preference.objects.filter(
        frequency__in=list(PERIOD), person__is_active=True
    ).select_related("person", "network")
    for preference in due:
        if (
            preference.last_digest_at
            and preference.last_digest_at > now - PERIOD[preference.frequency]
        ):
            continue
        try:
            sent += send_digest(preference, now)
        except Exception:  # one person's mail server error must not stop the others
            log.exception("The digest of %s could not be sent", preference.person)
    return sent


@transaction.atomic
def send_digest(preference, now):
    pending = Notice.objects.filter(
        recipient=preference.person,
        network=preference.network,
        mailed_at__isnull=True,
        created__lte=now,
    ).order_by("created", "id")
    notices = list(pending)
    if not notices or not preference.person.email:
        return 0
    # Claim the period: of two runs at the same time, one updates the row, the other none.
    previous = (
        Q(last_digest_at__isnull=True)
        if preference.last_digest_at is None
        else Q(last_digest_at=preference.last_digest_at)
    )
    if not Preference.objects.filter(previous, pk=preference.pk).update(last_digest_at=now):
        return 0
    Notice.objects.filter(pk__in=[n.pk for n in notices]).update(mailed_at=now)
    with translation.override(preference.person.mail_language):
        subject = ngettext(
            "%(network)s: %(count)d new notice",
            "%(network)s: %(count)d new notices",
            len(notices),
        ) % {"network": preference.network.name, "count": len(notices)}
        lines = [f"- {n.subject}" + (f"\n  {absolute(n.path)}" if n.path else "") for n in notices]
        footer = _("Choose how often Carnet writes to you: %(link)s") % {
            "link": absolute(reverse("notices:settings"))
        }
    # Raises on failure: the transaction rolls back, the next run tries again.
    send_mail(subject, "\n\n".join(["\n".join(lines), footer]), None, [preference.person.email])
    return 1
