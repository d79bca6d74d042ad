import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carnet.capitalisation.domain import create_learning
from carnet.capitalisation.synthesis import synthesis

from ..factories import ReasonFactory
from ..library.factories import DocumentFactory
from .factories import InterviewFactory, SessionFactory, WorkshopFactory


def make_learnings(network, farid, orgs, count):
    session = SessionFactory(workshop=WorkshopFactory(network=network), notes="n")
    for index in range(count):
        org = orgs[index % len(orgs)]
        interview = InterviewFactory(network=network, organisation=org, notes="note", status="done")
        document = DocumentFactory(network=network, organisation=org)
        reason = ReasonFactory(membership=org.memberships.get())
        create_learning(
            network=network,
            statement=f"Learning {index}",
            category=["coordination", "join", "result_advocacy"][index % 3],
            strength=1 + index % 3,
            by=farid,
            sources=[
                (interview, "notes", f"quote {index}"),
                (document, "text", ""),
                (session, "notes", ""),
                (reason, "statement", ""),
            ],
        )


def queries_for_page(client, count_before=None):
    with CaptureQueriesContext(connection) as context:
        response = client.get("/euromed/synthesis/")
    assert response.status_code == 200
    return len(context.captured_queries), response


def test_synthesis_query_count_does_not_grow_with_learnings(client, farid, network, org_a, org_b):
    client.force_login(farid)
    make_learnings(network, farid, [org_a, org_b], 3)
    small, _ = queries_for_page(client)
    make_learnings(network, farid, [org_a, org_b], 30)
    large, response = queries_for_page(client)
    assert len(response.context["learnings"]) == 33
    assert large == small


def test_synthesis_groups_learnings_with_organisation_counts_and_evidence_links(
    client, farid, network, org_a, org_b
):
    interview = InterviewFactory(network=network, organisation=org_a, status="done")
    create_learning(
        network=network,
        statement="Flexibility is appreciated",
        category="coordination",
        strength=3,
        by=farid,
        sources=[(interview, "notes", "No system is better than another")],
    )
    create_learning(
        network=network,
        statement="Start from the needs of the base",
        category="advice_developing",
        by=farid,
        sources=[(DocumentFactory(network=network, organisation=org_b), "text", "needs")],
    )
    blocks = synthesis(network)
    assert [
        (g["label"], len(g["learnings"]), g["organisation_count"]) for g in blocks["groups"]
    ] == [
        ("Coordination", 1, 1),
        ("Advice: developing a network", 1, 1),
    ]
    assert blocks["quotes"][0]["evidence"].passage == "No system is better than another"
    assert blocks["participation"]["rows"] == [
        ("Caritas Albania", (1, 0, 0)),  # interviews, workshops, sheets (registered)
        ("Caritas Armenia", (0, 0, 0)),  # interviews, workshops, sheets (registered)
    ]
    client.force_login(farid)
    body = client.get("/euromed/synthesis/").content.decode()
    assert f'href="/euromed/capitalisation/interviews/{interview.pk}/"' in body
    assert "<title id=" in body and "Participation per organisation" in body
    assert "The chart&#x27;s data as a table" in body or "The chart's data as a table" in body


@pytest.mark.parametrize("persona", ["ana", "vera"])
def test_synthesis_is_read_by_every_member(client, request, persona, network):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/euromed/synthesis/").status_code == 200
