"""The migration that moves a person's organisation onto their roles."""

import pytest

from ..migrations import at_the_end_latest, migrate  # noqa: F401 - a fixture

# networks held at its first migration: its later ones (e.g. a logo column) are not this test's
NETWORKS = ("networks", "0001_initial")
BEFORE = [("accounts", "0002_invitations"), NETWORKS]
AFTER = [("accounts", "0004_remove_user_organisation"), NETWORKS]


@pytest.mark.usefixtures("at_the_end_latest")
def test_each_role_gets_the_person_s_organisation_where_it_is_a_member():
    old = migrate(BEFORE)
    Network = old.get_model("networks", "Network")
    Organisation = old.get_model("networks", "Organisation")
    Membership = old.get_model("networks", "Membership")
    User = old.get_model("accounts", "User")
    Role = old.get_model("accounts", "Role")
    euromed = Network.objects.create(name="Euromed", slug="euromed")
    other = Network.objects.create(name="Other", slug="other")
    albania = Organisation.objects.create(name="Caritas Albania", country="AL")
    Membership.objects.create(network=euromed, organisation=albania, joined_on="2011-03-01")
    ana = User.objects.create(username="ana", organisation=albania)
    vera = User.objects.create(username="vera")
    Role.objects.create(user=ana, network=euromed, kind="partner_editor")
    Role.objects.create(user=ana, network=other, kind="viewer")  # Albania is not a member
    Role.objects.create(user=vera, network=euromed, kind="viewer")

    new = migrate(AFTER)

    roles = new.get_model("accounts", "Role").objects.order_by("pk")
    assert [(r.user.username, r.network.slug, r.organisation_id) for r in roles] == [
        ("ana", "euromed", albania.pk),
        ("ana", "other", None),
        ("vera", "euromed", None),
    ]
    fields = {f.name for f in new.get_model("accounts", "User")._meta.get_fields()}
    assert "organisation" not in fields


@pytest.mark.usefixtures("at_the_end_latest")
def test_going_back_gives_a_person_the_organisation_of_their_partner_editor_role():
    new = migrate(AFTER)
    Network = new.get_model("networks", "Network")
    Organisation = new.get_model("networks", "Organisation")
    User = new.get_model("accounts", "User")
    Role = new.get_model("accounts", "Role")
    euromed = Network.objects.create(name="Euromed", slug="euromed")
    other = Network.objects.create(name="Other", slug="other")
    albania = Organisation.objects.create(name="Caritas Albania", country="AL")
    elsewhere = Organisation.objects.create(name="Caritas Elsewhere", country="FR")
    nina = User.objects.create(username="nina")
    Role.objects.create(user=nina, network=euromed, kind="viewer", organisation=elsewhere)
    Role.objects.create(user=nina, network=other, kind="partner_editor", organisation=albania)

    old = migrate(BEFORE)

    assert old.get_model("accounts", "User").objects.get().organisation_id == albania.pk
