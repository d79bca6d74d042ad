import csv
import io

import pytest
from openpyxl import load_workbook

from carnet.accounts.models import Action

from .factories import InterviewFactory, VideoFactory

LISTS = ["interviews", "documents", "sessions", "attendance", "follow-ups", "learnings", "videos"]


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("what", LISTS)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_list_exports(client, farid, network, what, fmt):
    client.force_login(farid)
    response = client.get(f"/euromed/capitalisation/export/{what}.{fmt}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="euromed-{what}.{fmt}"'
    assert Action.objects.filter(verb="export").get().data == {"list": what, "format": fmt}


def test_interview_export_has_notes_for_organisers_only(client, farid, vera, network, org_a):
    InterviewFactory(network=network, organisation=org_a, notes="Private", expectations="=1+1")
    client.force_login(farid)
    rows = read_csv(client.get("/euromed/capitalisation/export/interviews.csv"))
    assert rows[0][-1] == "Notes"
    assert rows[1] == [
        "Caritas Albania",
        "2019-09-20",
        "Video call",
        "",
        "Planned",
        "",
        "'=1+1",
        "Private",
    ]
    client.force_login(vera)
    rows = read_csv(client.get("/euromed/capitalisation/export/interviews.csv"))
    assert "Notes" not in rows[0]
    assert "Private" not in rows[1]


def test_xlsx_export_holds_the_rows(client, farid, network, org_a):
    VideoFactory(
        network=network, organisation=org_a, title="Testimony of Caritas Albania", status="editing"
    )
    client.force_login(farid)
    response = client.get("/euromed/capitalisation/export/videos.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:5] == ["Title", "Organisation", "Speaker", "Language", "Status"]
    assert rows[1][:5] == [
        "Testimony of Caritas Albania",
        "Caritas Albania",
        None,
        "English",
        "Editing",
    ]


def test_an_unknown_list_or_format_is_404(client, farid, network):
    client.force_login(farid)
    assert client.get("/euromed/capitalisation/export/people.csv").status_code == 404
    assert client.get("/euromed/capitalisation/export/videos.pdf").status_code == 404


def test_exports_read_the_exercise_shown(client, farid, claire, network, org_a, org_b):
    from carnet.capitalisation import domain

    first = domain.create_exercise(network=network, title="2019")
    InterviewFactory(network=network, organisation=org_a)
    domain.start_exercise(network=network, title="2029", by=claire)
    InterviewFactory(network=network, organisation=org_b)
    client.force_login(farid)

    current = read_csv(client.get("/euromed/capitalisation/export/interviews.csv"))
    earlier = read_csv(
        client.get(f"/euromed/capitalisation/export/interviews.csv?exercise={first.pk}")
    )

    assert [row[0] for row in current[1:]] == [str(org_b)]
    assert [row[0] for row in earlier[1:]] == [str(org_a)]
    assert Action.objects.filter(verb="export").order_by("pk").last().data == {
        "list": "interviews",
        "format": "csv",
        "exercise": "2019",
    }
    page = client.get(f"/euromed/capitalisation/interviews/?exercise={first.pk}").content.decode()
    assert f"/euromed/capitalisation/export/interviews.xlsx?exercise={first.pk}" in page
    assert client.get("/euromed/capitalisation/export/interviews.csv?exercise=0").status_code == 404


def test_the_participation_chart_counts_the_exercise_shown(network, claire, org_a):
    from carnet.capitalisation import domain, synthesis
    from carnet.capitalisation.enums import InterviewStatus

    first = domain.create_exercise(network=network, title="2019")
    InterviewFactory(network=network, organisation=org_a, status=InterviewStatus.DONE)
    second = domain.start_exercise(network=network, title="2029", by=claire)

    def interviews_done(exercise):
        rows = dict(synthesis.participation(network, exercise)["rows"])
        return rows[str(org_a)][0]

    assert (interviews_done(first), interviews_done(second)) == (1, 0)
