"""Spreadsheets as a source of the timeline: XLSX uploads and published CSV links (fetched by
the worker from a local HTTP server here), previewed before anything is saved, re-imported
by difference, all or nothing."""

import http.server
import json
import re
import socket
import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from carnet.accounts.models import Action
from carnet.lib import safefetch
from carnet.lib.spreadsheets import xlsx_bytes
from carnet.timeline import sources
from carnet.timeline.enums import MilestoneState, SourceKind, SourceStatus
from carnet.timeline.interop import CSV_COLUMNS
from carnet.timeline.models import Milestone, TimelineSource
from tests.browsing import log_in

HEADER = ["Year", "Month", "Day", "Headline", "Text", "Unique ID"]
ROWS = [
    [2012, 3, 14, "Visit to Tirana", "<p>Three days with Caritas.</p>", "tirana"],
    [2013, 5, 2, "Visit to Sarajevo", "<p>The shelter and the court.</p>", "sarajevo"],
    [2014, 9, 20, "Visit to Yerevan", "<p>Hotline training.</p>", "yerevan"],
]


def workbook(rows=ROWS, header=HEADER):
    return xlsx_bytes([header, *rows], title="Timeline")


def timelinejs(rows):
    """The rows as a TimelineJS JSON document (its events)."""
    return {
        "events": [
            {
                "start_date": {"year": year, "month": month, "day": day},
                "text": {"headline": headline, "text": text},
                "unique_id": unique_id,
            }
            for year, month, day, headline, text, unique_id in rows
        ]
    }


def upload(content, name="study-visits.xlsx"):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def csv_of(rows=ROWS, header=HEADER):
    lines = [",".join(header)] + [",".join(f'"{value}"' for value in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def post_file(client, content, name="study-visits.xlsx"):
    return client.post("/euromed/timeline/sources/", {"file": upload(content, name)})


def source_page(client, source):
    return client.get(f"/euromed/timeline/sources/{source.pk}/").content.decode()


def confirm(client, source, digest=None):
    source.refresh_from_db()
    return client.post(
        f"/euromed/timeline/sources/{source.pk}/apply/",
        {"digest": source.digest if digest is None else digest},
    )


def titles(network):
    return sorted(Milestone.objects.filter(network=network).values_list("title", flat=True))


# ---------------------------------------------------------------- XLSX upload


def test_an_xlsx_is_previewed_and_nothing_is_saved_before_confirming(client, farid, network):
    client.force_login(farid)
    response = post_file(client, workbook())
    source = TimelineSource.objects.get(network=network)
    assert response.status_code == 302 and response.url == source.get_absolute_url()
    assert (source.kind, source.name, source.status) == ("file", "study-visits.xlsx", "ready")
    page = source_page(client, source)
    assert "3 moments will be created" in page
    assert "Visit to Sarajevo" in page and "Confirm and apply" in page
    assert Milestone.objects.count() == 0  # preview only

    response = confirm(client, source)
    assert response.status_code == 302
    assert titles(network) == ["Visit to Sarajevo", "Visit to Tirana", "Visit to Yerevan"]
    moment = Milestone.objects.get(slug="sarajevo")
    assert (moment.start_date.isoformat(), moment.state) == ("2013-05-02", "accepted")
    assert moment.text == "The shelter and the court."
    source.refresh_from_db()
    assert source.status == SourceStatus.APPLIED and source.applied_by == farid
    assert set(source.brought) == {"id:tirana", "id:sarajevo", "id:yerevan"}
    logged = Action.objects.filter(verb="import", data__source="study-visits.xlsx")
    assert logged.get().data["created"] == 3
    # applied once: the same content has nothing more to apply
    page = source_page(client, source)
    assert "3 moments are unchanged" in page and "Confirm and apply" not in page


def test_xlsx_dates_and_times_read_as_the_spreadsheet_shows_them(farid, network):
    import datetime

    rows = [[datetime.datetime(2016, 10, 5, 13, 45), "", "", "", "Opening", ""]]
    header = ["Year", "Month", "Day", "Time", "Headline", "Unique ID"]
    source = sources.add_file(network, upload(workbook(rows, header)), by=farid)
    plan = sources.preview(source)
    item = plan.created[0].item
    assert (item.start.first_day, item.start_time) == (
        datetime.date(2016, 10, 5),
        datetime.time(13, 45),
    )


def test_every_template_column_is_read_from_an_xlsx(farid, network):
    row = {c: "" for c in CSV_COLUMNS}
    row.update(Year=2015, Headline="Geneva", Group="advocacy", Background="#aabbcc")
    row["Media Caption"] = "At the UN"
    source = sources.add_file(
        network, upload(workbook([[row[c] for c in CSV_COLUMNS]], CSV_COLUMNS)), by=farid
    )
    sources.apply(source, digest=source.digest, by=farid)
    moment = Milestone.objects.get(title="Geneva")
    assert (moment.tags, moment.background, moment.caption) == ("advocacy", "#aabbcc", "At the UN")


def test_a_file_that_is_no_workbook_is_refused_and_nothing_is_kept(client, farid, network):
    client.force_login(farid)
    response = post_file(client, b"PK\x03\x04 not really a zip")
    assert response.status_code == 400
    assert "not an XLSX workbook" in response.content.decode()
    assert not TimelineSource.objects.exists()


def test_a_bad_row_refuses_the_whole_file_with_its_reason(client, farid, network):
    client.force_login(farid)
    rows = [*ROWS, [2015, 13, 1, "Bad month", "", "bad"]]
    response = post_file(client, workbook(rows))
    assert response.status_code == 400
    assert "Row 5, Month" in response.content.decode()
    assert not TimelineSource.objects.exists() and not Milestone.objects.exists()


@pytest.mark.parametrize(
    "name, content",
    [
        ("study-visits.xlsx", workbook()),
        ("study-visits.csv", csv_of()),
        ("study-visits.json", json.dumps(timelinejs(ROWS), indent=0).encode()),
    ],
)
def test_a_huge_sheet_is_refused(farid, network, monkeypatch, name, content):
    monkeypatch.setattr(sources, "MAX_ROWS", 2)
    with pytest.raises(sources.interop.ImportFailed, match="more than 2 rows"):
        sources.add_file(network, upload(content, name), by=farid)
    assert not TimelineSource.objects.exists()


def test_a_timelinejs_json_file_is_previewed_then_applied_then_reimported_by_difference(
    client, farid, network
):
    client.force_login(farid)
    data = timelinejs(ROWS)
    data["title"] = {"text": {"headline": "Study visits", "text": "<p>Ten years.</p>"}}
    data["eras"] = [
        {"start_date": {"year": 2012}, "end_date": {"year": 2014}, "text": {"headline": "Visits"}}
    ]
    response = client.post(
        "/euromed/timeline/moments/import/",
        {"file": upload(json.dumps(data).encode(), "visits.json")},
    )
    source = TimelineSource.objects.get(name="visits.json")
    assert response["Location"] == source.get_absolute_url()
    page = source_page(client, source)
    assert "3 moments will be created" in page and "1 era will be added or changed." in page
    assert not Milestone.objects.exists()  # nothing before confirming
    confirm(client, source)
    assert titles(network) == ["Visit to Sarajevo", "Visit to Tirana", "Visit to Yerevan"]
    assert network.eras.get().name == "Visits"
    # The same file name, a newer version: only the difference is shown, then applied.
    data["events"][0]["text"]["headline"] = "Visit to Tirana and Durrës"
    client.post(
        "/euromed/timeline/moments/import/",
        {"file": upload(json.dumps(data).encode(), "visits.json")},
    )
    page = source_page(client, source)
    assert "1 moment will be changed" in page and "2 moments are unchanged" in page
    confirm(client, source)
    assert "Visit to Tirana and Durrës" in titles(network)
    assert TimelineSource.objects.count() == 1


def test_a_link_and_a_file_together_are_refused(client, farid, network):
    client.force_login(farid)
    response = client.post(
        "/euromed/timeline/sources/",
        {"file": upload(workbook()), "url": "https://example.org/sheet.csv"},
    )
    assert "either a file or a link" in response.content.decode()


# ---------------------------------------------------------------- re-import


@pytest.fixture
def applied(farid, network):
    source = sources.add_file(network, upload(workbook()), by=farid)
    sources.apply(source, digest=source.digest, by=farid)
    return source


def test_a_reimport_shows_and_applies_the_difference(client, farid, network, applied):
    # In Carnet, Farid rewrites Yerevan's text; the spreadsheet does not touch it again.
    yerevan = Milestone.objects.get(slug="yerevan")
    yerevan.text = "Written in Carnet."
    yerevan.save()
    rows = [
        [2012, 3, 14, "Study visit to Tirana", "<p>Three days with Caritas.</p>", "tirana"],
        ROWS[2],
        [2015, 6, 22, "Visit to Geneva", "", "geneva"],
    ]  # Sarajevo is no longer in the spreadsheet; it was never published
    client.force_login(farid)
    post_file(client, workbook(rows))
    applied.refresh_from_db()
    plan = sources.preview(applied)
    assert [e.headline for e in plan.created] == ["Visit to Geneva"]
    assert [(e.milestone.slug, [f[0] for f in e.fields]) for e in plan.changed] == [
        ("tirana", ["title"])
    ]
    assert [e.milestone.slug for e in plan.unchanged] == ["yerevan"]
    assert [str(label) for label in plan.unchanged[0].kept_in_carnet] == ["text"]
    assert [e.milestone.slug for e in plan.removed] == ["sarajevo"] and plan.kept == []
    page = source_page(client, applied)
    for words in (
        "1 moment will be created",
        "1 moment will be changed",
        "1 moment is no longer in the source",
        "1 moment is unchanged",
        "Never published: removed.",
    ):
        assert words in page

    assert confirm(client, applied).status_code == 302
    assert titles(network) == ["Study visit to Tirana", "Visit to Geneva", "Visit to Yerevan"]
    assert Milestone.objects.get(slug="yerevan").text == "Written in Carnet."  # not overwritten


def test_a_field_changed_in_both_places_is_said_before_it_is_replaced(
    client, farid, network, applied
):
    tirana = Milestone.objects.get(slug="tirana")
    tirana.title = "Tirana (renamed in Carnet)"
    tirana.save()
    rows = [[2012, 3, 14, "Tirana, March 2012", ROWS[0][4], "tirana"], ROWS[1], ROWS[2]]
    client.force_login(farid)
    post_file(client, workbook(rows))
    page = source_page(client, applied)
    assert re.search(r"headline <strong>\(changed in Carnet too", page)
    confirm(client, applied)
    assert Milestone.objects.get(slug="tirana").title == "Tirana, March 2012"


def test_a_published_moment_no_longer_in_the_spreadsheet_is_kept(client, farid, network, applied):
    Milestone.objects.filter(slug="sarajevo").update(state=MilestoneState.PUBLISHED)
    # Yerevan was published once, then taken down: it is kept too.
    yerevan = Milestone.objects.get(slug="yerevan")
    Action.objects.create(
        network=network, verb="state", target=yerevan, data={"from": "accepted", "to": "published"}
    )
    client.force_login(farid)
    post_file(client, workbook(ROWS[:1]))
    page = source_page(client, applied)
    assert "2 moments are no longer in the source" in page
    assert "Withdraw it yourself" in page
    confirm(client, applied)
    assert titles(network) == ["Visit to Sarajevo", "Visit to Tirana", "Visit to Yerevan"]


def test_a_confirm_for_content_no_longer_previewed_is_refused(client, farid, network, applied):
    client.force_login(farid)
    post_file(client, workbook([*ROWS, [2016, 1, 1, "Visit to Rome", "", "rome"]]))
    applied.refresh_from_db()
    previewed = applied.digest
    # a newer version arrives before the confirmation
    post_file(client, workbook([*ROWS, [2016, 1, 1, "Visit to Madrid", "", "madrid"]]))
    response = confirm(client, applied, digest=previewed)
    assert response.status_code == 302
    assert "Visit to Rome" not in titles(network) and "Visit to Madrid" not in titles(network)
    page = client.get(response.url).content.decode()
    assert "no longer the one you previewed" in page
    confirm(client, applied)  # the new preview's digest
    assert "Visit to Madrid" in titles(network)


def fail_saving(monkeypatch, title):
    """Saving the moment of this title fails (the disk is full); returns the real save."""
    real_save = Milestone.save

    def failing_save(self, *args, **kwargs):
        if self.title == title:
            raise RuntimeError("disk full")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(Milestone, "save", failing_save)
    return real_save


def test_a_failure_in_the_middle_applies_nothing(farid, network, applied, monkeypatch):
    rows = [
        [2012, 3, 14, "Changed Tirana", "", "tirana"],
        ROWS[1],
        [2016, 1, 1, "Visit to Rome", "", "rome"],
        [2017, 1, 1, "Visit to Kyiv", "", "kyiv"],
    ]
    source = sources.add_file(network, upload(workbook(rows)), by=farid)
    fail_saving(monkeypatch, "Visit to Kyiv")
    with pytest.raises(RuntimeError):
        sources.apply(source, digest=source.digest, by=farid)
    assert titles(network) == ["Visit to Sarajevo", "Visit to Tirana", "Visit to Yerevan"]
    source.refresh_from_db()
    assert source.status == SourceStatus.READY and set(source.brought) == set(applied.brought)


# ------------------------------------------------ large sources, applied by the worker


@pytest.fixture
def large(monkeypatch):
    """Three rows count as a large source: more than APPLY_IN_REQUEST."""
    monkeypatch.setattr(sources, "APPLY_IN_REQUEST", 2)


def queued(client, farid, network, capture):
    """A three-row workbook uploaded and confirmed: its source, the confirmation's response,
    and what it queued for the worker (run by calling them)."""
    client.force_login(farid)
    post_file(client, workbook())
    source = TimelineSource.objects.get(network=network)
    with capture() as calls:
        response = confirm(client, source)
    return source, response, calls


def test_a_large_source_is_applied_by_the_worker_and_its_page_says_so_meanwhile(
    client, farid, network, large, django_capture_on_commit_callbacks
):
    source, response, worker = queued(client, farid, network, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url == source.get_absolute_url()
    source.refresh_from_db()
    assert source.status == SourceStatus.APPLYING and titles(network) == []
    page = source_page(client, source)
    assert "Being applied" in page and "being applied. Reload this page" in page
    assert "Confirm and apply" not in page
    # confirming again meanwhile changes nothing
    with django_capture_on_commit_callbacks() as again:
        response = confirm(client, source)
    assert again == [] and "being applied" in client.get(response.url).content.decode()

    for callback in worker:
        callback()
    assert titles(network) == ["Visit to Sarajevo", "Visit to Tirana", "Visit to Yerevan"]
    source.refresh_from_db()
    assert (source.status, source.applied_by, source.problem) == ("applied", farid, "")
    page = source_page(client, source)
    assert "3 moments are unchanged" in page and "Confirm and apply" not in page


def test_a_large_source_that_changes_few_moments_is_applied_at_once(
    client, farid, network, applied, large, django_capture_on_commit_callbacks
):
    """The threshold counts the moments written, not the source's rows."""
    client.force_login(farid)
    post_file(client, workbook([[2012, 3, 14, "Tirana, again", "", "tirana"], *ROWS[1:]]))
    with django_capture_on_commit_callbacks() as worker:
        response = confirm(client, applied)
    assert worker == []
    assert "Applied: 0 created, 1 changed" in client.get(response.url).content.decode()
    assert "Tirana, again" in titles(network)


def test_a_large_source_that_fails_in_the_worker_is_ready_again_with_the_reason(
    client, farid, network, large, monkeypatch, django_capture_on_commit_callbacks
):
    source, _response, worker = queued(client, farid, network, django_capture_on_commit_callbacks)
    real_save = fail_saving(monkeypatch, "Visit to Yerevan")
    for callback in worker:
        callback()
    assert titles(network) == []  # all or nothing
    source.refresh_from_db()
    assert source.status == SourceStatus.READY
    page = source_page(client, source)
    assert "could not be applied: nothing was changed" in page
    assert "Confirm and apply" in page  # it can be tried again
    monkeypatch.setattr(Milestone, "save", real_save)
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, source)
    assert len(titles(network)) == 3
    source.refresh_from_db()
    assert (source.status, source.problem) == ("applied", "")


def test_a_newer_version_uploaded_while_the_worker_waits_is_not_applied(
    client, farid, network, large, django_capture_on_commit_callbacks
):
    source, _response, worker = queued(client, farid, network, django_capture_on_commit_callbacks)
    post_file(client, workbook([*ROWS, [2016, 1, 1, "Visit to Rome", "", "rome"]]))
    for callback in worker:
        callback()
    assert titles(network) == []  # the worker had the previous version's digest
    source.refresh_from_db()
    assert (source.status, source.problem) == (SourceStatus.READY, "")
    assert "4 moments will be created" in source_page(client, source)


def test_a_source_whose_worker_stopped_waits_for_farid_and_is_ready_again_on_its_page(
    client, farid, network, large, django_capture_on_commit_callbacks
):
    import datetime

    from carnet.accounts.waiting import waiting_for

    def waiting():
        return [i.url for g in waiting_for(farid) for i in g.items if i.kind == "source"]

    # queued, not run: the worker stopped
    source, _response, worker = queued(client, farid, network, django_capture_on_commit_callbacks)
    assert "being applied" in source_page(client, source)  # not stalled yet
    assert waiting() == []
    stalled = datetime.datetime.now(datetime.UTC) - sources.APPLY_STALLS_AFTER
    TimelineSource.objects.filter(pk=source.pk).update(updated=stalled)
    assert waiting() == [source.get_absolute_url()]  # before anyone opens its page
    page = source_page(client, source)
    assert waiting() == [source.get_absolute_url()]  # ready again: still to apply
    assert "could not be applied: nothing was changed" in page and "Confirm and apply" in page
    assert titles(network) == []
    for callback in worker:  # the worker comes back: what its page said stays true
        callback()
    assert titles(network) == []
    assert TimelineSource.objects.get(pk=source.pk).status == SourceStatus.READY


# ---------------------------------------------------------------- links, fetched by the worker


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.path
        if path == "/sheet.csv":
            self.answer(200, csv_of(), "text/csv")
        elif path == "/page":
            self.answer(200, b"<!DOCTYPE html><html><body>Sign in</body></html>", "text/html")
        elif path == "/disguised":  # HTML said to be CSV
            self.answer(200, b"<html><body>Not a sheet</body></html>", "text/csv")
        elif path == "/big":
            self.answer(200, b"Year,Headline\n" + b"2012,x\n" * 200_000, "text/csv")
        elif path == "/slow":
            time.sleep(2)
            self.answer(200, csv_of(), "text/csv")
        elif path == "/moved":
            self.redirect("/sheet.csv")
        elif path.startswith("/loop"):
            self.redirect(path + "x")
        elif path == "/inside":
            self.redirect("http://10.0.0.1/latest/meta-data/")
        else:
            self.answer(404, b"Not found", "text/plain")

    def answer(self, status, body, content_type):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def loopback(settings):
    settings.CARNET_FETCH_ALLOW_LOOPBACK = True


def test_a_published_csv_link_is_fetched_by_the_worker_and_previewed(
    client, farid, network, server, loopback
):
    client.force_login(farid)
    response = client.post("/euromed/timeline/sources/", {"url": f"{server}/moved"})
    source = TimelineSource.objects.get()
    assert response.url == source.get_absolute_url()
    # the tests' task backend runs the worker's task at once
    assert (source.kind, source.status, source.problem) == ("link", "ready", "")
    assert source.digest == sources.digest_of(csv_of())
    page = source_page(client, source)
    assert "3 moments will be created" in page and "Fetch it again" in page
    confirm(client, source)
    assert len(titles(network)) == 3
    # the same link again: the same source, fetched again
    client.post("/euromed/timeline/sources/", {"url": f"{server}/moved"})
    assert TimelineSource.objects.count() == 1


def test_a_fetch_read_before_an_apply_keeps_what_the_apply_recorded(
    client, farid, network, server, loopback
):
    """The worker's fetch and an apply of the same source at once: the fetch writes the new
    content only, not the older `brought` it read, which the next preview compares with."""
    client.force_login(farid)
    client.post("/euromed/timeline/sources/", {"url": f"{server}/moved"})
    source = TimelineSource.objects.get()
    read_by_the_worker = TimelineSource.objects.get(pk=source.pk)
    confirm(client, source)  # applied meanwhile
    sources.fetch(read_by_the_worker)
    source.refresh_from_db()
    assert set(source.brought) == {"id:tirana", "id:sarajevo", "id:yerevan"}
    assert source.applied_by == farid
    assert "3 moments are unchanged" in source_page(client, source)


@pytest.mark.parametrize(
    "path, message",
    [
        ("/missing", "The address answered 404 (Not Found)."),
        ("/page", "The link gives a web page, not a CSV file"),
        ("/disguised", "The link gives a web page, not a CSV file"),
        ("/big", "The file is bigger than 1 MB."),
        ("/slow", "The address did not answer within 1 seconds."),
        ("/loop", "The address redirects more than 3 times."),
        ("/inside", "leads to a private network (10.0.0.1)"),
    ],
)
def test_each_bad_link_says_why_on_the_source_page_with_fetch_it_again(
    client, farid, network, server, loopback, monkeypatch, path, message
):
    monkeypatch.setattr(safefetch, "MAX_BYTES", 1024 * 1024)
    monkeypatch.setattr(safefetch, "TIMEOUT", 1)
    client.force_login(farid)
    client.post("/euromed/timeline/sources/", {"url": f"{server}{path}"})
    source = TimelineSource.objects.get()
    assert source.status == SourceStatus.FAILED
    assert message in source.problem
    page = source_page(client, source)
    assert message in page.replace("&#x27;", "'") and "Fetch it again" in page
    assert "Confirm and apply" not in page and not Milestone.objects.exists()
    # Fetching again runs the worker again (here: the same answer).
    response = client.post(f"/euromed/timeline/sources/{source.pk}/fetch/")
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.status == SourceStatus.FAILED


def test_a_link_that_works_again_can_be_fetched_again(client, farid, network, server, settings):
    client.force_login(farid)
    client.post("/euromed/timeline/sources/", {"url": "https://127.0.0.1:1/sheet.csv"})
    source = TimelineSource.objects.get()
    assert source.status == "failed" and "private network (127.0.0.1)" in source.problem
    settings.CARNET_FETCH_ALLOW_LOOPBACK = True
    source.url = f"{server}/sheet.csv"
    source.save()
    client.post(f"/euromed/timeline/sources/{source.pk}/fetch/")
    source.refresh_from_db()
    assert (source.status, source.problem) == ("ready", "")


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/x.csv",
        "https://10.1.2.3/x.csv",
        "https://192.168.1.1/x.csv",
        "https://172.16.0.1/x.csv",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/x.csv",
        "https://[::ffff:127.0.0.1]/x.csv",
        "https://[fd00::1]/x.csv",
        "https://0.0.0.0/x.csv",
        "https://localhost/x.csv",
    ],
)
def test_private_addresses_are_refused_by_default(url):
    with pytest.raises(safefetch.FetchRefused, match="private network"):
        safefetch.fetch(url)


def test_only_https_is_fetched_by_default(server):
    with pytest.raises(safefetch.FetchRefused, match="Only https"):
        safefetch.fetch(f"{server}/sheet.csv")


def test_a_name_is_refused_when_any_of_its_addresses_is_private(monkeypatch):
    def resolve(host, port, *args, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with pytest.raises(safefetch.FetchRefused, match="private network"):
        safefetch.fetch("https://sheets.example.org/x.csv")


def test_the_link_form_refuses_http_without_the_test_setting(client, farid, network):
    client.force_login(farid)
    response = client.post("/euromed/timeline/sources/", {"url": "http://example.org/x.csv"})
    assert "Only https links are fetched." in response.content.decode()
    assert not TimelineSource.objects.exists()


def test_uploaded_files_are_not_fetched_again(client, farid, network, applied):
    client.force_login(farid)
    response = client.post(f"/euromed/timeline/sources/{applied.pk}/fetch/")
    assert response.url == "/euromed/timeline/sources/"
    assert TimelineSource.objects.get().kind == SourceKind.FILE


# ---------------------------------------------------------------- in a browser, on a phone


@pytest.mark.browser
def test_on_a_phone_an_xlsx_is_previewed_then_confirmed(
    live_server, browser, farid, network, axe_violations
):
    from playwright.sync_api import expect

    # bypass_csp: axe is injected for the audit
    context = browser.new_context(bypass_csp=True, viewport={"width": 360, "height": 740})
    log_in(context, live_server, farid)
    page = context.new_page()
    page.goto(f"{live_server.url}/euromed/timeline/sources/")
    page.get_by_label("Spreadsheet or TimelineJS file").set_input_files(
        {"name": "study-visits.xlsx", "mimeType": "application/octet-stream", "buffer": workbook()}
    )
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="3 moments will be created")).to_be_visible()
    assert not Milestone.objects.exists()
    confirm_button = page.get_by_role("button", name="Confirm and apply")
    confirm_button.scroll_into_view_if_needed()
    expect(confirm_button).to_be_visible()
    # nothing wider than the phone's screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(page) == []
    confirm_button.click()
    expect(page.get_by_role("heading", name="3 moments are unchanged")).to_be_visible()
    expect(page.get_by_text("Applied: 3 created")).to_be_visible()
    assert len(titles(network)) == 3
    context.close()


def test_on_a_phone_a_timelinejs_json_is_imported_from_the_moments_page_through_the_preview(
    live_server, browser, farid, network
):
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 360, "height": 740})
    log_in(context, live_server, farid)
    page = context.new_page()
    page.goto(f"{live_server.url}/euromed/timeline/moments/")
    page.get_by_role("link", name="Import from TimelineJS").click()
    page.get_by_label("TimelineJS file").set_input_files(
        {
            "name": "visits.json",
            "mimeType": "application/json",
            "buffer": json.dumps(timelinejs(ROWS)).encode(),
        }
    )
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="3 moments will be created")).to_be_visible()
    assert not Milestone.objects.exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Confirm and apply").click()
    expect(page.get_by_text("Applied: 3 created")).to_be_visible()
    assert len(titles(network)) == 3
    context.close()


def test_a_newer_version_waits_for_whoever_may_apply_it_until_it_is_applied(
    farid, network, applied, personas
):
    from carnet.accounts.waiting import waiting_for

    def waiting(user):
        return [(i.text, i.url) for g in waiting_for(user) for i in g.items if i.kind == "source"]

    assert waiting(farid) == []  # applied as it is
    newer = sources.add_file(network, upload(workbook(ROWS[:1])), by=farid)
    line = (
        "Preview the new version of the spreadsheet «study-visits.xlsx» and apply it",
        f"/euromed/timeline/sources/{newer.pk}/",
    )
    assert {name: waiting(user) for name, user in personas.items()} == {
        "claire": [line],
        "farid": [line],
        "ana": [],
        "bora": [],
        "vera": [],
        "nina": [],
    }
    sources.apply(newer, digest=TimelineSource.objects.get(pk=newer.pk).digest, by=farid)
    assert waiting(farid) == []
