"""The document library as rows, for the CSV and XLSX exports (capitalisation's export page
lists it with the other lists of the network)."""

from django.utils.translation import gettext as _

from .models import Document


def documents(network, **kwargs):
    headers = [_("Title"), _("Date"), _("Organisation"), _("Kind"), _("Tags"), _("Text")]
    rows = [
        [
            d.title,
            d.date.isoformat() if d.date else "",
            str(d.organisation or ""),
            d.get_kind_display(),
            d.tags,
            d.get_extraction_display(),
        ]
        for d in Document.objects.filter(network=network).select_related("organisation")
    ]
    return headers, rows
