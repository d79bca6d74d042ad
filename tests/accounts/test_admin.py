import pytest

from ..factories import UserFactory
from .factories import InvitationFactory


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", ["user", "role", "action", "invitation"])
def test_admin_lists_open_for_superusers(admin_client, model, network):
    InvitationFactory(network=network)
    assert admin_client.get(f"/admin/accounts/{model}/").status_code == 200


def test_invitations_are_not_added_in_the_admin(admin_client):
    assert admin_client.get("/admin/accounts/invitation/add/").status_code == 403


def test_the_admin_is_closed_to_network_people(client, claire):
    client.force_login(claire)
    response = client.get("/admin/accounts/invitation/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
