import datetime
import re

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from carnet.accounts import domain
from carnet.accounts.domain import hash_token
from carnet.accounts.enums import RoleKind, Verb
from carnet.accounts.models import Action, Invitation, Role, User

from ..factories import UserFactory
from .factories import InvitationFactory

TOKEN = "token-for-tests-abcdefghijklmnopqrstuvwxyz"


def invite_ana_colleague(client, claire, org_a, email="new@caritas.al"):
    client.force_login(claire)
    return client.post(
        "/euromed/people/invite/",
        {"email": email, "kind": RoleKind.PARTNER_EDITOR, "organisation": org_a.pk},
    )


def link_from_mail(message):
    base = re.escape(settings.BASE_URL)
    return re.search(rf"{base}(/accounts/invitation/[^/\s]+/)", message.body).group(1)


def test_invite_sends_a_single_link_and_stores_only_its_hash(client, claire, org_a):
    response = invite_ana_colleague(client, claire, org_a)
    assert response.status_code == 302
    assert response["Location"] == "/euromed/people/"
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.kind, invitation.organisation) == (
        "new@caritas.al",
        RoleKind.PARTNER_EDITOR,
        org_a,
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new@caritas.al"]
    assert message.subject == "You are invited to Euro-Mediterranean network on Carnet"
    assert "Claire invites you to join Euro-Mediterranean network on Carnet" in message.body
    assert "You will write on behalf of Caritas Albania." in message.body
    token = link_from_mail(message).split("/")[-2]
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    assert abs(invitation.expires_at - timezone.now() - datetime.timedelta(days=7)) < (
        datetime.timedelta(minutes=1)
    )
    action = Action.objects.get(verb=Verb.INVITE)
    assert (action.actor, action.network, action.data) == (
        claire,
        invitation.network,
        {"email": "new@caritas.al", "role": "partner_editor"},
    )


def test_invite_partner_editor_needs_an_organisation(client, claire, network):
    client.force_login(claire)
    response = client.post(
        "/euromed/people/invite/", {"email": "x@example.org", "kind": RoleKind.PARTNER_EDITOR}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "organisation": ["Choose the organisation this partner editor writes for."]
    }
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def test_invite_refuses_someone_who_already_has_a_role(client, claire, ana):
    client.force_login(claire)
    response = client.post(
        "/euromed/people/invite/", {"email": "ANA@example.org", "kind": "viewer"}
    )
    assert response.context["form"].errors == {
        "email": ["This person already has a role in the network: change it in the list below."]
    }


def test_invite_refuses_a_second_pending_invitation(client, claire, network):
    InvitationFactory(network=network, email="twice@example.org")
    client.force_login(claire)
    response = client.post(
        "/euromed/people/invite/", {"email": "twice@example.org", "kind": "viewer"}
    )
    assert response.context["form"].errors == {
        "email": ["An invitation to this address is already pending: revoke it first."]
    }


def test_invite_refuses_an_organisation_of_another_network(client, claire, network, org_c):
    client.force_login(claire)
    response = client.post(
        "/euromed/people/invite/",
        {"email": "x@example.org", "kind": RoleKind.PARTNER_EDITOR, "organisation": org_c.pk},
    )
    assert list(response.context["form"].errors) == ["organisation"]
    assert Invitation.objects.count() == 0


def test_accepting_creates_the_account_sets_the_role_and_lands_on_the_network(
    client, claire, org_a
):
    invite_ana_colleague(client, claire, org_a)
    link = link_from_mail(mail.outbox[0])
    client.logout()
    page = client.get(link)
    assert page.status_code == 200
    assert "Join Euro-Mediterranean network" in page.content.decode()
    response = client.post(
        link,
        {
            "display_name": "Elira Hoxha",
            "username": "elira",
            "password1": "a-long-pass-phrase-42",
            "password2": "a-long-pass-phrase-42",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/waiting/"  # lands on what waits for them
    user = User.objects.get(username="elira")
    assert (user.email, user.display_name) == ("new@caritas.al", "Elira Hoxha")
    assert user.check_password("a-long-pass-phrase-42")
    role = Role.objects.get(user=user)
    assert (role.kind, role.organisation) == (RoleKind.PARTNER_EDITOR, org_a)
    invitation = Invitation.objects.get()
    assert (invitation.accepted_by, invitation.status) == (user, "accepted")
    assert client.get("/euromed/").context["user"] == user  # logged in
    assert Action.objects.filter(actor=user, verb=Verb.LOGIN).count() == 1


def test_accepting_with_a_weak_password_keeps_what_was_typed(client, network):
    InvitationFactory(network=network, token=TOKEN)
    response = client.post(
        f"/accounts/invitation/{TOKEN}/",
        {"display_name": "Elira", "username": "elira", "password1": "123", "password2": "123"},
    )
    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    assert 'value="Elira"' in response.content.decode()
    assert not User.objects.filter(username="elira").exists()
    assert Invitation.objects.get().status == "pending"


def test_existing_user_logged_in_joins_with_one_click(client, network, oscar):
    InvitationFactory(network=network, token=TOKEN, email=oscar.email, kind=RoleKind.FACILITATOR)
    client.force_login(oscar)
    assert "Join the network" in client.get(f"/accounts/invitation/{TOKEN}/").content.decode()
    response = client.post(f"/accounts/invitation/{TOKEN}/")
    assert response["Location"] == "/accounts/waiting/"
    assert oscar.roles.get(network=network).kind == RoleKind.FACILITATOR
    assert oscar.roles.count() == 2


def test_existing_user_not_logged_in_is_asked_to_log_in(client, network, oscar):
    InvitationFactory(network=network, token=TOKEN, email="OSCAR@example.org")
    response = client.get(f"/accounts/invitation/{TOKEN}/")
    assert response.status_code == 200
    assert (
        "An account already has the address OSCAR@example.org. Log in to accept"
        in response.content.decode()
    )
    assert client.post(f"/accounts/invitation/{TOKEN}/").status_code == 200
    assert User.objects.filter(email__iexact="oscar@example.org").count() == 1
    assert not oscar.roles.filter(network=network).exists()


@pytest.mark.parametrize(
    ("change", "status", "message"),
    [
        ({"expires_at": timezone.now() - datetime.timedelta(minutes=1)}, 410, "has expired"),
        ({"revoked_at": timezone.now()}, 410, "was withdrawn"),
        ({"accepted_at": timezone.now()}, 410, "already accepted: each link works only once"),
    ],
)
def test_unusable_invitations_show_a_clear_page_and_create_nothing(
    client, network, change, status, message
):
    InvitationFactory(network=network, token=TOKEN, **change)
    users = User.objects.count()
    for method in (client.get, client.post):
        response = method(
            f"/accounts/invitation/{TOKEN}/",
            {
                "display_name": "X",
                "username": "x",
                "password1": "pw-x-1234567",
                "password2": "pw-x-1234567",
            },
        )
        assert response.status_code == status
        assert message in response.content.decode()
    assert User.objects.count() == users
    assert Role.objects.count() == 0


@pytest.mark.parametrize("token", [TOKEN[:-1], TOKEN + "x", "x" * 200, "A" + TOKEN[1:]])
def test_tampered_invitation_links_are_not_found(client, network, token):
    InvitationFactory(network=network, token=TOKEN)
    response = client.post(
        f"/accounts/invitation/{token}/",
        {
            "display_name": "X",
            "username": "x",
            "password1": "pw-x-1234567",
            "password2": "pw-x-1234567",
        },
    )
    assert response.status_code == 404
    assert "The link is incomplete or wrong." in response.content.decode()
    assert not User.objects.filter(username="x").exists()


def test_a_link_works_only_once(client, network):
    InvitationFactory(network=network, token=TOKEN)
    data = {
        "display_name": "X",
        "username": "x1",
        "password1": "pw-x-1234567",
        "password2": "pw-x-1234567",
    }
    assert client.post(f"/accounts/invitation/{TOKEN}/", data).status_code == 302
    client.logout()
    data["username"] = "x2"
    assert client.post(f"/accounts/invitation/{TOKEN}/", data).status_code == 410
    assert not User.objects.filter(username="x2").exists()


def test_accept_refuses_an_invitation_that_was_used_in_the_meantime(network, vera):
    invitation = InvitationFactory(network=network, token=TOKEN)
    stale = Invitation.objects.get(pk=invitation.pk)
    domain.accept(invitation, user=vera)
    other = UserFactory(username="late")
    with pytest.raises(domain.InvitationInvalid) as problem:
        domain.accept(stale, user=other)
    assert problem.value.reason == "used"
    assert not other.roles.exists()


def test_the_invitation_page_in_french(client, network):
    client.cookies["django_language"] = "fr"
    response = client.get("/accounts/invitation/nothing-like-a-token/")
    assert "Ce lien d’invitation ne fonctionne pas" in response.content.decode()


def test_an_invitation_never_lowers_a_role(network, claire):
    invitation = InvitationFactory(network=network, kind=RoleKind.VIEWER)
    role = domain.accept(invitation, user=claire)
    assert role.kind == RoleKind.COORDINATOR
    raised = domain.accept(
        InvitationFactory(network=network, kind=RoleKind.COORDINATOR),
        user=_viewer(network),
    )
    assert raised.kind == RoleKind.COORDINATOR


def _viewer(network):
    user = UserFactory(username="viewer2")
    Role.objects.create(user=user, network=network, kind=RoleKind.VIEWER)
    return user


def test_joining_with_another_account_says_so(client, network, vera, oscar):
    InvitationFactory(network=network, token=TOKEN, email="someone.else@example.org")
    client.force_login(oscar)
    html = client.get(f"/accounts/invitation/{TOKEN}/").content.decode()
    assert "This invitation was sent to someone.else@example.org: joining gives" in html


def test_the_invitation_form_starts_on_the_least_powerful_role(client, claire, network):
    client.force_login(claire)
    html = client.get("/euromed/people/").content.decode()
    select = html[html.index('name="kind" id="id_kind"') :]
    select = select[: select.index("</select>")]
    options = re.findall(r'<option value="(\w+)"( selected)?>', select)
    assert options == [
        ("viewer", " selected"),
        ("partner_editor", ""),
        ("facilitator", ""),
        ("coordinator", ""),
    ]


def test_inviting_a_coordinator_asks_for_confirmation_first(client, claire, network):
    client.force_login(claire)
    data = {"email": "boss@example.org", "kind": RoleKind.COORDINATOR}
    response = client.post("/euromed/people/invite/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Invite a coordinator?" in html
    assert "boss@example.org will be able to do everything in Euro-Mediterranean network" in html
    assert Invitation.objects.count() == 0
    assert mail.outbox == []
    response = client.post("/euromed/people/invite/", {**data, "confirm": "coordinator"})
    assert response.status_code == 302
    assert Invitation.objects.get().kind == RoleKind.COORDINATOR
    assert len(mail.outbox) == 1
