import csv
import io

from openpyxl import load_workbook

from carnet.reports import domain
from carnet.reports.enums import DecisionState
from carnet.reports.models import Report


def test_a_facilitator_starts_a_report_with_the_default_chapters(client, farid, network):
    client.force_login(farid)
    response = client.post("/euromed/report/create/", {"title": "Nine years", "language": "en"})
    assert response.status_code == 302
    report = Report.objects.get(network=network)
    assert [(c.title, c.block) for c in report.chapters.all()] == [
        ("Introduction", ""),
        ("Methodology", "methodology"),
        ("Participation", "participation"),
        ("The network over time", "membership"),
        ("Key moments", "timeline"),
        ("Why join, stay and leave", "reasons"),
        ("Results", "practices_results"),
        ("Learnings", "learnings"),
        ("Advice to organisations wishing to build a network", "advice"),
        ("Quotes", "quotes"),
        ("Annex: the good-practice sheets", "sheets_annex"),
    ]


def test_the_composition_page_lists_chapters_and_versions(client, vera, version):
    client.force_login(vera)
    html = client.get("/euromed/report/").content.decode()
    assert "The network over time" in html
    assert '<a href="/euromed/report/v/1/">Version 1</a>' in html
    assert "Build a new version" not in html  # a viewer changes nothing


def test_the_preview_shows_live_data(client, farid, report):
    client.force_login(farid)
    html = client.get("/euromed/report/preview/").content.decode()
    assert '<h2 id="chapter-2-title">2. The network over time</h2>' in html
    assert "<svg" in html


def test_build_button_makes_a_version_and_shows_it(client, farid, report):
    client.force_login(farid)
    response = client.post("/euromed/report/build/")
    assert response.status_code == 302
    assert response["Location"] == "/euromed/report/v/1/"
    html = client.get("/euromed/report/v/1/").content.decode()
    assert "Version 1, built on" in html
    pdf = client.get("/euromed/report/v/1/file/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content[:5] == b"%PDF-"


def test_anonymous_readers_get_the_published_version_only(client, claire, version):
    assert client.get("/euromed/report/").status_code == 404
    assert client.get("/euromed/report/v/1/").status_code == 302  # to log in
    domain.publish(version, by=claire)
    response = client.get("/euromed/report/")
    assert response["Location"] == "/euromed/report/v/1/"
    page = client.get("/euromed/report/v/1/").content.decode()
    assert "/euromed/report/v/1/file/pdf/" in page
    assert "/euromed/report/v/1/file/docx/" in page
    assert "Review" not in page
    assert client.get("/euromed/report/v/1/file/docx/").status_code == 200


def test_a_partner_answers_for_its_organisation(client, ana, farid, version, org_a):
    review = domain.send_for_review(version, by=farid)
    client.force_login(ana)
    response = client.post("/euromed/report/v/1/decide/", {"state": "validated", "note": "OK"})
    assert response.status_code == 302
    decision = review.decisions.get(organisation=org_a)
    assert (decision.state, decision.by, decision.note) == (DecisionState.VALIDATED, ana, "OK")


def test_answering_a_superseded_version_shows_a_clear_message(client, ana, farid, report, version):
    domain.send_for_review(version, by=farid)
    newer = domain.build_now(report, by=farid)[0]
    domain.send_for_review(newer, by=farid)
    client.force_login(ana)
    response = client.post("/euromed/report/v/1/decide/", {"state": "validated"}, follow=True)
    assert "Version 1 has been superseded by a newer version: validate the latest one." in (
        response.content.decode()
    )


def test_the_validation_matrix_shows_who_is_missing_and_exports(
    client, claire, farid, ana, version, org_a
):
    review = domain.send_for_review(version, by=farid)
    domain.decide(review, organisation=org_a, state=DecisionState.VALIDATED, by=ana)
    client.force_login(claire)
    html = client.get("/euromed/validations/").content.decode()
    assert "<strong>Still missing:</strong> Caritas Armenia" in html
    data = client.get("/euromed/validations/?format=csv").content
    assert data.startswith(b"\xef\xbb\xbf")  # for Excel
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == [
        "Organisation",
        "Deliverable",
        "Item",
        "Answer",
        "Version",
        "Validated by",
        "When",
        "Changed since validated",
    ]
    assert [r[:5] + r[5:6] for r in rows[1:]] == [
        ["Caritas Albania", "Report", "Version 1", "Validated", "1", "Ana"],
        ["Caritas Armenia", "Report", "Version 1", "No answer yet", "1", ""],
    ]
    workbook = load_workbook(io.BytesIO(client.get("/euromed/validations/?format=xlsx").content))
    assert workbook.active["A2"].value == "Caritas Albania"
    assert workbook.active["G2"].is_date  # when Ana validated, a date Excel sorts as one
    claire.language = "fr"  # her profile's language, whatever the browser says
    claire.save()
    french = client.get("/euromed/validations/?format=csv")
    assert french.content.decode("utf-8-sig").startswith("Organisation,Livrable,Élément,Réponse")


def test_a_new_version_resets_the_report_validation_in_the_matrix(
    client, claire, farid, ana, report, version, org_a
):
    review = domain.send_for_review(version, by=farid)
    domain.decide(review, organisation=org_a, state=DecisionState.VALIDATED, by=ana)
    domain.send_for_review(domain.build_now(report, by=farid)[0], by=farid)
    client.force_login(claire)
    html = client.get("/euromed/validations/").content.decode()
    assert "reset: changed since validated" in html


def test_an_item_validation_is_reset_when_the_item_changes(client, ana, network, org_a):
    from django.contrib.contenttypes.models import ContentType

    from carnet.capitalisation.models import Video
    from carnet.reports import validations

    video = Video.objects.create(network=network, organisation=org_a, title="Our testimony")
    ct = ContentType.objects.get_for_model(video).pk
    client.force_login(ana)
    response = client.post(f"/euromed/validations/{ct}/{video.pk}/", {"state": "validated"})
    assert response.status_code == 302
    [row] = validations.video_rows(network)
    assert (row.state, row.reset, row.by) == ("validated", False, "Ana")
    html = client.get("/euromed/validations/").content.decode()
    assert "Our testimony" in html
    video.title = "Our testimony, shorter cut"
    video.save()
    [row] = validations.video_rows(network)
    assert (row.state, row.reset, row.by) == ("pending", True, "")


def test_a_partner_cannot_validate_an_item_that_does_not_show_it(client, bora, network, org_a):
    from django.contrib.contenttypes.models import ContentType

    from carnet.capitalisation.models import Video

    video = Video.objects.create(network=network, organisation=org_a, title="Albania's video")
    ct = ContentType.objects.get_for_model(video).pk
    client.force_login(bora)
    assert (
        client.post(f"/euromed/validations/{ct}/{video.pk}/", {"state": "validated"}).status_code
        == 404
    )


def test_the_report_build_command_writes_the_file(report, tmp_path):
    from django.core.management import call_command

    target = tmp_path / "report.docx"
    call_command("report", "build", "euromed", "--format", "docx", "-o", str(target))
    assert target.read_bytes()[:2] == b"PK"


def test_each_version_page_shows_its_own_content_after_a_rebuild(client, farid, report, version):
    client.force_login(farid)
    assert "<h1>Nine years</h1>" in client.get("/euromed/report/v/1/").content.decode()
    report.title = "Ten years"
    report.save()
    second = domain.build_now(report, by=farid)[0]
    assert second.number == 2
    assert "<h1>Ten years</h1>" in client.get("/euromed/report/v/2/").content.decode()
    first_page = client.get("/euromed/report/v/1/").content.decode()
    assert "<h1>Nine years</h1>" in first_page
    assert "<h1>Ten years</h1>" not in first_page


def test_a_cached_version_page_does_not_read_the_built_document(client, claire, version):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    domain.publish(version, by=claire)
    first = client.get("/euromed/report/v/1/").content.decode()  # renders it, fills the cache
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/euromed/report/v/1/").content.decode()
    main = lambda html: html.split('<main id="main"', 1)[1]  # noqa: E731 - not the CSRF token
    assert main(again) == main(first) and "<h1>Nine years</h1>" in again
    reads = [q["sql"] for q in queries if "reports_reportversion" in q["sql"]]
    assert reads and not any('"content"' in sql for sql in reads)
