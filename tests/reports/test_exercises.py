"""The report belongs to an exercise: a second exercise starts with no report, the first
exercise's report stays readable and its published version stays public."""

import pytest

from carnet.capitalisation import domain as capitalisation
from carnet.reports import domain
from carnet.reports.models import Report, ReportVersion


@pytest.fixture
def first(network):
    return capitalisation.create_exercise(network=network, title="Nine years of the network")


@pytest.fixture
def published(first, report, farid):
    """The first exercise's report, built once and published."""
    version = domain.build_now(report, by=farid, fmt="html")[0]
    ReportVersion.objects.filter(pk=version.pk).update(is_published=True)
    return version


def test_a_new_report_belongs_to_the_current_exercise(first, report):
    assert report.exercise == first


def test_a_second_exercise_starts_with_an_empty_report_page(
    client, network, claire, first, report, published
):
    second = capitalisation.start_exercise(network=network, title="Ten years later", by=claire)
    client.force_login(claire)
    page = client.get("/euromed/report/").content.decode()
    assert "Start the report" in page and "Introduction" not in page
    assert "Exercise: Ten years later (the current one)." in page
    assert domain.report_of(network, second) is None


def test_the_first_exercises_report_stays_readable_but_not_editable(
    client, network, claire, first, report, published
):
    capitalisation.start_exercise(network=network, title="Ten years later", by=claire)
    client.force_login(claire)
    page = client.get(f"/euromed/report/?exercise={first.pk}").content.decode()
    assert "Introduction" in page and "Version 1" in page
    assert "an earlier one, kept for reading" in page
    assert "Build a new version" not in page and "Add a chapter" not in page
    assert client.get("/euromed/report/?exercise=0").status_code == 404


def test_the_first_exercises_published_report_stays_public(
    client, network, claire, first, report, published
):
    capitalisation.start_exercise(network=network, title="Ten years later", by=claire)
    response = client.get("/euromed/report/")  # anonymous: the latest published version
    assert response.status_code == 302 and response["Location"] == "/euromed/report/v/1/"
    assert client.get("/euromed/report/v/1/").status_code == 200
    earlier = client.get(f"/euromed/report/?exercise={first.pk}")
    assert earlier["Location"] == "/euromed/report/v/1/"


def test_the_second_report_is_started_for_the_current_exercise_and_numbers_run_on(
    client, network, claire, farid, first, report, published
):
    second = capitalisation.start_exercise(network=network, title="Ten years later", by=claire)
    client.force_login(claire)
    response = client.post(
        "/euromed/report/create/", {"title": "Ten years", "subtitle": "", "language": "fr"}
    )
    assert response.status_code == 302
    new = Report.objects.get(exercise=second)
    assert new.chapters.count() > 0  # the default chapters
    version = domain.build_now(new, by=farid, fmt="html")[0]
    assert version.number == 2  # /euromed/report/v/1/ stays the first exercise's
    assert list(Report.objects.filter(network=network).values_list("exercise", flat=True)) == [
        second.pk,
        first.pk,
    ]


def test_the_exercises_page_lists_each_report_under_its_exercise(
    client, network, claire, first, report, published
):
    capitalisation.start_exercise(network=network, title="Ten years later", by=claire)
    client.force_login(claire)
    page = client.get("/euromed/exercises/").content.decode()
    current, earlier = page.split("Earlier exercises")
    assert "Nine years" not in current
    assert f'href="/euromed/report/?exercise={first.pk}">Nine years</a>' in earlier
    assert "published" in earlier


def test_the_first_exercises_chapters_are_no_longer_changed(client, network, claire, first, report):
    capitalisation.start_exercise(network=network, title="Ten years later", by=claire)
    chapter = report.chapters.first()
    client.force_login(claire)
    assert client.get(f"/euromed/report/chapters/{chapter.pk}/").status_code == 200  # read
    url = f"/euromed/report/chapters/{chapter.pk}"
    response = client.post(f"{url}/", {"title": "New", "kind": "text", "block": "", "body": ""})
    assert response.status_code == 403
    assert client.post(f"{url}/move/", {"direction": "down"}).status_code == 403
    assert client.post(f"{url}/delete/").status_code == 403
    chapter.refresh_from_db()
    assert chapter.title == "Introduction"
