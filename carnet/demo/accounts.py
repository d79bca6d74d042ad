"""Demo step for people and access: a pending invitation, a history, a logo.

Idempotent: the invitation is found by address, the history is written once
(its lines carry data["demo"]), the logo is made only while the organisation has none.
"""

import datetime
import io
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image, ImageDraw

from carnet.accounts.domain import hash_token, record
from carnet.accounts.enums import RoleKind, Verb
from carnet.accounts.models import Action, Invitation
from carnet.lib.uploads import clean_image, store_image

INVITED = "partner@caritas-kosovo.example.org"


def _at(day, hour=10):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


def pending_invitation(network, organisation, by):
    invitation, _ = Invitation.objects.get_or_create(
        network=network,
        email=INVITED,
        defaults={
            "kind": RoleKind.PARTNER_EDITOR,
            "organisation": organisation,
            "invited_by": by,
            "token_hash": hash_token(secrets.token_urlsafe(32)),
            "expires_at": timezone.now() + datetime.timedelta(days=7),
        },
    )
    if invitation.status == "expired":  # keep it pending on every load
        invitation.expires_at = timezone.now() + datetime.timedelta(days=7)
        invitation.save(update_fields=["expires_at"])
    return invitation


def history(network, people, orgs, exercise):
    if Action.objects.filter(network=network, data__demo=True).exists():
        return
    claire, farid, ana, bora = (people[k] for k in ("claire", "farid", "ana", "bora"))
    phases = list(exercise.phases.order_by("number"))
    lines = [
        (datetime.date(2019, 9, 2), claire, Verb.CREATE, exercise, None, {}),
        (datetime.date(2019, 9, 3), claire, Verb.INVITE, farid, None, {"role": "facilitator"}),
        (datetime.date(2019, 9, 3), claire, Verb.INVITE, ana, None, {"role": "partner_editor"}),
        (datetime.date(2019, 9, 4), claire, Verb.INVITE, bora, None, {"role": "partner_editor"}),
        (
            datetime.date(2019, 9, 10),
            ana,
            Verb.CHANGE,
            orgs["albania"],
            orgs["albania"],
            {"fields": ["description", "logo"]},
        ),
        (
            datetime.date(2019, 9, 12),
            bora,
            Verb.CHANGE,
            orgs["armenia"],
            orgs["armenia"],
            {"fields": ["city", "website"]},
        ),
        (datetime.date(2019, 10, 31), farid, Verb.STATE, phases[0], None, {"status": "done"}),
        (datetime.date(2019, 11, 8), farid, Verb.STATE, phases[1], None, {"status": "done"}),
        (datetime.date(2019, 12, 20), farid, Verb.STATE, phases[3], None, {"status": "done"}),
        (datetime.date(2020, 1, 17), farid, Verb.STATE, phases[2], None, {"status": "done"}),
        (datetime.date(2020, 1, 20), claire, Verb.CHANGE, network, None, {"fields": ["languages"]}),
    ]
    for hour, (day, by, verb, target, organisation, data) in enumerate(lines):
        action = record(
            verb,
            target,
            by=by,
            network=network,
            organisation=organisation or by.organisation_in(network),
            data={**data, "demo": True},
        )
        Action.objects.filter(pk=action.pk).update(created=_at(day, 9 + hour % 8))


def make_logo(name, colour):
    """A round badge with the organisation's initial, made with Pillow."""
    image = Image.new("RGB", (640, 640), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((40, 40, 600, 600), fill=colour)
    draw.rectangle((250, 170, 390, 470), fill="white")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name=f"{name}.png")


def logo(organisation, colour):
    if organisation.logo and default_storage.exists(organisation.logo.name):
        return
    clean = clean_image(make_logo("logo", colour))
    organisation.logo.name = store_image(clean, default_storage, "logos")
    organisation.save(update_fields=["logo"])


def adjusted_vocabulary(network, claire):
    """Claire gave the network a reason category of its own (the set-up checklist's step);
    no item uses it, so readers see nothing new."""
    from carnet.vocabulary import domain as vocabulary
    from carnet.vocabulary.enums import TermKind
    from carnet.vocabulary.models import Term

    label = "Shared advocacy"
    if not Term.objects.filter(network=network, kind=TermKind.REASON_CATEGORY, label=label):
        vocabulary.add_term(network, TermKind.REASON_CATEGORY, label, by=claire)


def load(ctx):
    network, people, orgs = ctx["network"], ctx["people"], ctx["organisations"]
    adjusted_vocabulary(network, people["claire"])
    ctx["invitation"] = pending_invitation(network, orgs["kosovo"], people["claire"])
    history(network, people, orgs, ctx["exercise"])
    logo(orgs["albania"], "#c8102e")
