from django.contrib.contenttypes.models import ContentType

from carnet.capitalisation.domain import add_evidence, create_learning
from carnet.capitalisation.evidence import SOURCES, register, source_for
from carnet.capitalisation.models import Evidence, Interview, Learning
from carnet.library.models import Document

from ..factories import ReasonFactory
from ..library.factories import DocumentFactory
from .factories import InterviewFactory, SessionFactory, WorkshopFactory


def test_a_passage_of_an_interview_note_becomes_a_learning(client, farid, network, org_a):
    interview = InterviewFactory(
        network=network, organisation=org_a, notes="Flexibility in coordination is appreciated."
    )
    source = f"{ContentType.objects.get_for_model(Interview).pk}:{interview.pk}"
    client.force_login(farid)
    # click 1: the plain form on the interview page sends the selected passage
    form = client.get(
        "/euromed/capitalisation/learnings/new/",
        {"source": source, "field": "notes", "passage": "Flexibility in coordination"},
    )
    assert form.status_code == 200
    assert form.context["form"].initial == {"statement": "Flexibility in coordination"}
    # click 2: save
    response = client.post(
        "/euromed/capitalisation/learnings/new/",
        {
            "source": source,
            "field": "notes",
            "passage": "Flexibility in coordination",
            "statement": "Flexibility in coordination is appreciated",
            "category": "coordination",
            "perspective": "partners",
            "level": "regional",
            "strength": 2,
        },
    )
    learning = Learning.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/euromed/capitalisation/learnings/{learning.pk}/"
    evidence = learning.evidence.get()
    assert (evidence.source, evidence.field, evidence.passage, evidence.organisation) == (
        interview,
        "notes",
        "Flexibility in coordination",
        org_a,
    )
    page = client.get(response["Location"]).content.decode()
    assert f'href="/euromed/capitalisation/interviews/{interview.pk}/"' in page
    # and the interview shows it is cited
    assert (
        "Flexibility in coordination is appreciated"
        in client.get(f"/euromed/capitalisation/interviews/{interview.pk}/").content.decode()
    )


def test_a_source_from_another_network_is_not_cited(client, farid, network, other_network, org_c):
    foreign = InterviewFactory(network=other_network, organisation=org_c)
    source = f"{ContentType.objects.get_for_model(Interview).pk}:{foreign.pk}"
    client.force_login(farid)
    client.post(
        "/euromed/capitalisation/learnings/new/",
        {
            "source": source,
            "statement": "S",
            "category": "method",
            "perspective": "facilitators",
            "level": "regional",
            "strength": 1,
        },
    )
    assert Evidence.objects.count() == 0


def test_evidence_points_to_sessions_documents_and_membership_reasons(
    client, farid, network, org_b
):
    session = SessionFactory(workshop=WorkshopFactory(network=network), notes="Advocacy at the UN")
    document = DocumentFactory(network=network, organisation=org_b, text="Memorandum signed")
    reason = ReasonFactory(membership=org_b.memberships.get())
    learning = create_learning(
        network=network,
        statement="Joint advocacy works",
        category="result_advocacy",
        by=farid,
        sources=[(session, "notes", "Advocacy at the UN"), (document, "text", "Memorandum")],
    )
    client.force_login(farid)
    response = client.post(
        f"/euromed/capitalisation/learnings/{learning.pk}/evidence/",
        {
            "source": f"{ContentType.objects.get_for_model(reason).pk}:{reason.pk}",
            "field": "statement",
            "passage": "same diagnosis",
        },
    )
    assert response.status_code == 302
    assert [(type(e.source).__name__, e.organisation) for e in learning.evidence.all()] == [
        ("WorkshopSession", None),
        ("Document", org_b),
        ("MembershipReason", org_b),
    ]
    page = client.get(f"/euromed/capitalisation/learnings/{learning.pk}/").content.decode()
    assert f"/euromed/capitalisation/workshops/{session.workshop.pk}/#session-{session.pk}" in page
    assert f"/euromed/capitalisation/documents/{document.pk}/" in page
    assert "/euromed/#reasons" in page


def test_evidence_refuses_a_field_the_source_does_not_have(client, farid, network, org_a):
    learning = create_learning(network=network, statement="S", category="method", by=farid)
    interview = InterviewFactory(network=network, organisation=org_a)
    client.force_login(farid)
    response = client.post(
        f"/euromed/capitalisation/learnings/{learning.pk}/evidence/",
        {
            "source": f"{ContentType.objects.get_for_model(Interview).pk}:{interview.pk}",
            "field": "password",
        },
    )
    assert response.status_code == 400
    assert Evidence.objects.count() == 0


def test_other_apps_register_their_own_sources(network, farid):
    # e.g. the sheets app registers its model; here a Document stands in for it
    original = source_for(Document)
    try:
        register(
            Document,
            label="Sheet field",
            queryset=lambda n: Document.objects.filter(network=n),
            fields=["advice"],
            organisation=lambda obj: None,
        )
        document = DocumentFactory(network=network)
        learning = create_learning(network=network, statement="S", category="method", by=farid)
        item = add_evidence(learning, document, by=farid, field="advice", passage="p")
        assert (item.source, item.organisation) == (document, None)
    finally:
        SOURCES[original.key] = original  # as it was, every option included


def test_the_choice_of_sources_costs_one_query_per_kind_whatever_their_number(
    network, org_a, org_b
):
    """Naming every citable object for the learning form reads no large text and makes no
    query per object (a deferred field read by __str__ would)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from carnet.capitalisation import evidence

    from ..library.factories import DocumentFactory
    from .factories import InterviewFactory

    def count():
        with CaptureQueriesContext(connection) as context:
            groups = evidence.choices(network)
        return len(context.captured_queries), sum(len(options) for _label, options in groups)

    for org in (org_a, org_b):
        InterviewFactory(network=network, organisation=org, notes="long notes " * 500)
        DocumentFactory(network=network, organisation=org)
    count()  # content types are cached after the first call
    small_queries, small_options = count()
    for _ in range(5):
        InterviewFactory(network=network, organisation=org_a)
        DocumentFactory(network=network, organisation=org_b)
    large_queries, large_options = count()
    assert large_options == small_options + 10
    assert large_queries == small_queries
    with CaptureQueriesContext(connection) as context:
        evidence.choices(network)
    assert not any('"notes"' in q["sql"] or '"text"' in q["sql"] for q in context.captured_queries)
