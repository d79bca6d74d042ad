"""How the apps plug into each other: sheets and moments as evidence, progress steps,
participation, the object history on each page."""

from django.contrib.contenttypes.models import ContentType

from carnet.capitalisation import progress
from carnet.capitalisation.domain import create_exercise
from carnet.capitalisation.models import Learning
from carnet.practices.models import Sheet

from ..practices.factories import make_sheet


def test_a_passage_of_a_sheet_becomes_a_learning_with_its_evidence(
    client, farid, network, org_a, ana
):
    sheet = make_sheet(
        network=network,
        organisation=org_a,
        by=ana,
        content={"impact": "Authorities now invite us to their meetings."},
    )
    client.force_login(farid)
    page = client.get(sheet.get_absolute_url()).content.decode()
    assert 'id="make-learning"' in page
    assert '<option value="impact">Impact of our participation in the network</option>' in page
    source = f"{ContentType.objects.get_for_model(Sheet).pk}:{sheet.pk}"
    response = client.post(
        "/euromed/capitalisation/learnings/new/",
        {
            "source": source,
            "field": "impact",
            "passage": "Authorities now invite us",
            "statement": "The network opens doors to the authorities",
            "category": "result_links",
            "perspective": "partners",
            "level": "national",
            "strength": 2,
        },
    )
    assert response.status_code == 302
    evidence = Learning.objects.get().evidence.get()
    assert (evidence.source, evidence.field, evidence.organisation) == (sheet, "impact", org_a)


def test_partners_do_not_get_the_make_a_learning_form(client, ana, network, org_a):
    sheet = make_sheet(
        network=network,
        organisation=org_a,
        by=ana,
        content={"impact": "Authorities now invite us."},
    )
    client.force_login(ana)
    assert 'id="make-learning"' not in client.get(sheet.get_absolute_url()).content.decode()


def test_the_dashboard_counts_sheets_moments_and_the_report(network, org_a, org_b, ana):
    exercise = create_exercise(network=network, title="Nine years")
    make_sheet(network=network, organisation=org_a, by=ana)
    steps = {step.key: step for step in progress.STEPS.values()}
    assert steps["sheets_written"].compute(exercise) == (1, 2)
    assert steps["sheets_reviewed"].compute(exercise) == (0, 1)
    assert steps["key_moments"].compute(exercise) is None  # nothing proposed yet
    assert steps["report_validated"].compute(exercise) is None  # nothing sent yet


def test_the_sheet_page_shows_its_history_to_members(client, farid, ana, network, org_a):
    sheet = make_sheet(network=network, organisation=org_a, by=ana)
    client.force_login(farid)
    page = client.get(sheet.get_absolute_url()).content.decode()
    assert f'<h2 id="history-sheet-{sheet.pk}">History</h2>' in page


def test_moments_and_sheets_cite_documents_of_the_library(client, farid, ana, network, org_a):
    from carnet.library.models import Document
    from carnet.timeline.models import Milestone

    document = Document.objects.create(network=network, title="Annual report 2015")
    sheet = make_sheet(network=network, organisation=org_a, by=ana)
    client.force_login(ana)
    response = client.post(f"{sheet.get_absolute_url()}sources/", {"documents": [document.pk]})
    assert response.status_code == 302
    assert list(sheet.documents.all()) == [document]
    client.force_login(farid)
    response = client.post(
        "/euromed/timeline/moments/new/",
        {
            "title": "The first joint report",
            "start": "2015",
            "importance": 3,
            "consent_scope": "none",
            "documents": [document.pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    moment = Milestone.objects.get(title="The first joint report")
    assert list(moment.documents.all()) == [document]
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Cited as a source by" in page
    assert "The first joint report" in page and sheet.title in page


def test_a_sheet_cannot_cite_another_networks_document(client, ana, network, org_a, other_network):
    from carnet.library.models import Document

    foreign = Document.objects.create(network=other_network, title="Not yours")
    sheet = make_sheet(network=network, organisation=org_a, by=ana)
    client.force_login(ana)
    client.post(f"{sheet.get_absolute_url()}sources/", {"documents": [foreign.pk]})
    assert list(sheet.documents.all()) == []
