"""The migration that gives the existing interviews, workshops and learnings an exercise."""

import datetime

import pytest

from ..migrations import at_the_end_latest, migrate  # noqa: F401 - a fixture

NETWORKS = ("networks", "0001_initial")
BEFORE = [("capitalisation", "0003_published_synthesis"), NETWORKS]
AFTER = [("capitalisation", "0006_existing_rows_go_to_the_first_exercise")]


@pytest.mark.usefixtures("at_the_end_latest")
def test_existing_rows_go_to_their_networks_first_exercise():
    old = migrate(BEFORE)
    Network = old.get_model("networks", "Network")
    Organisation = old.get_model("networks", "Organisation")
    Exercise = old.get_model("capitalisation", "Exercise")
    Interview = old.get_model("capitalisation", "Interview")
    Workshop = old.get_model("capitalisation", "Workshop")
    Learning = old.get_model("capitalisation", "Learning")
    euromed = Network.objects.create(name="Euromed", slug="euromed")
    bare = Network.objects.create(name="Made in the admin", slug="bare")
    first = Exercise.objects.create(network=euromed, title="2019")
    Exercise.objects.create(network=euromed, title="2029")
    albania = Organisation.objects.create(name="Caritas Albania", country="AL")
    interview = Interview.objects.create(network=euromed, organisation=albania)
    day = datetime.date(2019, 11, 27)
    workshop = Workshop.objects.create(
        network=euromed, title="Prishtina", place="Prishtina", start_on=day, end_on=day
    )
    learning = Learning.objects.create(network=bare, statement="Trust", category="advice_links")
    PublishedSynthesis = old.get_model("capitalisation", "PublishedSynthesis")
    published = PublishedSynthesis.objects.create(network=euromed, is_published=True)

    new = migrate(AFTER)

    Interview = new.get_model("capitalisation", "Interview")
    assert Interview.objects.get(pk=interview.pk).exercise_id == first.pk
    assert new.get_model("capitalisation", "Workshop").objects.get(pk=workshop.pk).exercise_id == (
        first.pk
    )
    PublishedSynthesis = new.get_model("capitalisation", "PublishedSynthesis")
    assert PublishedSynthesis.objects.get(pk=published.pk).exercise_id == first.pk
    made = new.get_model("capitalisation", "Learning").objects.get(pk=learning.pk).exercise
    assert (made.network_id, made.title) == (bare.pk, "Made in the admin")
