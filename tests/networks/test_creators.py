"""The page where superusers grant and revoke the right to create networks."""

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command

from carnet.accounts.enums import Verb
from carnet.accounts.models import Action

from ..factories import UserFactory


@pytest.fixture
def root(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def superuser(client, root):
    client.force_login(root)
    return client


def granted():
    permission = Permission.objects.get(codename="create_network")
    return sorted(permission.user_set.values_list("username", flat=True))


def test_the_home_page_links_the_page_for_superusers_only(client, superuser, claire):
    assert 'href="/networks/creators/"' in superuser.get("/").content.decode()
    client.force_login(claire)
    assert 'href="/networks/creators/"' not in client.get("/").content.decode()


def test_a_superuser_grants_the_right_by_email(superuser, claire):
    response = superuser.post("/networks/creators/", {"email": "CLAIRE@example.org"}, follow=True)
    assert granted() == ["claire"]
    assert claire.has_perm("networks.create_network")
    html = response.content.decode()
    assert "Claire may now create networks." in html and "claire@example.org" in html
    assert Action.objects.get(verb=Verb.CHANGE).data == {"granted": "networks.create_network"}


def test_an_unknown_email_gets_a_clear_message_and_stays_typed(superuser):
    response = superuser.post("/networks/creators/", {"email": "who@example.org"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "No account with the e-mail “who@example.org”: check the address" in html
    assert 'value="who@example.org"' in html
    assert granted() == []


def test_the_page_lists_superusers_apart(superuser, root):
    html = superuser.get("/networks/creators/").content.decode()
    assert "root@example.org" in html
    assert "superusers may always create networks" in html.lower()


def test_a_superuser_revokes_the_right(superuser, claire):
    call_command("network", "grant", "claire@example.org")  # the same domain function
    assert granted() == ["claire"]
    response = superuser.post(f"/networks/creators/{claire.pk}/revoke/", follow=True)
    assert granted() == []
    assert "Claire may no longer create networks." in response.content.decode()


def test_a_superusers_right_cannot_be_revoked(superuser, root):
    other = UserFactory(username="boss", is_superuser=True)
    response = superuser.post(f"/networks/creators/{other.pk}/revoke/", follow=True)
    assert "Boss is a superuser: superusers may always create networks." in (
        response.content.decode()
    )
    assert other.has_perm("networks.create_network")
    assert not Action.objects.filter(verb=Verb.CHANGE).exists()


def test_people_who_are_not_superusers_get_403(client, claire):
    claire.user_permissions.add(Permission.objects.get(codename="create_network"))
    client.force_login(claire)
    assert client.get("/networks/creators/").status_code == 403
    assert client.post("/networks/creators/", {"email": "claire@example.org"}).status_code == 403
