"""The vocabulary travels with the network's archive (schema 4); older archives get the
lists their items' keys meant."""

import pytest

from carnet.archive.exporter import export_network
from carnet.archive.importer import import_archive
from carnet.networks.models import Network
from carnet.vocabulary import domain
from carnet.vocabulary.models import Term

from ..archive.test_archive import rewrite
from ..practices.factories import make_sheet


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def archived(network, claire, ana, org_a, tmp_path):
    make_sheet(network=network, organisation=org_a, by=ana, themes=["prevention"])
    term = Term.objects.get(network=network, kind="theme", key="prevention")
    domain.rename_term(term, "Preventing exploitation", by=claire)
    domain.add_term(network, "theme", "Labour exploitation", by=claire)
    path = tmp_path / "euromed.zip"
    export_network(network, path)
    return path


def test_an_imported_network_keeps_its_words(archived):
    import_archive(archived, slug="euromed-copy")
    copy = Network.objects.get(slug="euromed-copy")
    themes = domain.labels(copy, "theme")
    assert themes["prevention"] == "Preventing exploitation"
    assert themes["labour-exploitation"] == "Labour exploitation"
    assert copy.sheets.get().theme_labels() == ["Preventing exploitation"]


def test_an_archive_of_schema_3_gets_the_lists_of_its_time(archived, tmp_path):
    def as_schema_3(document):
        models = [b for b in document["models"] if b["model"] != "vocabulary.Term"]
        return {**document, "schema_version": 3, "models": models}

    import_archive(rewrite(archived, tmp_path / "v3.zip", document=as_schema_3), slug="old")
    old = Network.objects.get(slug="old")
    assert domain.labels(old, "theme")["prevention"] == "Prevention"
    assert old.sheets.get().theme_labels() == ["Prevention"]
    assert "labour-exploitation" not in domain.labels(old, "theme")
