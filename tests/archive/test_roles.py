"""Roles in the archive: each carries the organisation its person works for in that network."""

import pytest

from carnet.accounts.enums import RoleKind
from carnet.accounts.models import Role
from carnet.archive.exporter import export_network
from carnet.archive.importer import import_archive
from carnet.networks.models import Network

from ..factories import MembershipFactory, OrganisationFactory, RoleFactory, UserFactory
from .test_archive import rewrite


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def nina(network, other_network, org_a, org_b, org_c):
    """Partner editor of A in euromed, of C in the other network; Bora's organisation B is
    a member of both networks."""
    MembershipFactory(network=other_network, organisation=org_b)
    nina = UserFactory(username="nina")
    RoleFactory(user=nina, network=network, kind=RoleKind.PARTNER_EDITOR, organisation=org_a)
    RoleFactory(user=nina, network=other_network, kind=RoleKind.PARTNER_EDITOR, organisation=org_c)
    return nina


def organisations_of(network):
    return {
        role.user.username: role.organisation.name if role.organisation else None
        for role in Role.objects.filter(network=network).select_related("user", "organisation")
    }


def test_an_archive_round_trip_keeps_each_network_s_organisation_on_the_roles(
    tmp_path, network, other_network, nina, bora, vera, org_c
):
    path = tmp_path / "euromed.zip"
    document = export_network(network, path)
    blocks = {block["model"]: block["rows"] for block in document["models"]}
    assert all("organisation" not in row["fields"] for row in blocks["accounts.User"])
    # Organisation C is nina's in another network only: not in the archive of euromed.
    assert org_c.name not in [row["fields"]["name"] for row in blocks["networks.Organisation"]]

    import_archive(path, slug="euromed-2")

    copy = Network.objects.get(slug="euromed-2")
    expected = {"nina": "Caritas Albania", "bora": "Caritas Armenia", "vera": None}
    assert organisations_of(network) == organisations_of(copy) == expected
    assert nina.roles.get(network=other_network).organisation == org_c


def test_a_schema_1_archive_puts_each_person_s_organisation_on_their_role(
    tmp_path, network, nina, bora, vera
):
    path = tmp_path / "euromed.zip"
    export_network(network, path)
    elsewhere = OrganisationFactory(name="Caritas Elsewhere", country="FR")  # not a member

    def as_schema_1(document):
        """The same network as Carnet wrote it before roles had an organisation."""
        blocks = {block["model"]: block["rows"] for block in document["models"]}
        roles = {row["fields"]["user"]: row["fields"].pop("organisation") for row in blocks[
            "accounts.Role"]}  # fmt: skip
        for row in blocks["accounts.User"]:
            row["fields"]["organisation"] = roles.get(row["id"])
        vera_row = next(r for r in blocks["accounts.User"] if r["fields"]["username"] == "vera")
        vera_row["fields"]["organisation"] = elsewhere.pk + 1000
        blocks["networks.Organisation"].append(
            {"id": elsewhere.pk + 1000, "fields": {"name": elsewhere.name, "country": "FR"}}
        )
        return {**document, "schema_version": 1}

    import_archive(rewrite(path, tmp_path / "v1.zip", document=as_schema_1), slug="euromed-v1")

    copy = Network.objects.get(slug="euromed-v1")
    assert organisations_of(copy) == {
        "nina": "Caritas Albania",
        "bora": "Caritas Armenia",
        "vera": None,  # her organisation is no member of the network
    }
