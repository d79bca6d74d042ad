"""A spreadsheet as a source of the timeline: "study-visits.xlsx", imported once by Farid;
its newer version (one visit added, one changed, one as it was) waits for him to preview."""

from django.core.files.uploadedfile import SimpleUploadedFile

from carnet.lib.spreadsheets import xlsx_bytes
from carnet.timeline import sources
from carnet.timeline.enums import SourceKind, SourceStatus
from carnet.timeline.models import TimelineSource

NAME = "study-visits.xlsx"
HEADER = ["Year", "Month", "Day", "Headline", "Text", "Unique ID"]
TIRANA = [
    2012,
    10,
    9,
    "Study visit to Tirana",
    "<p>Three days with the shelter of Caritas Albania.</p>",
    "study-visit-tirana",
]  # noqa: E501
SARAJEVO = [
    2014,
    4,
    15,
    "Study visit to Sarajevo",
    "<p>The court and the hotline.</p>",
    "study-visit-sarajevo",
]  # noqa: E501
SARAJEVO_NOW = [
    2014,
    4,
    15,
    "Study visit to Sarajevo",
    "<p>The court, the hotline and the new safe house.</p>",
    "study-visit-sarajevo",
]  # noqa: E501
YEREVAN = [
    2016,
    9,
    27,
    "Study visit to Yerevan",
    "<p>Reintegration after return.</p>",
    "study-visit-yerevan",
]  # noqa: E501
FIRST = [TIRANA, SARAJEVO]
NEWER = [TIRANA, SARAJEVO_NOW, YEREVAN]  # 1 created, 1 changed, 1 unchanged


def workbook(rows):
    return SimpleUploadedFile(NAME, xlsx_bytes([HEADER, *rows], title="Study visits"))


def load(ctx):
    network, farid = ctx["network"], ctx["people"]["farid"]
    source = TimelineSource.objects.filter(network=network, kind=SourceKind.FILE, name=NAME).first()
    if source is None:
        source = sources.add_file(network, workbook(FIRST), by=farid)
        sources.apply(source, digest=source.digest, by=farid)
    if source.status != SourceStatus.READY:
        sources.add_file(network, workbook(NEWER), by=farid)
