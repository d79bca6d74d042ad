from django.core import mail

from carnet.accounts.enums import RoleKind, Verb
from carnet.accounts.models import Action, Invitation, Role

from .factories import InvitationFactory


def test_people_page_lists_roles_organisations_and_pending_invitations(
    client, claire, ana, bora, network, org_a
):
    InvitationFactory(network=network, email="pending@example.org", organisation=org_a)
    InvitationFactory(network=network, email="gone@example.org", revoked_at="2020-01-01T00:00Z")
    client.force_login(claire)
    response = client.get("/euromed/people/")
    assert response.status_code == 200
    assert [(r.user.username, r.kind) for r in response.context["roles"]] == [
        ("claire", RoleKind.COORDINATOR),
        ("ana", RoleKind.PARTNER_EDITOR),
        ("bora", RoleKind.PARTNER_EDITOR),
    ]
    assert [i.email for i in response.context["invitations"]] == ["pending@example.org"]
    html = response.content.decode()
    assert "Caritas Albania" in html and "Caritas Armenia" in html


def test_coordinator_revokes_an_invitation_and_its_link_stops_working(client, claire, network):
    invitation = InvitationFactory(network=network, token="revoke-me-abcdefghijklmnopqrstu")
    client.force_login(claire)
    response = client.post(f"/euromed/people/invitations/{invitation.pk}/revoke/")
    assert response["Location"] == "/euromed/people/"
    invitation.refresh_from_db()
    assert invitation.status == "revoked"
    assert Action.objects.filter(verb=Verb.DELETE, object_id=str(invitation.pk)).count() == 1
    client.logout()
    assert client.get("/accounts/invitation/revoke-me-abcdefghijklmnopqrstu/").status_code == 410


def test_coordinator_changes_a_role(client, claire, ana):
    client.force_login(claire)
    role = ana.roles.get()
    response = client.post(f"/euromed/people/{role.pk}/role/", {"kind": RoleKind.VIEWER})
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.kind == RoleKind.VIEWER
    action = Action.objects.get(verb=Verb.CHANGE)
    assert (action.actor, action.object_repr, action.data) == (
        claire,
        "Ana",
        {"role": "viewer", "was": "partner_editor"},
    )


def test_coordinator_removes_a_role(client, claire, vera):
    client.force_login(claire)
    role = vera.roles.get()
    client.post(f"/euromed/people/{role.pk}/remove/")
    assert not Role.objects.filter(pk=role.pk).exists()
    assert Action.objects.get(verb=Verb.DELETE).data == {"role": "viewer"}


def test_the_last_coordinator_cannot_leave_or_be_demoted(client, claire):
    client.force_login(claire)
    role = claire.roles.get()
    response = client.post(
        f"/euromed/people/{role.pk}/role/", {"kind": RoleKind.VIEWER}, follow=True
    )
    assert "The network must keep at least one coordinator." in response.content.decode()
    client.post(f"/euromed/people/{role.pk}/remove/")
    role.refresh_from_db()
    assert role.kind == RoleKind.COORDINATOR
    assert Action.objects.filter(verb__in=[Verb.CHANGE, Verb.DELETE]).count() == 0


def test_roles_of_another_network_are_not_found(client, claire, oscar):
    client.force_login(claire)
    role = oscar.roles.get()
    assert client.post(f"/euromed/people/{role.pk}/remove/").status_code == 404
    assert client.post(f"/euromed/people/{role.pk}/role/", {"kind": "viewer"}).status_code == 404
    assert Role.objects.filter(pk=role.pk, kind=RoleKind.COORDINATOR).exists()


def test_facilitator_cannot_invite(client, farid, network):
    client.force_login(farid)
    response = client.post("/euromed/people/invite/", {"email": "x@example.org", "kind": "viewer"})
    assert response.status_code == 403
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def test_network_navigation_shows_people_links_to_coordinators_only(client, claire, farid):
    client.force_login(farid)
    assert 'href="/euromed/people/"' not in client.get("/euromed/").content.decode()
    client.force_login(claire)
    html = client.get("/euromed/").content.decode()
    assert 'href="/euromed/people/"' in html
    assert 'href="/euromed/log/"' in html
    assert 'href="/euromed/safeguarding/"' in html


def test_revoking_and_removing_ask_first_and_say_what_happens(client, claire, network, vera):
    invitation = InvitationFactory(network=network, email="late@example.org")
    role = vera.roles.get()
    client.force_login(claire)
    people = client.get("/euromed/people/").content.decode()
    assert f'href="/euromed/people/invitations/{invitation.pk}/revoke/"' in people
    assert f'href="/euromed/people/{role.pk}/remove/"' in people
    html = client.get(f"/euromed/people/invitations/{invitation.pk}/revoke/").content.decode()
    assert "Revoke the invitation to late@example.org?" in html
    assert "The link sent to late@example.org stops working at once" in html
    html = client.get(f"/euromed/people/{role.pk}/remove/").content.decode()
    assert "Remove Vera from the network?" in html
    assert "Vera will no longer be viewer of Euro-Mediterranean network" in html
    invitation.refresh_from_db()
    assert invitation.status == "pending"
    assert Role.objects.filter(pk=role.pk).exists()
