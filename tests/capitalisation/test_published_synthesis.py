"""The published synthesis: a frozen, checked copy of what may leave the network."""

import pytest
from django.conf import settings
from django.utils import translation

from carnet.accounts.models import Action
from carnet.capitalisation.domain import (
    PublicationBlocked,
    create_learning,
    publish_synthesis,
    withdraw_synthesis,
)
from carnet.capitalisation.models import PublishedSynthesis
from carnet.practices.models import Sheet
from carnet.safeguarding.domain import confirm, publish_blockers

from ..library.factories import DocumentFactory
from ..practices.factories import make_sheet
from .factories import InterviewFactory

PUBLIC = "/euromed/synthesis/published/"


@pytest.fixture
def learnings(network, farid, ana, org_a):
    """One learning from a private interview note, one from a passage of a published sheet."""
    interview = InterviewFactory(
        network=network, organisation=org_a, status="done", notes="Private note about Elena."
    )
    document = DocumentFactory(network=network, organisation=org_a)
    sheet = make_sheet(network=network, organisation=org_a, by=ana)
    Sheet.objects.filter(pk=sheet.pk).update(state="published")
    sheet.refresh_from_db()
    private = create_learning(
        network=network,
        statement="Funding decides who stays",
        category="stay",
        strength=3,
        by=farid,
        sources=[
            (interview, "notes", "Private note about Elena."),
            (document, "text", "An internal passage"),
        ],
    )
    public = create_learning(
        network=network,
        statement="Start where the motivation is",
        category="advice_developing",
        strength=2,
        by=farid,
        sources=[(sheet, "advice", "Start from the needs and motivation of the base.")],
    )
    return {"private": private, "public": public, "sheet": sheet}


def test_nothing_is_public_until_the_coordinator_publishes(client, network, claire, learnings):
    assert client.get(PUBLIC).status_code == 404
    publish_synthesis(network, by=claire)
    response = client.get(PUBLIC)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Funding decides who stays" in page
    assert "Start where the motivation is" in page
    assert Action.objects.filter(verb="publish", object_repr__startswith="Synthesis").exists()


def test_only_passages_of_published_sources_are_quoted(client, network, claire, learnings):
    publish_synthesis(network, by=claire)
    page = client.get(PUBLIC).content.decode()
    assert "Start from the needs and motivation of the base." in page
    assert learnings["sheet"].get_absolute_url() in page
    # Interview notes and documents stay inside the network, as do members' pages.
    assert "Elena" not in page
    assert "An internal passage" not in page
    assert "/euromed/capitalisation/" not in page


def test_the_published_copy_does_not_follow_later_changes(
    client, network, claire, farid, learnings
):
    publish_synthesis(network, by=claire)
    create_learning(network=network, statement="Added afterwards", category="join", by=farid)
    assert "Added afterwards" not in client.get(PUBLIC).content.decode()
    publish_synthesis(network, by=claire)
    assert "Added afterwards" in client.get(PUBLIC).content.decode()


def test_a_flag_blocks_publication_and_keeps_the_earlier_copy(
    client, network, claire, farid, learnings
):
    publish_synthesis(network, by=claire)
    create_learning(
        network=network,
        statement="Call Maria Popescu on +40 721 234 567",
        category="communication",
        by=farid,
    )
    with pytest.raises(PublicationBlocked) as blocked:
        publish_synthesis(network, by=claire)
    assert "must be checked before publishing" in blocked.value.messages[0]
    page = client.get(PUBLIC).content.decode()
    assert "Start where the motivation is" in page and "Popescu" not in page

    published = PublishedSynthesis.objects.get(network=network)
    flags = publish_blockers(published)
    assert {flag.kind for flag in flags} == {"phone", "name"}
    for flag in flags:
        confirm(flag, by=claire)
    publish_synthesis(network, by=claire)
    assert "Popescu" in client.get(PUBLIC).content.decode()


def test_withdrawing_hides_it_again(client, network, claire, vera, learnings):
    publish_synthesis(network, by=claire)
    withdraw_synthesis(network, by=claire)
    assert client.get(PUBLIC).status_code == 404
    client.force_login(vera)  # members too read only what is published here
    assert client.get(PUBLIC).status_code == 404


def test_an_unpublished_network_keeps_its_synthesis_private(client, network, claire, learnings):
    publish_synthesis(network, by=claire)
    network.is_published = False
    network.save()
    assert client.get(PUBLIC).status_code == 404


def test_the_copy_is_kept_in_each_language(client, network, claire, learnings):
    publish_synthesis(network, by=claire)
    published = PublishedSynthesis.objects.get(network=network)
    assert set(published.pages) == {code for code, _name in settings.LANGUAGES}
    assert "Learnings by category" in published.pages["en"]
    with translation.override("fr"):
        expected = translation.gettext("Learnings by category")
    assert expected != "Learnings by category"
    assert expected in published.pages["fr"]
    response = client.get(PUBLIC, headers={"accept-language": "fr"})
    assert expected in response.content.decode()


def test_the_coordinator_publishes_and_withdraws_from_the_synthesis_page(
    client, network, claire, learnings
):
    client.force_login(claire)
    page = client.get("/euromed/synthesis/").content.decode()
    assert "Publish the synthesis" in page
    response = client.post("/euromed/synthesis/publish/", follow=True)
    assert "The synthesis is published." in response.content.decode()
    assert "See the published synthesis" in response.content.decode()
    client.logout()
    network_page = client.get("/euromed/").content.decode()
    assert PUBLIC in network_page
    client.force_login(claire)
    client.post("/euromed/synthesis/withdraw/")
    assert not PublishedSynthesis.objects.get(network=network).is_published


def test_a_blocked_publication_says_why_on_the_page(client, network, claire, farid, learnings):
    create_learning(
        network=network, statement="Write to elena@example.org", category="join", by=farid
    )
    client.force_login(claire)
    response = client.post("/euromed/synthesis/publish/", follow=True)
    page = response.content.decode()
    assert "sensitive-content flag must be checked before publishing" in page
    assert "/euromed/safeguarding/" in page
    assert client.get(PUBLIC).status_code == 404


def test_facilitators_cannot_publish(client, network, farid, learnings):
    client.force_login(farid)
    assert "Publish the synthesis" not in client.get("/euromed/synthesis/").content.decode()
    assert client.post("/euromed/synthesis/publish/").status_code == 403
    assert not PublishedSynthesis.objects.exists()


def test_publishing_the_synthesis_asks_first_and_names_the_flags_to_check(
    client, network, claire, farid, learnings
):
    create_learning(
        network=network, statement="Write to elena@example.org", category="join", by=farid
    )
    with pytest.raises(PublicationBlocked):
        publish_synthesis(network, by=claire)
    client.force_login(claire)
    page = client.get("/euromed/synthesis/").content.decode()
    assert 'href="/euromed/synthesis/publish/" data-confirm>Publish the synthesis…</a>' in page
    response = client.get("/euromed/synthesis/publish/")
    confirm_page = response.content.decode()
    assert response.status_code == 200
    assert "Publish the synthesis?" in confirm_page
    assert "1 sensitive-content flag must be checked first:" in confirm_page
    assert "elena@example.org" in confirm_page
    assert not PublishedSynthesis.objects.get(network=network).is_published  # asking is not acting


def test_withdrawing_the_synthesis_asks_first(client, network, claire, learnings):
    publish_synthesis(network, by=claire)
    client.force_login(claire)
    assert 'href="/euromed/synthesis/withdraw/" data-confirm>Withdraw…</a>' in (
        client.get("/euromed/synthesis/").content.decode()
    )
    page = client.get("/euromed/synthesis/withdraw/").content.decode()
    assert "Withdraw the published synthesis?" in page
    assert PublishedSynthesis.objects.get(network=network).is_published
    client.post("/euromed/synthesis/withdraw/")
    assert not PublishedSynthesis.objects.get(network=network).is_published


def test_the_published_synthesis_never_shows_an_outdated_translation_and_says_what_fell_back(
    network, claire, farid, learnings
):
    from carnet.translations import domain as translations
    from carnet.translations import registry

    network.languages = "en, ar"
    network.save()
    private, public = learnings["private"], learnings["public"]
    translations.save(
        network,
        registry.kind("synthesis"),
        "ar",
        {(str(private.pk), "statement"): "التمويل يقرر من يبقى"},
        by=farid,
    )
    # Translated from an earlier wording of the statement: outdated.
    translations.save(
        network,
        registry.kind("synthesis"),
        "ar",
        {(str(public.pk), "statement"): "ابدأ من الحماس"},
        by=farid,
        sources={(str(public.pk), "statement"): "Start from the enthusiasm"},
    )
    publish_synthesis(network, by=claire)
    page = PublishedSynthesis.objects.get(network=network).pages["ar"]
    assert "<li>التمويل يقرر من يبقى" in page
    assert "ابدأ من الحماس" not in page
    assert '<span lang="en" dir="ltr">Start where the motivation is</span>' in page
    with translation.override("ar"):
        title = translation.gettext("About this edition")
        learning = translation.gettext("learning").capitalize()
    assert f'<h2 id="edition-note">{title}</h2>' in page
    assert f"<li>{learning} (1): “Start where the motivation is”</li>" in page
    # The reference language's page has no note and no language marks.
    english = PublishedSynthesis.objects.get(network=network).pages["en"]
    assert "edition-note" not in english and 'lang="en"' not in english
