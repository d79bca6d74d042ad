"""The document library leaves the capitalisation app: the rows, their files, the text search,
and everything that points to a document (sources of moments, evidence, the action log,
permissions) are the same after the migration."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ..migrations import at_the_end_latest, migrate  # noqa: F401 - a fixture

BEFORE = [
    ("library", None),
    ("capitalisation", "0008_seed_interview_guide_and_move_expectations"),
    ("timeline", "0002_document_sources"),
    ("practices", "0003_review_note_and_rejection_reason"),
]
AFTER = [("capitalisation", "0009_document_moves_to_the_library")]


@pytest.mark.usefixtures("at_the_end_latest")
def test_documents_and_what_points_to_them_move_to_the_library_untouched():
    old = migrate(BEFORE)
    ContentTypeThen = old.get_model("contenttypes", "ContentType")
    Permission = old.get_model("auth", "Permission")
    Network = old.get_model("networks", "Network")
    Organisation = old.get_model("networks", "Organisation")
    Document = old.get_model("capitalisation", "Document")
    euromed = Network.objects.create(name="Euromed", slug="euromed")
    albania = Organisation.objects.create(name="Caritas Albania", country="AL")
    document = Document.objects.create(
        network=euromed,
        organisation=albania,
        title="Annual report 2015",
        date=datetime.date(2015, 12, 31),
        file="documents/x1/annual-report.pdf",
        file_kind="pdf",
        text="Shelters in Tirana opened their doors to the network.",
        extraction="done",
    )
    document_type, _made = ContentTypeThen.objects.get_or_create(
        app_label="capitalisation", model="document"
    )
    permission, _made = Permission.objects.get_or_create(
        content_type=document_type, codename="view_document", defaults={"name": "Can view"}
    )
    Milestone = old.get_model("timeline", "Milestone")
    moment = Milestone.objects.create(
        network=euromed, slug="founding", title="Founding", start_date=datetime.date(2015, 1, 1)
    )
    moment.documents.add(document)
    Learning = old.get_model("capitalisation", "Learning")
    learning = Learning.objects.create(network=euromed, statement="Trust", category="method")
    Evidence = old.get_model("capitalisation", "Evidence")
    evidence = Evidence.objects.create(
        learning=learning, content_type=document_type, object_id=str(document.pk), passage="doors"
    )
    Action = old.get_model("accounts", "Action")
    action = Action.objects.create(
        network=euromed, verb="create", content_type=document_type, object_id=str(document.pk)
    )
    queued = DBTaskResult.objects.create(
        task_path="carnet.capitalisation.tasks.extract_document_text",
        args_kwargs={"args": [document.pk], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
    )

    new = migrate(AFTER)
    ContentType.objects.clear_cache()

    Document = new.get_model("library", "Document")
    moved = Document.objects.get(pk=document.pk)
    assert (moved.title, moved.organisation_id, moved.file.name, moved.extraction) == (
        "Annual report 2015",
        albania.pk,
        "documents/x1/annual-report.pdf",
        "done",
    )
    assert list(
        new.get_model("timeline", "Milestone").objects.get(pk=moment.pk).documents.all()
    ) == [moved]
    document_type = new.get_model("contenttypes", "ContentType").objects.get(pk=document_type.pk)
    assert (document_type.app_label, document_type.model) == ("library", "document")
    assert new.get_model("capitalisation", "Evidence").objects.get(
        pk=evidence.pk
    ).content_type_id == (document_type.pk)
    assert new.get_model("accounts", "Action").objects.get(pk=action.pk).content_type_id == (
        document_type.pk
    )
    assert new.get_model("auth", "Permission").objects.get(pk=permission.pk).content_type_id == (
        document_type.pk
    )
    queued.refresh_from_db()
    assert queued.task_path == "carnet.library.tasks.extract_document_text"
    assert (
        not new.get_model("contenttypes", "ContentType")
        .objects.filter(app_label="capitalisation", model="document")
        .exists()
    )


@pytest.mark.usefixtures("at_the_end_latest")
def test_the_moved_documents_are_found_by_the_search():
    old = migrate(BEFORE)
    Network = old.get_model("networks", "Network")
    euromed = Network.objects.create(name="Euromed", slug="euromed")
    old.get_model("capitalisation", "Document").objects.create(
        network=euromed, title="Minutes", text="Steering committee in Prishtina", extraction="done"
    )

    # The library's later fields too: the search reads documents with today's model.
    migrate([*AFTER, ("library", "0003_document_language")])

    from carnet.library.search import search
    from carnet.networks.models import Network as NetworkNow

    results = search(NetworkNow.objects.get(pk=euromed.pk), "prishtina")
    assert [hit.document.title for hit in results.hits] == ["Minutes"]
