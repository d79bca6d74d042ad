import pytest

from carnet.reports import domain
from carnet.reports.enums import ChapterKind
from carnet.reports.models import Report


@pytest.fixture
def report(network, org_a, org_b, farid):
    report = Report.objects.create(network=network, title="Nine years", subtitle="Learnings")
    domain.add_chapter(
        report,
        by=farid,
        kind=ChapterKind.TEXT,
        title="Introduction",
        body="Why we *capitalised*.\n\n## How\n\n- interviews\n- a workshop",
    )
    domain.add_chapter(
        report, by=farid, kind=ChapterKind.BLOCK, block="membership", title="The network over time"
    )
    domain.add_chapter(
        report, by=farid, kind=ChapterKind.BLOCK, block="methodology", title="Methodology"
    )
    return report


@pytest.fixture
def version(report, farid):
    return domain.build_now(report, by=farid)[0]
