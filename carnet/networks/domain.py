from collections import OrderedDict

from django.utils.translation import gettext as _

from carnet.lib.svgcharts import Bar, gantt

from .enums import MembershipRole, ReasonKind
from .models import MembershipReason


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


def reasons_by_kind(network):
    """Join, stay and leave reasons: for each kind, categories with counts and statements."""
    reasons = (
        MembershipReason.objects.filter(membership__network=network)
        .select_related("membership__organisation")
        .order_by("kind", "category", "id")
    )
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
