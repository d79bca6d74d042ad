"""The validation matrix: organisations × deliverables, with who validated which version.

Each provider returns the deliverables of a network as Rows. The report's review
rounds are one provider; other apps add theirs (sheets, images, videos) to
PROVIDERS. Items validated through the generic Validation model are reset as
soon as their content changes (their fingerprint no longer matches).
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
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
    # For items validated through the Validation model: what a partner's answer points at.
    content_type_id: int = 0
    object_id: str = ""
    # The organisation's editors may answer it from the matrix now.
    answerable: bool = False
    # The note of an organisation that asks for changes (the facilitators read it here).
    note: str = ""


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
                note=decision.note if decision and state == DecisionState.CHANGES_REQUESTED else "",
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
                url=item_url(item),
                reset=reset,
                content_type_id=ct,
                object_id=str(item.pk),
                answerable=True,
                note=validation.note if state == DecisionState.CHANGES_REQUESTED else "",
            )
        )
    return rows


def sheet_rows(network):
    """Each organisation's sheets: validated (which version, who, when), changes asked for
    (by a one-click link: until the sheet changes), or not yet."""
    from carnet.practices.enums import SheetState
    from carnet.practices.models import Sheet

    from .domain import fingerprint

    sheet_type = ContentType.objects.get_for_model(Sheet).pk
    sheets = (
        Sheet.objects.filter(network=network, translation_of__isnull=True)
        .select_related("validated_version", "validated_by")
        .order_by("title")
    )
    asked = {
        (v.organisation_id, v.object_id): v
        for v in Validation.objects.filter(
            network=network, content_type_id=sheet_type, state=DecisionState.CHANGES_REQUESTED
        ).select_related("by")
    }
    rows = []
    for sheet in sheets:
        state = DecisionState.VALIDATED if sheet.validated_version_id else DecisionState.PENDING
        validated = state == DecisionState.VALIDATED
        changes = asked.get((sheet.organisation_id, str(sheet.pk)))
        if changes is not None and (validated or changes.fingerprint != fingerprint(sheet)):
            changes = None  # answered since, or changed since: it no longer holds
        if changes is not None:
            state = DecisionState.CHANGES_REQUESTED
        answered_by, answered_at = (
            (sheet.validated_by, sheet.validated_at)
            if validated
            else (getattr(changes, "by", None), getattr(changes, "at", None))
        )
        rows.append(
            Row(
                organisation_id=sheet.organisation_id,
                deliverable=_("Sheets"),
                item=f"{sheet.title} ({sheet.get_state_display()})",
                state=state,
                state_label=DecisionState(state).label,
                version=str(sheet.validated_version.number) if validated else "",
                by=str(answered_by or ""),
                at=answered_at,
                url=sheet.get_absolute_url(),
                content_type_id=sheet_type,
                object_id=str(sheet.pk),
                # Its organisation validates it once the facilitators approved it.
                answerable=sheet.state == SheetState.APPROVED,
                note=changes.note if changes is not None else "",
            )
        )
    return rows


def item_url(item):
    """Where the matrix links an item: a page every member may open (a video's own page is
    its organisers' form: the members' list of videos shows it, with its file and link)."""
    from carnet.capitalisation.models import Video

    if isinstance(item, Video):
        return reverse("capitalisation:videos", args=[item.network.slug]) + f"#video-{item.pk}"
    return getattr(item, "get_absolute_url", lambda: "")()


def sheet_pairs(network):
    from carnet.practices.models import Sheet

    sheets = Sheet.objects.filter(network=network, translation_of__isnull=True)
    return [(sheet.organisation_id, sheet) for sheet in sheets]


def image_pairs(network):
    """(organisation id, image) for each image that shows an organisation: the moments'
    images (one pair per organisation of the moment) and the sheets' photos."""
    from carnet.practices.models import SheetPhoto
    from carnet.timeline.models import Milestone

    pairs = []
    moments = (
        Milestone.objects.filter(network=network)
        .on_timeline()
        .exclude(image="")
        .prefetch_related("organisations")
    )
    for moment in moments:
        for organisation in moment.organisations.all():
            pairs.append((organisation.pk, moment))
    photos = SheetPhoto.objects.filter(sheet__network=network).select_related("sheet")
    pairs += [(photo.sheet.organisation_id, photo) for photo in photos]
    return pairs


def video_pairs(network):
    from carnet.capitalisation.models import Video

    videos = Video.objects.filter(network=network, organisation__isnull=False)
    return [(v.organisation_id, v) for v in videos]


def image_rows(network):
    return item_rows(network, image_pairs(network), _("Images"))


def video_rows(network):
    return item_rows(network, video_pairs(network), _("Videos"))


PROVIDERS = [report_rows, sheet_rows, image_rows, video_rows]


def answering_for(user, network):
    """The organisation this person answers for in the matrix (its editors), else None."""
    organisation = user.organisation_in(network) if user.is_authenticated else None
    if organisation is None:
        return None
    answer = Validation(network=network, organisation=organisation)
    return organisation if user.has_perm("reports.decide_validation", answer) else None


def validatable(network, organisation_id, content_type_id, object_id):
    """The item, if it is one the organisation is asked to validate; else None.
    (The pairs only: no row, fingerprint or earlier validation is computed.)"""
    for pairs in (image_pairs, video_pairs, sheet_pairs):
        for org_id, item in pairs(network):
            if (
                org_id == organisation_id
                and str(item.pk) == str(object_id)
                and ContentType.objects.get_for_model(item).pk == content_type_id
            ):
                return item
    return None


def answerable_item(network, organisation, item):
    """Whether the organisation is asked to validate this item now (a sheet: once approved)."""
    from carnet.practices.enums import SheetState
    from carnet.practices.models import Sheet

    if isinstance(item, Sheet) and item.state != SheetState.APPROVED:
        return False
    content_type = ContentType.objects.get_for_model(item).pk
    return validatable(network, organisation.pk, content_type, item.pk) is not None


ROUND_PROVIDERS = [(sheet_rows, sheet_pairs), (image_rows, image_pairs), (video_rows, video_pairs)]


def waiting_items(network):
    """{organisation id: [item]}: the sheets, images and videos that each organisation can
    validate now and has not answered on (or that changed since it did) — what a validation
    round asks of it."""
    waiting = {}
    for rows, pairs in ROUND_PROVIDERS:
        items = {
            (ContentType.objects.get_for_model(item).pk, str(item.pk)): item
            for _org, item in pairs(network)
        }
        for row in rows(network):
            if row.answerable and row.state == DecisionState.PENDING:
                item = items.get((row.content_type_id, row.object_id))
                if item is not None:
                    waiting.setdefault(row.organisation_id, []).append(item)
    return waiting


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
