"""The report belongs to an exercise: a second exercise starts with no report, the first
exercise's report stays readable and its published version stays public."""

import pytest

from carnet.capitalisation import domain as capitalisation
from carnet.capitalisation.enums import InterviewStatus
from carnet.reports import domain
from carnet.reports.blocks import BLOCKS
from carnet.reports.enums import ChapterKind
from carnet.reports.models import Report, ReportVersion
from tests.capitalisation.factories import AttendanceFactory, InterviewFactory, WorkshopFactory


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


def _chapter(document, key):
    return next(chapter for chapter in document["chapters"] if chapter["key"] == key)


def _texts(blocks):
    """Every piece of text of the blocks, flattened, to look for names and figures."""
    found = []
    for block in blocks:
        if isinstance(block, dict):
            found += [str(v) for k, v in block.items() if k in ("text", "by", "caption")]
            for key in ("runs", "items", "rows", "head"):
                found += _texts(block.get(key, []))
        elif isinstance(block, list):
            found += _texts(block)
        else:
            found.append(str(block))
    return found


def _figures(document):
    rows = _chapter(document, "participation")["blocks"][0]["rows"]
    return {label: number for label, number in rows}


@pytest.fixture
def two_exercises(network, org_a, org_b, claire, farid, first, report):
    """Each exercise with its own interview, workshop and learnings: org A spoke in the first,
    org B in the second. The first exercise's report has the generated chapters."""
    for block in ("participation", "learnings", "advice"):
        domain.add_chapter(
            report, by=farid, kind=ChapterKind.BLOCK, block=block, title=block.title()
        )
    first.description = "We listened to every member."
    first.save()
    _exercise_of(network, org_a, farid, "Meet in person to build trust")
    second = capitalisation.start_exercise(
        network=network,
        title="Ten years later",
        description="We asked the same questions again.",
        by=claire,
    )
    _exercise_of(network, org_b, farid, "Rotate the chair every year")
    return first, second


def _exercise_of(network, organisation, farid, advice):
    """In the current exercise: a done interview, a workshop attended and two learnings, all
    from organisation."""
    interview = InterviewFactory(
        network=network, organisation=organisation, status=InterviewStatus.DONE
    )
    AttendanceFactory(workshop=WorkshopFactory(network=network), organisation=organisation)
    for statement, category in (
        (f"{organisation} found its place", "coordination"),
        (advice, "advice_links"),
    ):
        capitalisation.create_learning(
            network=network,
            statement=statement,
            category=category,
            by=farid,
            sources=[(interview, "expectations", "")],
        )


def test_an_earlier_reports_chapters_read_only_its_own_exercise(two_exercises, report):
    document = domain.compose(Report.objects.get(pk=report.pk))  # as a build reads it
    figures = _figures(document)
    assert figures["Interviews done"] == "1"
    assert figures["Organisations interviewed"] == "1"
    assert figures["Organisations at the workshop"] == "1"
    assert figures["Organisations that have been members"] == "2"  # the network's, whole
    methodology = _texts(_chapter(document, "methodology")["blocks"])
    assert "We listened to every member." in methodology
    assert "We asked the same questions again." not in methodology
    learnings = " ".join(_texts(_chapter(document, "learnings")["blocks"]))
    assert "Caritas Albania found its place" in learnings
    assert "Caritas Armenia" not in learnings
    advice = " ".join(_texts(_chapter(document, "advice")["blocks"]))
    assert "Meet in person to build trust" in advice
    assert "Rotate the chair every year" not in advice


def test_the_current_reports_chapters_read_the_current_exercise(two_exercises, network, farid):
    _first, second = two_exercises
    new = Report.objects.create(network=network, title="Ten years")
    assert new.exercise == second
    for block in ("participation", "learnings", "methodology"):
        domain.add_chapter(new, by=farid, kind=ChapterKind.BLOCK, block=block, title=block)
    document = domain.compose(new)
    assert _figures(document)["Interviews done"] == "1"
    methodology = _texts(_chapter(document, "methodology")["blocks"])
    assert "We asked the same questions again." in methodology
    learnings = " ".join(_texts(_chapter(document, "learnings")["blocks"]))
    assert "Caritas Armenia found its place" in learnings
    assert "Caritas Albania" not in learnings


def test_a_block_without_an_exercise_reads_the_current_one(two_exercises, network):
    blocks, _assets = BLOCKS["learnings"].build(network)
    assert "Rotate the chair every year" in " ".join(_texts(blocks))
    assert "Meet in person to build trust" not in " ".join(_texts(blocks))
