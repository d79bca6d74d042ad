"""Creation forms sent twice (double click, resent page, two tabs) make one thing."""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, resolve, reverse

import carnet
from carnet.practices.models import Comment, Sheet
from carnet.timeline.models import Milestone

from ..practices.factories import make_sheet
from ..races import race, racing

NEW_SHEET = {"title": "Advocacy", "language": "en", "level": "national"}


def token_in(html):
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)


def test_a_new_sheet_sent_twice_with_its_token_is_made_once(client, ana, org_a):
    client.force_login(ana)
    url = reverse("practices:new", args=["euromed"])
    data = {
        **NEW_SHEET,
        "organisation": org_a.pk,
        "form_token": token_in(client.get(url).content.decode()),
    }
    first = client.post(url, data)
    assert first.status_code == 302
    again = client.post(url, data, follow=True)
    assert again.redirect_chain == [(first["Location"], 302)]
    assert "This form was already sent: nothing was made twice." in again.content.decode()
    assert Sheet.objects.count() == 1


def test_each_rendering_of_a_form_may_be_sent_once(client, ana, org_a):
    client.force_login(ana)
    url = reverse("practices:new", args=["euromed"])
    for title in ("Advocacy", "Prevention"):
        token = token_in(client.get(url).content.decode())
        data = {**NEW_SHEET, "title": title, "organisation": org_a.pk, "form_token": token}
        assert client.post(url, data).status_code == 302
    assert sorted(Sheet.objects.values_list("title", flat=True)) == ["Advocacy", "Prevention"]


def test_a_form_with_errors_can_be_corrected_and_sent(client, ana, org_a):
    client.force_login(ana)
    url = reverse("practices:new", args=["euromed"])
    token = token_in(client.get(url).content.decode())
    assert client.post(url, {"form_token": token}).status_code == 200
    data = {**NEW_SHEET, "organisation": org_a.pk, "form_token": token}
    assert client.post(url, data).status_code == 302
    assert Sheet.objects.count() == 1


def test_a_comment_sent_twice_with_its_token_is_written_once(client, network, org_a, ana, farid):
    sheet = make_sheet(network=network, organisation=org_a, by=ana)
    client.force_login(farid)
    token = token_in(client.get(sheet.get_absolute_url()).content.decode())
    url = reverse("practices:comment", args=["euromed", sheet.slug])
    for _ in range(2):
        client.post(url, {"text": "Which cities?", "form_token": token})
    assert Comment.objects.count() == 1


@racing
@pytest.mark.django_db(transaction=True)
def test_the_same_token_sent_twice_at_once_makes_one_moment(network, ana):
    clients = [Client(), Client()]
    clients[0].force_login(ana)
    clients[1].cookies = clients[0].cookies  # one browser: one session
    url = reverse("timeline:propose", args=["euromed"])
    data = {
        "title": "First meeting",
        "text": "The partners met.",
        "start": "2013-05",
        "importance": "3",
        "consent_scope": "publication",
        "form_token": token_in(clients[0].get(url).content.decode()),
    }
    results = race(*(lambda c=c: c.post(url, data) for c in clients))
    assert [r.status_code for r in results] == [302, 302]
    assert results[0]["Location"] == results[1]["Location"]
    assert Milestone.objects.count() == 1


# Every creation form carries its token -----------------------------------------------------


def once_views():
    """URL name -> pattern, of the views that honour form tokens (decorated with @sent_once)."""
    found = {}

    def walk(patterns, namespace=""):
        for item in patterns:
            if isinstance(item, URLResolver):
                walk(
                    item.url_patterns,
                    f"{namespace}{item.namespace}:" if item.namespace else namespace,
                )
            elif isinstance(item, URLPattern) and getattr(item.callback, "sent_once", False):
                found[f"{namespace}{item.name}"] = item

    walk(get_resolver().url_patterns)
    return found


FORM = re.compile(r"<form\b[^>]*>.*?</form>", re.S)


def test_every_form_sent_to_a_creation_view_carries_a_token():
    names = once_views()
    assert len(names) >= 20  # new sheet, comment, moment, interview, document, report…
    missing = []
    for path in Path(carnet.__file__).parent.rglob("templates/**/*.html"):
        for form in FORM.findall(path.read_text()):
            tag = form.split(">")[0]
            action = re.search(r"""action="\{% url '([\w:]+)'""", tag)
            if 'method="post"' not in tag:
                continue
            if action and action.group(1) in names and "{% form_token %}" not in form:
                missing.append(f"{path.name}: {action.group(1)}")
    assert missing == []


def test_every_creation_page_gives_its_own_form_a_token(client, claire):
    client.force_login(claire)
    checked = []
    for name, pattern in once_views().items():
        if pattern.pattern.regex.groupindex:
            continue  # under an object: their forms are on its page, checked above
        try:
            url = reverse(name, args=["euromed"])
        except NoReverseMatch:
            url = reverse(name)  # outside any network (e.g. the instance's backup)
        response = client.get(url)
        if response.status_code != 200:
            continue
        assert resolve(url).url_name == pattern.name
        for form in FORM.findall(response.content.decode()):
            if 'method="post"' in form and "action=" not in form.split(">")[0]:
                assert 'name="form_token"' in form, name
                checked.append(name)
    assert len(checked) >= 8
