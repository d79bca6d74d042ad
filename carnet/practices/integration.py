"""What sheets bring to the capitalisation (citable passages, progress, participation) and
who may read their photos."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from carnet.capitalisation import evidence, progress, synthesis
from carnet.media.registry import register as register_files

from .enums import SheetState
from .fields import DEFAULT_FIELDS, OTHER
from .models import Sheet, SheetPhoto
from .rules import can_view_photo

# The fields a learning may cite: the written text, not names, contacts or authors.
CITABLE_FIELDS = [
    spec.key
    for spec in DEFAULT_FIELDS
    if spec.markdown and spec.key not in (OTHER, "contact", "quote")
]
REVIEWED = (SheetState.APPROVED, SheetState.VALIDATED, SheetState.PUBLISHED)
VALIDATED = (SheetState.VALIDATED, SheetState.PUBLISHED)


def _written(exercise):
    network = exercise.network
    wrote = Sheet.objects.references(network).values("organisation").distinct().count()
    return wrote, progress.partners(network)


def _counted(states):
    def compute(exercise):
        counts = Sheet.objects.references(exercise.network).aggregate(
            total=Count("id"), done=Count("id", filter=Q(state__in=states))
        )
        return (counts["done"], counts["total"]) if counts["total"] else None

    return compute


def _per_organisation(network):
    rows = Sheet.objects.references(network).values("organisation").annotate(n=Count("id"))
    return {row["organisation"]: row["n"] for row in rows}


def register():
    register_files(SheetPhoto, "image", readable=can_view_photo)
    evidence.register(
        Sheet,
        label=_("Good-practice sheet"),
        queryset=lambda network: Sheet.objects.filter(network=network),
        fields=CITABLE_FIELDS,
        organisation=lambda sheet: sheet.organisation,
        select_related=("organisation", "network"),
        public=lambda sheet: sheet.is_published and sheet.network.is_published,
        defer=("content",),
    )
    progress.register_step(
        "sheets_written", phase=4, label=_("Partners who wrote a sheet"), compute=_written
    )
    progress.register_step(
        "sheets_reviewed", phase=5, label=_("Sheets reviewed"), compute=_counted(REVIEWED)
    )
    progress.register_step(
        "sheets_validated",
        phase=5,
        label=_("Sheets validated by their partner"),
        compute=_counted(VALIDATED),
    )
    synthesis.register_participation("sheets", label=_("Sheets written"), counts=_per_organisation)
