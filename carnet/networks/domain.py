import datetime
from collections import OrderedDict

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from carnet.accounts.domain import invite, record
from carnet.accounts.enums import RoleKind, Verb
from carnet.accounts.models import Role, User
from carnet.lib.svgcharts import Bar, gantt
from carnet.lib.uploads import store_image
from carnet.safeguarding.domain import check_for_publication
from carnet.safeguarding.public import public_texts
from carnet.vocabulary.domain import label_of
from carnet.vocabulary.domain import labels as vocabulary_labels

from .enums import MembershipRole, ReasonKind
from .models import Membership, MembershipReason, Network, Organisation


def membership_chart(memberships):
    """The SVG chart of who joined and left when, from memberships with organisations."""
    bars = [
        Bar(
            label=str(m.organisation),
            start=m.joined_on,
            end=m.left_on,
            highlight=m.role == MembershipRole.PILOT,
        )
        for m in memberships
    ]
    current = sum(1 for m in memberships if m.left_on is None)
    return gantt(
        bars,
        title=_("Membership over time"),
        description=_(
            "%(total)d organisations have been members; %(current)d are members today. "
            "Each bar runs from the year an organisation joined to the year it left."
        )
        % {"total": len(memberships), "current": current},
    )


def reasons_by_kind(network, *, published_only=True):
    """Join, stay and leave reasons: for each kind, categories with counts and statements.

    Public readers get the published reasons only; members (published_only=False) all."""
    reasons = MembershipReason.objects.filter(membership__network=network)
    if published_only:
        reasons = reasons.published()
    reasons = reasons.select_related("membership__organisation").order_by("kind", "category", "id")
    grouped = OrderedDict((kind, OrderedDict()) for kind in ReasonKind)
    words = vocabulary_labels(network, "reason_category")
    for reason in reasons:
        grouped[ReasonKind(reason.kind)].setdefault(label_of(words, reason.category), []).append(
            reason
        )
    return [
        {
            "kind": kind,
            "total": sum(len(items) for items in categories.values()),
            "categories": [
                {
                    "label": label,
                    "count": len({r.membership.organisation_id for r in items}),
                    "reasons": items,
                }
                for label, items in sorted(categories.items(), key=lambda kv: -len(kv[1]))
            ],
        }
        for kind, categories in grouped.items()
    ]


def allowed_names(network):
    """Names that may appear in what the network publishes: its own, its members' and
    their countries and cities (the sensitive-content check does not flag them)."""
    names = [network.name]
    for membership in network.memberships.select_related("organisation"):
        org = membership.organisation
        names += [org.name, org.short_name, org.country.name, org.city]
    return names


def publish_reasons(network, *, by):
    """Publish the network's private join/stay/leave reasons that pass the sensitive-content
    check; the others stay private, their flags on the coordinator's review page.
    Returns (published, held back)."""
    allowed = allowed_names(network)
    published, held = [], []
    reasons = MembershipReason.objects.filter(membership__network=network, is_published=False)
    for reason in reasons.select_related("membership__organisation", "membership__network"):
        flags = check_for_publication(reason, public_texts(reason), by=by, allowed=allowed)
        (held if flags else published).append(reason)
    MembershipReason.objects.filter(pk__in=[r.pk for r in published]).update(is_published=True)
    if published:
        record(Verb.PUBLISH, network, by=by, data={"reasons": [r.pk for r in published]})
    return published, held


def check_profile(organisation, *, by):
    """Run the sensitive-content check on an organisation's public profile, in each network
    where it is shown; a profile with open flags shows no description to public readers."""
    for membership in organisation.memberships.select_related("network"):
        check_for_publication(
            membership, public_texts(membership), by=by, allowed=allowed_names(membership.network)
        )


@transaction.atomic
def create_network(
    *, name, slug, description="", languages="en", logo=None, by=None, coordinator_email=None
):
    """Create an unpublished network with its first exercise (the five default phases)
    and its coordinator: the person with coordinator_email when given (a role when they
    have an account, else an invitation), otherwise `by`. Raises ValidationError for a
    slug taken or reserved, or when nobody would coordinate the network.

    logo: an image already cleaned by carnet.lib.uploads.clean_image."""
    from carnet.capitalisation.domain import create_exercise  # it imports this module
    from carnet.vocabulary.domain import seed as seed_vocabulary  # the neutral default set

    network = Network(name=name, slug=slug, description=description, languages=languages)
    network.full_clean(exclude=["logo"])
    coordinator_email = (coordinator_email or "").strip()
    if not coordinator_email and (by is None or not by.is_authenticated):
        raise ValidationError(_("Name the network's coordinator by their e-mail address."))
    if logo is not None:
        network.logo.name = store_image(logo, default_storage, "network-logos")
    network.save()
    record(Verb.CREATE, network, by=by, data={"slug": network.slug})
    create_exercise(network=network, title=_("Capitalisation of %(name)s") % {"name": name})
    seed_vocabulary(network)
    if coordinator_email:
        coordinator = User.objects.filter(email__iexact=coordinator_email).first()
        if coordinator is None:
            invite(network, email=coordinator_email, kind=RoleKind.COORDINATOR, by=by)
            return network
    else:
        coordinator = by
    role = Role.objects.create(user=coordinator, network=network, kind=RoleKind.COORDINATOR)
    record(Verb.CREATE, role, by=by, data={"role": RoleKind.COORDINATOR})
    return network


# Members: added, edited, ended and imported by the coordinator ------------------------

ORGANISATION_FIELDS = ("name", "short_name", "country", "city", "website")
MEMBERSHIP_FIELDS = ("role", "joined_on", "left_on")


def _apply(membership, values):
    """Set values on the membership and its organisation; return the names that changed."""
    changed = []
    for obj, fields in (
        (membership.organisation, ORGANISATION_FIELDS),
        (membership, MEMBERSHIP_FIELDS),
    ):
        for name in fields:
            if name in values and getattr(obj, name) != values[name]:
                setattr(obj, name, values[name])
                changed.append(name)
    return changed


def _save(membership):
    organisation = membership.organisation
    organisation.full_clean()
    organisation.save()
    membership.organisation = organisation
    membership.full_clean()
    membership.save()


def add_member(network, values, *, by):
    """A new organisation, member of the network from values["joined_on"]."""
    with transaction.atomic():
        membership = Membership(network=network, organisation=Organisation())
        _apply(membership, values)
        _save(membership)
        record(Verb.CREATE, membership, by=by, organisation=membership.organisation)
    return membership


def edit_member(membership, values, *, by):
    with transaction.atomic():
        changed = _apply(membership, values)
        if changed:
            _save(membership)
            record(
                Verb.CHANGE,
                membership,
                by=by,
                organisation=membership.organisation,
                data={"fields": changed},
            )
    return changed


def end_membership(membership, left_on, *, by):
    """The member leaves on left_on; nothing is deleted. Refuses a day before it joined."""
    if left_on < membership.joined_on:
        raise ValidationError(
            {
                "left_on": _("A membership cannot end before it began (%(date)s).")
                % {"date": membership.joined_on.isoformat()}
            }
        )
    membership.left_on = left_on
    membership.save(update_fields=["left_on"])
    record(
        Verb.STATE,
        membership,
        by=by,
        organisation=membership.organisation,
        data={"left_on": left_on.isoformat()},
    )


def import_plan(network, rows):
    """For each parsed row: (row, membership or None, the fields it changes). Writes nothing;
    an organisation is matched by its name (without case) among the network's members."""
    existing = {
        m.organisation.name.lower(): m for m in network.memberships.select_related("organisation")
    }
    plan = []
    for row in rows:
        values = _values(row)
        membership = existing.get(row["name"].lower())
        if membership is None:
            plan.append((row, None, list(values)))
        else:
            changed = [
                name
                for name in ORGANISATION_FIELDS + MEMBERSHIP_FIELDS
                if getattr(
                    membership.organisation if name in ORGANISATION_FIELDS else membership, name
                )
                != values[name]
            ]
            plan.append((row, membership, changed))
    return plan


def _values(row):
    values = {name: row[name] for name in ORGANISATION_FIELDS + ("role",)}
    values["joined_on"] = datetime.date.fromisoformat(row["joined_on"])
    values["left_on"] = datetime.date.fromisoformat(row["left_on"]) if row["left_on"] else None
    return values


def import_members(network, rows, *, by):
    """Create or update every row, all or nothing (ValidationError: nothing is written).
    Returns (created, updated) counts; rows that change nothing are left alone."""
    created = updated = 0
    with transaction.atomic():
        for row, membership, changed in import_plan(network, rows):
            if membership is None:
                membership = Membership(network=network, organisation=Organisation())
                created += 1
            elif changed:
                updated += 1
            else:
                continue
            _apply(membership, _values(row))
            try:
                _save(membership)
            except ValidationError as exc:
                raise ValidationError(
                    _("Row %(row)s: %(errors)s")
                    % {"row": row["row"], "errors": "; ".join(exc.messages)}
                ) from None
        if created or updated:
            record(Verb.IMPORT, network, by=by, data={"created": created, "updated": updated})
    return created, updated
