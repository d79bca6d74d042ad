from django.urls import reverse

from carnet.capitalisation.models import Learning
from carnet.vocabulary import domain
from carnet.vocabulary.models import Term

from ..practices.factories import make_sheet
from ..timeline.factories import MilestoneFactory


def index_url(network):
    return reverse("vocabulary:index", args=[network.slug])


def theme(network, key):
    return Term.objects.get(network=network, kind="theme", key=key)


def test_members_read_the_vocabulary_coordinators_see_its_actions(client, network, ana, claire):
    client.force_login(ana)
    page = client.get(index_url(network)).content.decode()
    assert "Identification of victims" in page and "Moment tags" in page
    assert "Rename" not in page and "<form" not in page.split("<main", 1)[-1]
    client.force_login(claire)
    page = client.get(index_url(network)).content.decode()
    assert "Rename" in page and "Archive" in page


def test_the_coordinator_adds_a_theme_partners_then_use_it(client, network, claire, ana, org_a):
    client.force_login(claire)
    response = client.post(
        reverse("vocabulary:add", args=[network.slug, "theme"]),
        {"theme-label": "Labour exploitation"},
    )
    assert response.status_code == 302
    assert theme(network, "labour-exploitation").label == "Labour exploitation"
    client.force_login(ana)
    form = client.get(reverse("practices:new", args=[network.slug])).content.decode()
    assert 'value="labour-exploitation"' in form


def test_adding_a_label_already_there_keeps_what_was_typed_and_says_why(client, network, claire):
    client.force_login(claire)
    response = client.post(
        reverse("vocabulary:add", args=[network.slug, "theme"]), {"theme-label": "Advocacy"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "already in the list: choose another label" in page
    assert 'value="Advocacy"' in page
    assert Term.objects.filter(network=network, kind="theme", label="Advocacy").count() == 1


def test_renaming_shows_the_new_word_on_the_sheet_page(client, network, claire, ana, org_a):
    sheet = make_sheet(network=network, organisation=org_a, by=ana, themes=["prevention"])
    client.force_login(claire)
    response = client.post(
        reverse("vocabulary:edit", args=[network.slug, theme(network, "prevention").pk]),
        {"label": "Preventing exploitation"},
    )
    assert response.status_code == 302
    client.force_login(ana)
    page = client.get(sheet.get_absolute_url()).content.decode()
    assert "Preventing exploitation" in page


def test_deleting_a_theme_in_use_is_refused_with_archive_it_instead(
    client, network, claire, ana, org_a
):
    make_sheet(network=network, organisation=org_a, by=ana, themes=["advocacy"])
    term = theme(network, "advocacy")
    client.force_login(claire)
    url = reverse("vocabulary:delete", args=[network.slug, term.pk])
    assert "Archive it instead" in client.get(url).content.decode()
    page = client.post(url, follow=True).content.decode()
    assert "archive it instead" in page
    assert Term.objects.filter(pk=term.pk).exists()


def test_an_archived_theme_is_no_longer_offered_but_the_list_still_filters_by_it(
    client, network, claire, ana, org_a
):
    sheet = make_sheet(network=network, organisation=org_a, by=ana, themes=["capacity"])
    client.force_login(claire)
    client.post(reverse("vocabulary:archive", args=[network.slug, theme(network, "capacity").pk]))
    assert theme(network, "capacity").archived
    client.force_login(ana)
    form = client.get(reverse("practices:new", args=[network.slug])).content.decode()
    assert 'value="capacity"' not in form
    listed = client.get(reverse("practices:list", args=[network.slug]), {"theme": "capacity"})
    assert sheet.title in listed.content.decode()


def test_moving_a_term_up_reorders_the_list(client, network, claire):
    client.force_login(claire)
    client.post(
        reverse("vocabulary:move", args=[network.slug, theme(network, "advocacy").pk]),
        {"direction": "up"},
    )
    keys = list(domain.labels(network, "theme"))
    assert keys.index("advocacy") < keys.index("support")


def test_the_learning_form_offers_the_network_s_categories(client, network, farid, claire):
    domain.add_term(network, "learning_category", "Funding", by=claire)
    client.force_login(farid)
    url = reverse("capitalisation:learning_add", args=[network.slug])
    assert 'value="funding"' in client.get(url).content.decode()
    client.post(
        url,
        {
            "statement": "Money matters.",
            "category": "funding",
            "strength": 1,
            "perspective": "partners",
            "level": "national",
        },
    )
    learning = Learning.objects.get(network=network, statement="Money matters.")
    assert learning.category == "funding"
    assert "Funding" in client.get(learning.get_absolute_url()).content.decode()


def test_the_moment_form_offers_the_network_s_tags(client, network, claire):
    domain.add_term(network, "moment_tag", "Joint training", by=claire)
    moment = MilestoneFactory(network=network, tags="joint-training", state="accepted")
    client.force_login(claire)
    page = client.get(reverse("timeline:edit", args=[network.slug, moment.slug])).content.decode()
    assert "The network&#x27;s tags: Joint training" in page
    assert 'value="Joint training"' in page
