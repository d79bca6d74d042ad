import datetime
import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from carnet.accounts.enums import RoleKind
from carnet.accounts.models import Action
from carnet.archive.importer import import_archive
from carnet.downloads import domain
from carnet.downloads.models import Download, Kind, State
from carnet.maintenance.backup import DATABASE_FILES
from tests.factories import RoleFactory, UserFactory

from .factories import finished_download


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def ask(client, url, token="t-1"):
    """Send a download form, with its one-time token, and let the task run now (the test
    settings run tasks at once, when the transaction commits)."""
    return client.post(url, {"form_token": token})


@pytest.fixture
def staff(db):
    return UserFactory(username="sam", is_staff=True)


def test_the_coordinator_gets_an_archive_that_carnet_archive_import_accepts(
    client, network, org_a, claire, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(claire)
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, "/euromed/downloads/new/archive/")
    download = Download.objects.get()
    assert response["Location"] == f"/downloads/{download.pk}/"
    assert (download.state, download.progress, download.requested_by) == (State.DONE, 100, claire)
    page = client.get(response["Location"])
    assert download.file.url.encode() in page.content
    assert b'http-equiv="refresh"' not in page.content  # done: no more refreshing

    taken = client.get(download.file.url)
    assert taken.status_code == 200
    assert taken["Cache-Control"] == "private, no-store"
    path = tmp_path / "euromed.zip"
    path.write_bytes(body(taken))
    imported = import_archive(path, slug="euromed-copy")
    assert imported.network.name == network.name
    assert imported.network.memberships.filter(organisation__name=org_a.name).exists()

    lines = Action.objects.filter(data__format="archive", actor=claire, network=network)
    assert sorted(line.data.get("download", "made") for line in lines) == [
        "made",  # the exporter's own line
        "requested",
        "taken",
    ]


def test_a_sent_twice_form_starts_one_task(client, network, claire):
    client.force_login(claire)
    first = ask(client, "/euromed/downloads/new/archive/", token="same")
    again = ask(client, "/euromed/downloads/new/archive/", token="same")
    assert Download.objects.count() == 1
    assert again["Location"] == first["Location"]


def test_the_progress_page_refreshes_while_the_worker_has_not_finished(client, network, claire):
    client.force_login(claire)
    response = ask(client, "/euromed/downloads/new/archive/")  # no worker ran: still queued
    page = client.get(response["Location"])
    assert b'http-equiv="refresh"' in page.content
    assert b"Waiting for the worker" in page.content


def test_a_failing_task_shows_its_error_not_a_traceback(
    client, network, claire, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(download, work):
        raise RuntimeError("disk on fire\nTraceback (most recent call last)")

    monkeypatch.setitem(domain.WRITERS, Kind.ARCHIVE, broken)
    client.force_login(claire)
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, "/euromed/downloads/new/archive/")
    download = Download.objects.get()
    assert (download.state, download.file.name) == (State.FAILED, "")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b"The file could not be made (RuntimeError)" in page.content
    assert b"Traceback" not in page.content
    assert b"disk on fire" not in page.content


def test_the_static_site_of_an_unpublished_network_is_refused_with_what_to_do(
    client, other_network, oscar
):
    client.force_login(oscar)
    response = client.post("/other/downloads/new/site/", follow=True)
    assert Download.objects.count() == 0
    assert b"publish it first, or download its archive" in response.content


def test_the_static_site_is_a_zip_of_pages(
    client, network, claire, django_capture_on_commit_callbacks
):
    client.force_login(claire)
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, "/euromed/downloads/new/site/")
    download = Download.objects.get()
    assert download.state == State.DONE, download.error
    with download.file.open("rb") as handle:
        names = zipfile.ZipFile(io.BytesIO(handle.read())).namelist()
    assert "index.html" in names


# The worker runs a task outside any transaction; SQLite's online backup needs that.
@pytest.mark.django_db(transaction=True)
def test_staff_make_a_backup_without_earlier_downloads_in_it(client, network, claire, staff):
    earlier = finished_download(network=network, by=claire)
    client.force_login(staff)
    assert b"Make a backup" in client.get("/").content
    response = ask(client, "/downloads/backups/new/")  # the task runs when the view commits
    backup = Download.objects.get(kind=Kind.BACKUP)
    assert response["Location"] == backup.get_absolute_url()
    assert backup.state == State.DONE, backup.error
    assert backup.network is None
    with backup.file.open("rb") as handle:
        names = zipfile.ZipFile(io.BytesIO(handle.read())).namelist()
    assert {"manifest.json", DATABASE_FILES[connection.vendor]} <= set(names)
    assert not [name for name in names if name.startswith("media/downloads/")]
    assert earlier.file.name.startswith("downloads/")
    assert client.get(backup.file.url).status_code == 200
    listed = client.get("/downloads/backups/")
    assert backup.file.url.encode() in listed.content
    assert earlier.file.url.encode() not in listed.content  # a network's archive: not listed


def test_a_backup_is_for_staff_only(client, network, claire):
    client.force_login(claire)  # a coordinator, not staff
    assert client.get("/downloads/backups/").status_code == 403
    assert client.post("/downloads/backups/new/").status_code == 403
    assert Download.objects.count() == 0
    backup = finished_download(network=None, by=UserFactory(is_staff=True), kind=Kind.BACKUP)
    assert client.get(backup.file.url).status_code == 404


@pytest.mark.parametrize(
    "who, status",
    [
        ("requester", 200),
        ("another coordinator", 200),
        ("member, not coordinator", 404),
        ("outsider", 404),
        ("coordinator of another network", 404),
        ("anonymous", 404),
    ],
)
def test_who_takes_a_download_file(client, network, other_network, claire, ana, who, status):
    download = finished_download(network=network, by=claire)
    people = {
        "requester": claire,
        "another coordinator": RoleFactory(network=network, kind=RoleKind.COORDINATOR).user,
        "member, not coordinator": ana,
        "outsider": UserFactory(),
        "coordinator of another network": RoleFactory(
            network=other_network, kind=RoleKind.COORDINATOR
        ).user,
        "anonymous": None,
    }
    if people[who]:
        client.force_login(people[who])
    before = Action.objects.count()
    response = client.get(download.file.url)
    assert response.status_code == status
    assert Action.objects.count() == before + (1 if status == 200 else 0)


def test_a_file_past_its_date_is_404_even_for_the_requester(client, network, claire):
    download = finished_download(network=network, by=claire)
    client.force_login(claire)
    before = Action.objects.count()
    assert client.head(download.file.url).status_code == 200
    assert Action.objects.count() == before  # a HEAD takes nothing: not in the log
    assert client.get(download.file.url).status_code == 200
    assert Action.objects.count() == before + 1
    Download.objects.filter(pk=download.pk).update(expires=timezone.now())
    assert client.get(download.file.url).status_code == 404
    assert client.get(download.get_absolute_url()).status_code == 404


def test_expired_downloads_are_deleted_at_the_next_request_and_by_the_command(
    client, network, claire
):
    old = finished_download(network=network, by=claire, days_left=-1)
    kept = finished_download(network=network, by=claire)
    client.force_login(claire)
    ask(client, "/euromed/downloads/new/archive/")
    assert not Download.objects.filter(pk=old.pk).exists()
    assert not default_storage.exists(old.file.name)
    assert default_storage.exists(kept.file.name)
    Download.objects.filter(pk=kept.pk).update(expires=timezone.now() - datetime.timedelta(days=1))
    call_command("downloads_clean", verbosity=0)
    assert not default_storage.exists(kept.file.name)


def test_the_network_page_links_to_downloads_for_its_coordinators_only(
    client, network, claire, ana
):
    client.force_login(claire)
    assert b"/euromed/downloads/" in client.get("/euromed/").content
    client.force_login(ana)
    assert b"/euromed/downloads/" not in client.get("/euromed/").content


def test_the_demo_has_a_finished_archive_for_euromeds_coordinator(db):
    from carnet.demo.loader import load

    load()
    load()  # a second load keeps the one made by the first
    download = Download.objects.get()
    assert (download.kind, download.state, download.requested_by.username) == (
        Kind.ARCHIVE,
        State.DONE,
        "claire",
    )
    assert download.network.slug == "euromed"
    assert default_storage.exists(download.file.name)


def test_the_progress_page_names_the_step_in_the_readers_language(client, network, claire):
    download = finished_download(network=network, by=claire)
    Download.objects.filter(pk=download.pk).update(
        state=State.RUNNING, progress=90, step="Storing the file"
    )
    claire.language = "fr"  # the language of their profile (the browser's only until set)
    claire.save()
    client.force_login(claire)
    page = client.get(download.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Enregistrement du fichier" in page.content.decode()
    assert b'value="90"' in page.content


def test_a_download_already_taken_by_a_worker_is_not_made_twice(network, claire, monkeypatch):
    download = finished_download(network=network, by=claire)
    Download.objects.filter(pk=download.pk).update(state=State.RUNNING)
    download.state = State.QUEUED  # what a second worker read before the first claimed it
    monkeypatch.setitem(domain.WRITERS, Kind.ARCHIVE, lambda *args: pytest.fail("made twice"))
    domain.make(download)
    assert Download.objects.get(pk=download.pk).state == State.RUNNING


def test_a_download_whose_worker_stopped_says_so_instead_of_being_made_for_days(
    client, network, claire, settings
):
    settings.LANGUAGE_CODE = "en"
    stalled = Download.objects.create(
        kind=Kind.ARCHIVE,
        network=network,
        requested_by=claire,
        state=State.RUNNING,
        expires=timezone.now() + datetime.timedelta(days=7),
    )
    moving = Download.objects.create(
        kind=Kind.ARCHIVE,
        network=network,
        requested_by=claire,
        state=State.RUNNING,
        expires=timezone.now() + datetime.timedelta(days=7),
    )
    three_hours_ago = timezone.now() - datetime.timedelta(hours=3)
    Download.objects.filter(pk=stalled.pk).update(touched=three_hours_ago)
    client.force_login(claire)

    page = client.get(stalled.get_absolute_url()).content.decode()

    assert "The worker stopped before the file was ready. Ask for the file again" in page
    assert Download.objects.get(pk=stalled.pk).state == State.FAILED
    assert Download.objects.get(pk=moving.pk).state == State.RUNNING


def test_the_clean_command_marks_stalled_downloads_failed_and_counts_in_words(network, claire):
    stalled = Download.objects.create(
        kind=Kind.SITE,
        network=network,
        requested_by=claire,
        state=State.RUNNING,
        expires=timezone.now() + datetime.timedelta(days=7),
    )
    Download.objects.filter(pk=stalled.pk).update(
        touched=timezone.now() - datetime.timedelta(hours=3)
    )
    out = io.StringIO()

    call_command("downloads_clean", stdout=out)

    assert out.getvalue().splitlines() == [
        "1 download whose worker stopped is marked failed.",
        "0 expired downloads deleted.",
    ]
    assert Download.objects.get(pk=stalled.pk).state == State.FAILED
