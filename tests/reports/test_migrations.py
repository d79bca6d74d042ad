"""The migration that gives an existing report its network's first exercise."""

import pytest

from ..migrations import at_the_end_latest, migrate  # noqa: F401 - a fixture

BEFORE = [
    ("reports", "0002_review_round_due_date"),
    ("capitalisation", "0008_seed_interview_guide_and_move_expectations"),
]
AFTER = [("reports", "0004_existing_reports_go_to_the_first_exercise")]


@pytest.mark.usefixtures("at_the_end_latest")
def test_an_existing_report_goes_to_its_networks_first_exercise():
    old = migrate(BEFORE)
    Network = old.get_model("networks", "Network")
    Exercise = old.get_model("capitalisation", "Exercise")
    Report = old.get_model("reports", "Report")
    euromed = Network.objects.create(name="Euromed", slug="euromed")
    bare = Network.objects.create(name="Made in the admin", slug="bare")
    first = Exercise.objects.create(network=euromed, title="2019")
    Exercise.objects.create(network=euromed, title="2029")
    older = Report.objects.create(network=euromed, title="A draft made in the admin")
    shown = Report.objects.create(network=euromed, title="Nine years")
    alone = Report.objects.create(network=bare, title="Our report")

    new = migrate(AFTER)

    Report = new.get_model("reports", "Report")
    assert Report.objects.get(pk=shown.pk).exercise_id == first.pk  # the one pages showed
    assert Report.objects.get(pk=older.pk).exercise_id is None  # never shown, kept
    made = Report.objects.get(pk=alone.pk).exercise
    assert (made.network_id, made.title) == (bare.pk, "Made in the admin")
