"""The validation matrix: organisations × deliverables, with who validated which version.

Each provider returns the deliverables of a network as Rows. The report's review
rounds are one provider; other apps add theirs (sheets, images, videos) to
PROVIDERS. Items validated through the generic Validation model are reset as
soon as their content changes (their fingerprint no longer matches).
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from .enums import DecisionState
from .models import Decision, ReviewRound, Validation


@dataclass
class Row:
    organisation_id: int
    deliverable: str
    item: str
    state: str
    state_label: str
    version: str = ""
    by: str = ""
    at: object = None
    url: str = ""
    reset: bool = False


def report_rows(network):
    rounds = list(
        ReviewRound.objects.filter(version__report__network=network)
        .select_related("version")
        .order_by("-sent_at", "-id")
    )
    if not rounds:
        return []
    latest = rounds[0]
    decisions = {
        d.organisation_id: d for d in Decision.objects.filter(round=latest).select_related("by")
    }
    previous = {}
    for older in rounds[1:]:
        for d in older.decisions.filter(state=DecisionState.VALIDATED):
            previous.setdefault(d.organisation_id, older.version.number)
    rows = []
    for membership in network.memberships.all():
        org_id = membership.organisation_id
        decision = decisions.get(org_id)
        state = decision.state if decision else DecisionState.PENDING
        rows.append(
            Row(
                organisation_id=org_id,
                deliverable=_("Report"),
                item=_("Version %(n)s") % {"n": latest.version.number},
                state=state,
                state_label=DecisionState(state).label,
                version=str(latest.version.number),
                by=str(decision.by) if decision and decision.by else "",
                at=decision.at if decision else None,
                url=latest.version.get_absolute_url(),
                reset=state == DecisionState.PENDING and org_id in previous,
            )
        )
    return rows


def item_rows(network, items, deliverable):
    """Rows for (organisation_id, item) pairs validated through the Validation model."""
    from .domain import fingerprint

    rows = []
    if not items:
        return rows
    content_types = {ContentType.objects.get_for_model(item).pk for _org, item in items}
    validations = {
        (v.organisation_id, v.content_type_id, v.object_id): v
        for v in Validation.objects.filter(
            network=network, content_type__in=content_types
        ).select_related("by")
    }
    for org_id, item in items:
        ct = ContentType.objects.get_for_model(item).pk
        validation = validations.get((org_id, ct, str(item.pk)))
        reset = bool(validation) and validation.fingerprint != fingerprint(item)
        state = DecisionState.PENDING if (validation is None or reset) else validation.state
        rows.append(
            Row(
                organisation_id=org_id,
                deliverable=deliverable,
                item=str(item),
                state=state,
                state_label=DecisionState(state).label,
                by=str(validation.by) if validation and validation.by and not reset else "",
                at=validation.at if validation and not reset else None,
                url=getattr(item, "get_absolute_url", lambda: "")(),
                reset=reset,
            )
        )
    return rows


PROVIDERS = [report_rows]


def matrix(network):
    """(organisations, deliverables, {(org_id, deliverable): [Row]}, all rows)."""
    rows = [row for provider in PROVIDERS for row in provider(network)]
    organisations = [
        m.organisation
        for m in network.memberships.select_related("organisation").order_by("organisation__name")
    ]
    deliverables = list(dict.fromkeys(row.deliverable for row in rows))
    cells = {}
    for row in rows:
        cells.setdefault((row.organisation_id, row.deliverable), []).append(row)
    return organisations, deliverables, cells, rows
