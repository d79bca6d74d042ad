"""Publishing and sending the report confirm first, and say what is missing."""

import re

import pytest
from django.core import mail

from carnet.reports import domain
from carnet.reports.enums import DecisionState
from carnet.reports.models import Chapter

from ..factories import MembershipFactory, OrganisationFactory


@pytest.fixture
def unreached(network):
    """Two more member organisations, with nobody to answer for them."""
    organisations = [
        OrganisationFactory(name="Caritas Kosovo", country="XK"),
        OrganisationFactory(name="Caritas Bosnia and Herzegovina", country="BA"),
    ]
    for organisation in organisations:
        MembershipFactory(network=network, organisation=organisation)
    return organisations


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_publishing_asks_first_and_names_the_organisations_that_have_not_validated(
    client, claire, ana, bora, version, unreached
):
    review = domain.send_for_review(version, by=claire)
    org_a = ana.organisation_in(version.network)
    domain.decide(review, organisation=org_a, state=DecisionState.VALIDATED, by=ana)
    client.force_login(claire)
    response = client.get("/euromed/report/v/1/publish/")
    assert response.status_code == 200
    page = text(response)
    assert "Publish version 1 of the report?" in page
    assert (
        "3 organisations have not validated version 1: Caritas Armenia "
        "Caritas Bosnia and Herzegovina Caritas Kosovo"
    ) in page
    version.refresh_from_db()
    assert not version.is_published  # asking is not publishing
    assert client.post("/euromed/report/v/1/publish/").status_code == 302
    version.refresh_from_db()
    assert version.is_published


def test_one_organisation_missing_is_said_in_the_singular(client, claire, ana, bora, version):
    review = domain.send_for_review(version, by=claire)
    org_a = ana.organisation_in(version.network)
    domain.decide(review, organisation=org_a, state=DecisionState.VALIDATED, by=ana)
    client.force_login(claire)
    page = text(client.get("/euromed/report/v/1/publish/"))
    assert "1 organisation has not validated version 1: Caritas Armenia" in page


def test_the_version_page_links_to_the_confirmations_instead_of_acting(client, claire, version):
    client.force_login(claire)
    html = client.get("/euromed/report/v/1/").content.decode()
    assert '<a class="button" href="/euromed/report/v/1/send/" data-confirm>' in html
    assert '<a class="button" href="/euromed/report/v/1/publish/" data-confirm>' in html
    assert 'action="/euromed/report/v/1/publish/"' not in html


def test_sending_says_which_organisations_have_nobody_to_receive_it_before_sending(
    client, farid, ana, bora, version, unreached
):
    client.force_login(farid)
    response = client.get("/euromed/report/v/1/send/")
    assert response.status_code == 200
    page = text(response)
    assert "Send version 1 to every partner?" in page
    assert "The partner editors of 2 organisations will receive it by e-mail" in page
    assert (
        "2 organisations have nobody to receive this: invite them. Invite people "
        "Caritas Bosnia and Herzegovina Caritas Kosovo"
    ) in page
    assert 'href="/euromed/people/#invite"' in response.content.decode()
    assert version.rounds.count() == 0 and mail.outbox == []
    response = client.post("/euromed/report/v/1/send/", {"message": "Please read."}, follow=True)
    assert version.rounds.count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "bora@example.org"]
    page = text(response)
    assert "Version 1 was sent to the partners." in page
    assert "2 organisations have nobody to receive this: invite them." in page


def test_removing_a_chapter_asks_first(client, farid, report):
    chapter = report.chapters.get(title="Introduction")
    client.force_login(farid)
    url = f"/euromed/report/chapters/{chapter.pk}/delete/"
    page = text(client.get(url))
    assert "Remove the chapter “Introduction”?" in page
    assert "Versions already built and sent keep it." in page
    assert Chapter.objects.filter(pk=chapter.pk).exists()
    assert client.post(url).status_code == 302
    assert not Chapter.objects.filter(pk=chapter.pk).exists()
    compose = client.get("/euromed/report/").content.decode()
    other = report.chapters.first()
    assert f'href="/euromed/report/chapters/{other.pk}/delete/"' in compose
    assert not re.search(r'action="/euromed/report/chapters/\d+/delete/"', compose)


def test_when_everyone_has_validated_nothing_is_said_missing(client, claire, ana, bora, version):
    review = domain.send_for_review(version, by=claire)
    for person in (ana, bora):
        organisation = person.organisation_in(version.network)
        domain.decide(review, organisation=organisation, state=DecisionState.VALIDATED, by=person)
    client.force_login(claire)
    page = text(client.get("/euromed/report/v/1/publish/"))
    assert "have not validated" not in page and "has not validated" not in page
