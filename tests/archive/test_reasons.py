"""Join, stay and leave reasons in the archive: their source kind (schema 4)."""

import pytest

from carnet.archive.exporter import export_network
from carnet.archive.importer import import_archive
from carnet.networks.models import Membership, MembershipReason

from ..factories import ReasonFactory
from .test_archive import rewrite


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def kinds(slug):
    return sorted(
        MembershipReason.objects.filter(membership__network__slug=slug).values_list(
            "source", "source_kind"
        )
    )


def test_a_round_trip_keeps_the_source_kind(tmp_path, network, org_a):
    membership = Membership.objects.get(network=network, organisation=org_a)
    ReasonFactory(membership=membership, source="Asked by phone", source_kind="survey")
    path = tmp_path / "euromed.zip"
    export_network(network, path)
    import_archive(path, slug="euromed-2")
    assert kinds("euromed-2") == [("Asked by phone", "survey")]


def test_a_schema_3_archive_gets_the_kind_its_source_names(tmp_path, network, org_a):
    membership = Membership.objects.get(network=network, organisation=org_a)
    ReasonFactory(membership=membership, source="Interview, 2019", source_kind="other")
    ReasonFactory(membership=membership, source="At the assembly", source_kind="survey")
    path = tmp_path / "euromed.zip"
    export_network(network, path)

    def as_schema_3(document):
        for block in document["models"]:
            if block["model"] == "networks.MembershipReason":
                for row in block["rows"]:
                    del row["fields"]["source_kind"]
        return {**document, "schema_version": 3}

    import_archive(rewrite(path, tmp_path / "v3.zip", document=as_schema_3), slug="euromed-v3")
    assert kinds("euromed-v3") == [("At the assembly", "other"), ("Interview, 2019", "interview")]


def test_a_flag_on_the_network_itself_follows_it(tmp_path, network, claire):
    from carnet.networks.domain import check_network
    from carnet.networks.models import Network
    from carnet.safeguarding.models import SensitiveFlag

    network.description = "Call Jana on +355 69 123 4567."
    network.save()
    assert check_network(network, by=claire)
    path = tmp_path / "euromed.zip"
    export_network(network, path)
    import_archive(path, slug="euromed-2")
    copy = Network.objects.get(slug="euromed-2")
    flags = SensitiveFlag.objects.filter(network=copy)
    assert {(flag.object_id, flag.field) for flag in flags} == {(str(copy.pk), "description")}
    assert flags.count() == SensitiveFlag.objects.filter(network=network).count()
