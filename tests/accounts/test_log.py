import re

from django.contrib.contenttypes.models import ContentType
from django.template import Context, Template
from django.test import RequestFactory

from carnet.accounts.domain import record
from carnet.accounts.enums import Verb
from carnet.accounts.models import Action
from carnet.accounts.views import LOG_PAGE_SIZE
from carnet.networks.models import Organisation
from carnet.timeline import domain as timeline

from ..timeline.factories import MilestoneFactory


def make_log(network, other_network, claire, ana, bora, oscar, org_a, org_b):
    record(Verb.CHANGE, org_a, by=ana, network=network, organisation=org_a)
    record(Verb.CHANGE, org_b, by=bora, network=network, organisation=org_b)
    record(Verb.PUBLISH, network, by=claire)
    record(Verb.CHANGE, other_network, by=oscar)  # another network: never shown
    record(Verb.LOGIN, ana, by=ana)  # a login: no network, shown for the network's people
    record(Verb.LOGIN, oscar, by=oscar)  # someone else's login: not shown


def shown(response):
    return [(a.actor.username, a.verb, a.object_repr) for a in response.context["page"]]


def test_log_shows_the_networks_actions_and_its_peoples_logins(
    client, network, other_network, claire, ana, bora, oscar, org_a, org_b
):
    make_log(network, other_network, claire, ana, bora, oscar, org_a, org_b)
    client.force_login(claire)
    response = client.get("/euromed/log/")
    assert response.status_code == 200
    # force_login recorded claire's own login too
    assert shown(response) == [
        ("claire", "login", "Claire"),
        ("ana", "login", "Ana"),
        ("claire", "publish", "Euro-Mediterranean network"),
        ("bora", "change", "Caritas Armenia"),
        ("ana", "change", "Caritas Albania"),
    ]


def test_log_filters_by_person_organisation_kind_and_object_type(
    client, network, other_network, claire, ana, bora, oscar, org_a, org_b
):
    make_log(network, other_network, claire, ana, bora, oscar, org_a, org_b)
    client.force_login(claire)
    assert shown(client.get("/euromed/log/", {"person": ana.pk})) == [
        ("ana", "login", "Ana"),
        ("ana", "change", "Caritas Albania"),
    ]
    assert shown(client.get("/euromed/log/", {"organisation": org_b.pk})) == [
        ("bora", "change", "Caritas Armenia")
    ]
    assert shown(client.get("/euromed/log/", {"verb": "publish"})) == [
        ("claire", "publish", "Euro-Mediterranean network")
    ]
    organisation_type = ContentType.objects.get_for_model(Organisation)
    assert shown(client.get("/euromed/log/", {"object_type": organisation_type.pk})) == [
        ("bora", "change", "Caritas Armenia"),
        ("ana", "change", "Caritas Albania"),
    ]
    assert shown(client.get("/euromed/log/", {"person": ana.pk, "verb": "publish"})) == []


def test_log_refuses_filters_from_another_network(client, network, claire, oscar, org_c):
    record(Verb.CHANGE, org_c, by=oscar, network=network, organisation=org_c)
    client.force_login(claire)
    response = client.get("/euromed/log/", {"person": oscar.pk, "organisation": org_c.pk})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"person", "organisation"}


def test_log_is_paginated_and_keeps_the_filters(client, network, claire):
    for n in range(LOG_PAGE_SIZE + 5):
        record(Verb.CHANGE, network, by=claire, data={"n": n})
    client.force_login(claire)
    first = client.get("/euromed/log/", {"verb": "change"})
    assert len(first.context["page"]) == LOG_PAGE_SIZE
    assert 'href="?verb=change&amp;page=2"' in first.content.decode()
    second = client.get("/euromed/log/", {"verb": "change", "page": 2})
    assert len(second.context["page"]) == 5
    assert second.context["page"][4].data == {"n": 0}


def test_history_tag_shows_the_objects_own_history_to_members_only(
    network, other_network, claire, ana, oscar, org_a, org_b
):
    record(Verb.CHANGE, org_a, by=ana, network=network, organisation=org_a)
    record(Verb.CHANGE, org_b, by=claire, network=network, organisation=org_b)
    record(Verb.CHANGE, org_a, by=oscar, network=other_network)  # org_a elsewhere
    template = Template("{% load history %}{% history obj network=network %}")

    def render(user):
        request = RequestFactory().get("/")
        request.user = user
        return template.render(Context({"request": request, "obj": org_a, "network": network}))

    html = render(claire)
    assert "<h2" in html and "History" in html
    assert html.count("<tr>") == 2  # header + one line
    assert "Ana" in html and "Oscar" not in html
    from django.contrib.auth.models import AnonymousUser

    assert render(AnonymousUser()).strip() == ""
    assert render(oscar).strip() == ""


def test_history_tag_uses_the_objects_network(network, claire):
    record(Verb.PUBLISH, network, by=claire)
    request = RequestFactory().get("/")
    request.user = claire
    html = Template("{% load history %}{% history obj %}").render(
        Context({"request": request, "obj": network})
    )
    assert "published" in html
    assert Action.objects.count() == 1


def test_log_shows_the_actors_own_organisation_and_names_a_vote_a_vote(
    client, network, claire, ana, farid, org_a, org_b
):
    moment = MilestoneFactory(network=network, title="Founding meeting in Rome")
    # ana changes org_b's record: the log names her own organisation, not the object's
    record(Verb.CHANGE, org_b, by=ana, network=network, organisation=org_b)
    timeline.vote(moment, by=ana, organisation=org_a, weight=2)
    timeline.vote(moment, by=ana, organisation=org_a, weight=0)
    client.force_login(claire)
    html = client.get("/euromed/log/").content.decode()
    rows = re.findall(r"<tr><td[^>]*>.*?</tr>", html, re.S)
    cells = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in rows]
    assert [cell.split(" ", 4)[-1] for cell in cells[1:4]] == [  # after Claire's login
        "Ana Caritas Albania withdrew their vote for Key moment Founding meeting in Rome",
        "Ana Caritas Albania voted for Key moment Founding meeting in Rome",
        "Ana Caritas Albania changed Organisation Caritas Armenia",
    ]
