"""A person's organisation is on their role in each network, never on the person.

Nina views euromed; she then joins another network as partner editor of an organisation
that is a member of both networks: that organisation's drafts in euromed stay closed to her.
"""

import pytest

from carnet.accounts import domain
from carnet.accounts.enums import RoleKind
from carnet.practices.models import Sheet

from ..factories import MembershipFactory, OrganisationFactory, RoleFactory, UserFactory
from ..practices.factories import make_sheet
from .factories import InvitationFactory


@pytest.fixture
def org_x(network, other_network):
    """An organisation that is a member of both networks."""
    org = OrganisationFactory(name="Caritas Both")
    MembershipFactory(network=network, organisation=org)
    MembershipFactory(network=other_network, organisation=org)
    return org


def draft_of(org, network, claire):
    return make_sheet(network=network, organisation=org, by=claire, title=f"Draft of {org}")


def accept_invitation(user, network, organisation, kind=RoleKind.PARTNER_EDITOR):
    invitation = InvitationFactory(
        network=network, email=user.email, kind=kind, organisation=organisation
    )
    domain.accept(invitation, user=user)
    return invitation


def test_a_viewer_who_edits_for_x_elsewhere_cannot_read_or_edit_x_drafts_here(
    client, network, other_network, org_x, claire, oscar
):
    nina = UserFactory(username="nina")
    RoleFactory(user=nina, network=network, kind=RoleKind.VIEWER)
    here = draft_of(org_x, network, claire)
    there = draft_of(org_x, other_network, oscar)

    accept_invitation(nina, other_network, org_x)

    nina = type(nina).objects.get(pk=nina.pk)
    assert nina.organisation_in(other_network) == org_x
    assert nina.organisation_in(network) is None
    assert not nina.has_perm("practices.view_sheet", here)
    assert not nina.has_perm("practices.change_sheet", here)
    assert nina.has_perm("practices.change_sheet", there)
    assert list(Sheet.objects.visible_to(nina, network)) == []
    client.force_login(nina)
    assert client.get(here.get_absolute_url()).status_code == 404
    assert client.get(f"{here.get_absolute_url()}edit/").status_code == 404
    assert client.get(f"{there.get_absolute_url()}edit/").status_code == 200


def test_a_partner_editor_invited_elsewhere_edits_for_the_new_organisation_there_only(
    client, network, other_network, org_a, org_x, ana, claire, oscar
):
    org_y = OrganisationFactory(name="Caritas Y")
    MembershipFactory(network=other_network, organisation=org_y)
    mine_here = draft_of(org_a, network, claire)
    x_here = draft_of(org_x, network, claire)
    y_there = draft_of(org_y, other_network, oscar)

    accept_invitation(ana, other_network, org_y)

    ana = type(ana).objects.get(pk=ana.pk)
    assert (ana.organisation_in(network), ana.organisation_in(other_network)) == (org_a, org_y)
    assert ana.has_perm("practices.change_sheet", mine_here)
    assert ana.has_perm("practices.change_sheet", y_there)
    assert not ana.has_perm("practices.view_sheet", x_here)
    client.force_login(ana)
    assert client.get(f"{y_there.get_absolute_url()}edit/").status_code == 200
    assert client.get(f"{mine_here.get_absolute_url()}edit/").status_code == 200


def test_an_invitation_gives_its_organisation_to_a_role_that_has_none(network, org_a, vera):
    accept_invitation(vera, network, org_a)
    role = vera.roles.get(network=network)
    assert (role.kind, role.organisation) == (RoleKind.PARTNER_EDITOR, org_a)


def test_the_coordinator_sets_the_organisation_of_a_role_on_the_people_page(
    client, network, org_a, org_b, claire, ana
):
    client.force_login(claire)
    role = ana.roles.get()
    response = client.post(
        f"/euromed/people/{role.pk}/role/",
        {"kind": RoleKind.PARTNER_EDITOR, "organisation": org_b.pk},
    )
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.organisation == org_b


def test_a_partner_editor_keeps_an_organisation_on_the_people_page(client, claire, ana):
    client.force_login(claire)
    role = ana.roles.get()
    response = client.post(
        f"/euromed/people/{role.pk}/role/",
        {"kind": RoleKind.PARTNER_EDITOR, "organisation": ""},
        follow=True,
    )
    assert "Choose the organisation this partner editor writes for." in response.content.decode()
    role.refresh_from_db()
    assert role.organisation is not None


def test_an_organisation_page_lists_the_people_who_work_for_it_in_that_network(
    client, network, other_network, org_x, vera
):
    nina = UserFactory(username="nina", display_name="Nina")
    RoleFactory(user=nina, network=network, kind=RoleKind.VIEWER)
    RoleFactory(user=nina, network=other_network, kind=RoleKind.PARTNER_EDITOR, organisation=org_x)
    editor = UserFactory(username="xavier", display_name="Xavier")
    RoleFactory(user=editor, network=network, kind=RoleKind.PARTNER_EDITOR, organisation=org_x)
    client.force_login(vera)
    response = client.get(f"/euromed/organisations/{org_x.pk}/")
    assert [str(p) for p in response.context["people"]] == ["Xavier"]
