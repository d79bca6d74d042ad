"""One invitation accepted several times at once: one account, one role, clean answers."""

import pytest
from django.test import Client

from carnet.accounts.models import Invitation, Role, User

from ..races import race, racing
from .factories import InvitationFactory

TOKEN = "token-for-races-abcdefghijklmnopqrstuvwxyz"


def accept_as(username):
    def post():
        return Client().post(
            f"/accounts/invitation/{TOKEN}/",
            {
                "display_name": username.title(),
                "username": username,
                "password1": "a-long-pass-phrase-42",
                "password2": "a-long-pass-phrase-42",
            },
        )

    return post


@racing
@pytest.mark.django_db(transaction=True)
def test_three_people_accepting_one_invitation_at_once_make_one_account_with_its_role(network):
    invitation = InvitationFactory(network=network, token=TOKEN)
    results = race(accept_as("first"), accept_as("second"), accept_as("third"))
    assert [r for r in results if isinstance(r, BaseException)] == []
    assert sorted(r.status_code for r in results) == [302, 410, 410]
    for response in results:
        if response.status_code == 410:
            assert (
                "The invitation was already accepted: each link works only once."
                in response.content.decode()
            )
    user = User.objects.get(email=invitation.email)
    assert list(Role.objects.filter(network=network).values_list("user", flat=True)) == [user.pk]
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == user


@racing
@pytest.mark.django_db(transaction=True)
def test_one_person_accepting_twice_at_once_joins_once(network, oscar):
    InvitationFactory(network=network, token=TOKEN)
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(oscar)
    results = race(*(lambda c=c: c.post(f"/accounts/invitation/{TOKEN}/") for c in clients))
    assert [r for r in results if isinstance(r, BaseException)] == []
    assert sorted(r.status_code for r in results) == [302, 410]
    assert Role.objects.filter(user=oscar, network=network).count() == 1
