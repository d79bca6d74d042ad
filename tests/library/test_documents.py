import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from carnet.accounts.models import Action
from carnet.library.domain import add_document
from carnet.library.enums import ExtractionStatus
from carnet.library.models import Document
from carnet.library.search import search

from .files import docx_bytes, odt_bytes, pdf_bytes, png_bytes, upload

TEXT = "Action-research with the Ministry of Security"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.pdf", pdf_bytes(TEXT)),
        ("report.docx", docx_bytes(TEXT)),
        ("report.odt", odt_bytes(TEXT)),
        ("report.txt", TEXT.encode()),
    ],
)
def test_uploaded_documents_get_their_text_extracted_and_searchable(
    client, farid, network, name, data, django_capture_on_commit_callbacks
):
    client.force_login(farid)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/euromed/capitalisation/documents/new/",
            {
                "title": "Research",
                "kind": "report",
                "tags": "research, ministry",
                "upload": upload(name, data),
            },
        )
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/euromed/capitalisation/documents/{document.pk}/"
    assert (document.extraction, document.text) == (ExtractionStatus.DONE, TEXT)
    assert document.file.name.startswith("documents/")
    assert document.file.name.endswith("." + name.rsplit(".", 1)[1])
    assert [hit.document for hit in search(network, "ministry security").hits] == [document]
    assert Action.objects.filter(verb="create", object_id=str(document.pk)).count() == 1


def test_an_image_is_re_encoded_and_its_ocr_waits_for_the_worker(client, farid, network):
    client.force_login(farid)
    response = client.post(
        "/euromed/capitalisation/documents/new/",
        {"title": "Workshop photo", "kind": "other", "upload": upload("photo.png", png_bytes())},
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.extraction, document.file_kind) == (ExtractionStatus.PENDING, "jpg")


def test_a_picture_without_text_is_listed_without_text(
    client, farid, network, django_capture_on_commit_callbacks
):
    client.force_login(farid)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/euromed/capitalisation/documents/new/",
            {"title": "Photo", "kind": "other", "upload": upload("photo.png", png_bytes())},
        )
    document = Document.objects.get()
    assert (document.extraction, document.text, document.ocr_pages) == (
        ExtractionStatus.EMPTY,
        "",
        [],
    )


def test_a_document_whose_text_cannot_be_extracted_is_kept_marked_and_listed(
    client, farid, network, django_capture_on_commit_callbacks
):
    client.force_login(farid)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/euromed/capitalisation/documents/new/",
            {
                "title": "Broken",
                "kind": "report",
                "upload": upload("broken.pdf", b"%PDF-1.4 garbage"),
            },
        )
    document = Document.objects.get()
    assert document.extraction == ExtractionStatus.FAILED
    assert document.extraction_error != ""
    page = client.get("/euromed/capitalisation/documents/").content.decode()
    assert "Broken" in page
    assert "Text could not be extracted" in page


def test_an_unaccepted_file_is_refused_with_a_message(client, farid, network):
    client.force_login(farid)
    response = client.post(
        "/euromed/capitalisation/documents/new/",
        {"title": "Program", "kind": "other", "upload": upload("run.exe", b"MZ\x90\x00\x03binary")},
    )
    assert response.status_code == 400
    assert "This file&#x27;s content is not one we accept" in response.content.decode()
    assert Document.objects.count() == 0


def test_a_document_of_an_organisation_outside_the_network_is_refused(
    client, farid, network, org_c
):
    client.force_login(farid)
    response = client.post(
        "/euromed/capitalisation/documents/new/",
        {"title": "X", "kind": "report", "organisation": org_c.pk, "upload": upload("x.txt", b"x")},
    )
    assert response.status_code == 400
    assert Document.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_extraction_runs_in_the_database_worker(network, farid):
    backend = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=backend):
        document = add_document(
            network=network,
            uploaded=upload("notes.txt", b"Capitalisation interviews in Tirana"),
            by=farid,
            title="Notes",
            kind="minutes",
        )
        document.refresh_from_db()
        assert document.extraction == ExtractionStatus.PENDING
        task = DBTaskResult.objects.get()
        assert (task.status, task.args_kwargs["args"]) == ("READY", [document.pk])
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    document.refresh_from_db()
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert (document.extraction, document.text) == (
        ExtractionStatus.DONE,
        "Capitalisation interviews in Tirana",
    )


def test_a_failed_extraction_can_be_run_again(
    client, farid, network, django_capture_on_commit_callbacks
):
    from .factories import DocumentFactory

    document = DocumentFactory(network=network, extraction=ExtractionStatus.FAILED, text="")
    document.file.save("documents/x/fixed.txt", upload("fixed.txt", b"Now readable"), save=True)
    client.force_login(farid)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/euromed/capitalisation/documents/{document.pk}/extract/")
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.extraction, document.text) == (ExtractionStatus.DONE, "Now readable")


def test_the_library_is_listed_in_pages_of_fifty_with_constant_queries(client, vera, network):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .factories import DocumentFactory

    client.force_login(vera)

    def page(number):
        with CaptureQueriesContext(connection) as context:
            response = client.get(f"/euromed/capitalisation/documents/?page={number}")
        return response, len(context.captured_queries)

    for index in range(3):
        DocumentFactory(network=network, title=f"Report {index:02d}")
    page(1)  # the header's "waiting for you" count is counted once, then kept (accounts.waiting)
    small, small_queries = page(1)
    assert len(small.context["documents"].object_list) == 3
    assert "Pages of documents" not in small.content.decode()
    for index in range(3, 55):
        DocumentFactory(network=network, title=f"Report {index:02d}")
    first, queries = page(1)
    assert queries == small_queries
    assert len(first.context["documents"].object_list) == 50
    html = first.content.decode()
    assert "Page 1 of 2" in html and 'href="?page=2"' in html
    second, _queries = page(2)
    assert len(second.context["documents"].object_list) == 5
    assert page("99")[0].context["documents"].number == 2  # out of range: the last page


def test_a_document_s_text_is_searched_in_the_language_it_is_written_in(
    client, farid, network, django_capture_on_commit_callbacks
):
    """The form asks the language of the text (the network's first by default): the index
    stems its words in it, the language filter finds it, and its page marks its text."""
    from carnet.search import engine
    from carnet.search.models import Entry

    network.languages = "en, fr"
    network.save()
    client.force_login(farid)
    form = client.get("/euromed/capitalisation/documents/new/").content.decode()
    assert '<option value="en" selected>' in form and '<option value="fr">' in form
    text = "Compte rendu : les formations des travailleurs sociaux."  # social, in French
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/euromed/capitalisation/documents/new/",
            {
                "title": "Rencontre",
                "kind": "minutes",
                "language": "fr",
                "upload": upload("rencontre.txt", text.encode()),
            },
        )
    document = Document.objects.get()
    assert (document.language, document.text_language) == ("fr", "fr")
    assert Entry.objects.get(kind="document", object_id=document.pk).language == "fr"
    for filters in ({}, {"language": "fr"}):  # "social" is "sociaux"'s stem in French only
        found = engine.search(farid, network, "social", filters=filters)
        assert [(g.kind, [h.title for h in g.hits]) for g in found.groups] == [
            ("document", ["Rencontre"])
        ]
    page = client.get(document.get_absolute_url()).content.decode()
    assert 'data-field="text" lang="fr" dir="ltr"' in page

    client.post(
        f"/euromed/capitalisation/documents/{document.pk}/edit/",
        {"title": "Rencontre", "kind": "minutes", "language": "en"},
    )
    assert Entry.objects.get(kind="document", object_id=document.pk).language == "en"


def test_a_document_added_without_a_language_is_in_the_network_s_first(network, farid):
    network.languages = "sq, en"
    network.save()
    document = add_document(
        network=network, uploaded=upload("r.txt", b"Raport vjetor"), by=farid, title="Raport"
    )
    assert (document.language, document.text_language) == ("", "sq")
