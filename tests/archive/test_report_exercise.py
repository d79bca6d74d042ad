"""The report's exercise in the archive (schema 7): one report per exercise."""

import pytest

from carnet.archive.exporter import export_network
from carnet.archive.importer import import_archive
from carnet.capitalisation import domain as capitalisation
from carnet.capitalisation.models import Exercise
from carnet.reports.models import Report

from .test_archive import rewrite


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def reports_by_exercise(slug):
    return sorted(Report.objects.filter(network__slug=slug).values_list("exercise__title", "title"))


def test_a_round_trip_keeps_each_report_under_its_exercise(tmp_path, network, claire):
    first = capitalisation.create_exercise(network=network, title="2019")
    Report.objects.create(network=network, exercise=first, title="Nine years")
    second = capitalisation.start_exercise(network=network, title="2029", by=claire)
    Report.objects.create(network=network, exercise=second, title="Ten years later")
    path = tmp_path / "euromed.zip"
    export_network(network, path)
    import_archive(path, slug="euromed-2")
    assert reports_by_exercise("euromed-2") == [("2019", "Nine years"), ("2029", "Ten years later")]


def test_a_schema_6_archives_report_counts_in_the_first_exercise(tmp_path, network, claire):
    from carnet.reports.domain import report_of

    first = capitalisation.create_exercise(network=network, title="2019")
    Report.objects.create(network=network, exercise=first, title="Nine years")
    path = tmp_path / "euromed.zip"
    export_network(network, path)

    def as_schema_6(document):
        for block in document["models"]:
            if block["model"] == "reports.Report":
                for row in block["rows"]:
                    del row["fields"]["exercise"]
        return {**document, "schema_version": 6}

    network = import_archive(
        rewrite(path, tmp_path / "v6.zip", document=as_schema_6), slug="v6"
    ).network
    imported = Exercise.objects.get(network=network)
    assert report_of(network, imported).title == "Nine years"
