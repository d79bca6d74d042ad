import datetime

import pytest

from carnet.practices.models import SheetPhoto
from carnet.reports.enums import BuildStatus
from carnet.reports.models import Report, ReportVersion
from carnet.safeguarding.enums import ConsentScope
from tests.capitalisation.factories import DocumentFactory, VideoFactory
from tests.practices.factories import make_sheet
from tests.timeline.factories import MilestoneFactory

from .files import stored, stored_image

CONSENTED = {
    "consent_scope": ConsentScope.PUBLICATION,
    "consent_by": "the people shown",
    "consent_on": datetime.date(2024, 5, 1),
}


@pytest.fixture
def files(network, org_a, claire):
    """One unpublished object of organisation A per kind of file, in euromed.

    Returns {kind: (owner object, stored name)}.
    """
    document = DocumentFactory(
        network=network, organisation=org_a, file=stored("documents", "minutes.pdf")
    )
    video = VideoFactory(
        network=network,
        organisation=org_a,
        file=stored("videos", "testimony.mp4"),
        subtitles=stored("subtitles", "testimony.vtt", b"WEBVTT\n\n"),
    )
    moment = MilestoneFactory(network=network, organisation=org_a, image=stored_image("timeline"))
    sheet = make_sheet(network=network, organisation=org_a, by=claire)
    photo = SheetPhoto.objects.create(sheet=sheet, image=stored_image("sheets"))
    report = Report.objects.create(network=network, title="Nine years")
    version = ReportVersion.objects.create(
        report=report,
        number=1,
        status=BuildStatus.READY,
        content_hash="0" * 64,
        pdf=stored("reports", "report-v1.pdf"),
        docx=stored("reports", "report-v1.docx"),
    )
    return {
        "library document": (document, document.file.name),
        "video file": (video, video.file.name),
        "subtitles": (video, video.subtitles.name),
        "key moment image": (moment, moment.image.name),
        "sheet photo": (photo, photo.image.name),
        "report PDF": (version, version.pdf.name),
        "report DOCX": (version, version.docx.name),
    }
