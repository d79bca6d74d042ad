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

from .enums import MembershipRole, ReasonKind
from .models import MembershipReason, Network


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
    for reason in reasons:
        grouped[ReasonKind(reason.kind)].setdefault(reason.get_category_display(), []).append(
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
