"""Exercises and their phases, run by the coordinator without the Django admin."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from carnet.accounts.enums import RoleKind, Verb
from carnet.accounts.models import Action
from carnet.capitalisation import domain
from carnet.capitalisation.enums import PhaseStatus
from carnet.capitalisation.models import Exercise, Interview, Phase, in_exercise
from carnet.practices.domain import template_for
from carnet.practices.models import SheetTemplate
from tests.factories import RoleFactory

from .factories import InterviewFactory, WorkshopFactory

D = datetime.date


@pytest.fixture
def exercise(network):
    return domain.create_exercise(network=network, title="Nine years of the network")


def names(exercise):
    return list(exercise.phases.order_by("number").values_list("number", "name"))


# --- the current exercise -----------------------------------------------------------------


def test_the_current_exercise_is_the_latest_started(network, claire, exercise):
    assert domain.current_exercise(network) == exercise
    second = domain.start_exercise(network=network, title="Ten years later", by=claire)
    assert domain.current_exercise(network) == second
    assert set(network.exercises.all()) == {exercise, second}  # the first stays


def test_a_network_without_exercise_has_no_current_one(other_network):
    assert domain.current_exercise(other_network) is None


def test_new_sheets_use_the_template_of_the_current_exercise(network, claire, exercise):
    second = domain.start_exercise(network=network, title="Ten years later", by=claire)
    assert template_for(network, Exercise.objects.current(network)).exercise == second


# --- starting an exercise -----------------------------------------------------------------


def test_an_exercise_started_from_the_default_method_has_its_five_phases(network, claire):
    exercise = domain.start_exercise(
        network=network, title="Second capitalisation", description="From 2026", by=claire
    )
    assert [name for _n, name in names(exercise)] == [name for name, _g in domain.DEFAULT_PHASES]
    action = Action.objects.get(verb=Verb.CREATE, object_id=str(exercise.pk))
    assert (action.actor, action.network, action.data) == (claire, network, {"method": "default"})


def test_a_copy_takes_names_goals_and_sheet_fields_but_not_dates_nor_status(
    network, other_network, claire, exercise
):
    phase = exercise.phases.get(number=2)
    domain.change_phase(
        phase,
        by=claire,
        name="Hear the partners",
        goal="One interview each",
        planned_start=D(2019, 10, 1),
        planned_end=D(2019, 11, 1),
        status=PhaseStatus.DONE,
    )
    template = template_for(network, exercise)
    template.name = "Practice sheet"
    template.fields = {"title": {"label": "What we did"}}
    template.save()

    copy = domain.start_exercise(
        network=other_network, title="Our first", by=claire, copy_from=exercise
    )

    copied = copy.phases.get(number=2)
    assert (copied.name, copied.goal) == ("Hear the partners", "One interview each")
    assert (copied.planned_start, copied.planned_end, copied.status) == (
        None,
        None,
        PhaseStatus.PLANNED,
    )
    assert copy.phases.count() == 5
    copied_template = SheetTemplate.objects.get(exercise=copy)
    assert (copied_template.network, copied_template.name, copied_template.fields) == (
        other_network,
        "Practice sheet",
        {"title": {"label": "What we did"}},
    )
    assert SheetTemplate.objects.get(exercise=exercise).network == network  # left as it was


def test_only_exercises_of_networks_the_person_coordinates_can_be_copied(
    network, other_network, claire, farid, exercise
):
    elsewhere = domain.create_exercise(network=other_network, title="Elsewhere")
    assert list(domain.exercises_to_copy(claire)) == [exercise]
    assert list(domain.exercises_to_copy(farid)) == []  # a facilitator copies nothing
    RoleFactory(user=claire, network=other_network, kind=RoleKind.COORDINATOR)
    claire = type(claire).objects.get(pk=claire.pk)  # her roles are read once per request
    assert set(domain.exercises_to_copy(claire)) == {exercise, elsewhere}


# --- editing ------------------------------------------------------------------------------


def test_changing_an_exercise_is_logged(claire, exercise):
    domain.change_exercise(exercise, by=claire, title="Renamed", description="New words")
    exercise.refresh_from_db()
    assert (exercise.title, exercise.description) == ("Renamed", "New words")
    action = Action.objects.get(verb=Verb.CHANGE)
    assert action.data == {"fields": ["description", "title"]}


def test_a_phase_cannot_end_before_it_starts(claire, exercise):
    phase = exercise.phases.get(number=1)
    with pytest.raises(ValidationError) as error:
        domain.change_phase(phase, by=claire, actual_start=D(2020, 3, 1), actual_end=D(2020, 2, 1))
    assert list(error.value.message_dict) == ["actual_end"]
    phase.refresh_from_db()
    assert phase.actual_end is None
    assert not Action.objects.exists()


def test_phases_are_added_at_the_end_moved_and_removed(claire, exercise):
    added = domain.add_phase(exercise, by=claire, name="Share the report", goal="Events")
    assert added.number == 6
    domain.move_phase(added, by=claire, up=True)
    assert names(exercise)[4:] == [(5, "Share the report"), (6, "Finalise the tools")]
    domain.move_phase(exercise.phases.get(number=1), by=claire, up=True)  # first: stays
    assert names(exercise)[0] == (1, "Understand the network")
    domain.remove_phase(exercise.phases.get(number=2), by=claire)
    assert [number for number, _name in names(exercise)] == [1, 2, 3, 4, 5]
    assert names(exercise)[1] == (2, "Rebuild the history")
    verbs = list(Action.objects.order_by("pk").values_list("verb", flat=True))
    assert verbs == [Verb.CREATE, Verb.CHANGE, Verb.DELETE]


def test_the_last_phase_is_never_removed(claire, exercise):
    phases = list(exercise.phases.order_by("number"))
    for phase in phases[:-1]:
        domain.remove_phase(phase, by=claire)
    with pytest.raises(domain.LastPhase, match="rename it"):
        domain.remove_phase(phases[-1], by=claire)
    assert exercise.phases.count() == 1


# --- pages ---------------------------------------------------------------------------------


def test_the_coordinator_changes_a_phases_dates(client, claire, network, exercise):
    phase = exercise.phases.get(number=3)
    client.force_login(claire)
    url = f"/euromed/exercises/phases/{phase.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": phase.name,
            "goal": phase.goal,
            "status": "in_progress",
            "planned_start": "2026-01-05",
            "planned_end": "2026-03-31",
        },
    )
    assert response.status_code == 302
    phase.refresh_from_db()
    assert (phase.planned_start, phase.planned_end, phase.status) == (
        D(2026, 1, 5),
        D(2026, 3, 31),
        "in_progress",
    )


def test_an_end_before_the_start_is_refused_on_the_field_keeping_what_was_typed(
    client, claire, exercise
):
    phase = exercise.phases.get(number=1)
    client.force_login(claire)
    response = client.post(
        f"/euromed/exercises/phases/{phase.pk}/",
        {
            "name": "Typed name",
            "status": "planned",
            "planned_start": "2026-05-01",
            "planned_end": "2026-04-01",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_planned_end-error"' in page
    assert "The end cannot come before the start" in page
    assert 'value="Typed name"' in page and 'value="2026-04-01"' in page
    phase.refresh_from_db()
    assert (phase.name, phase.planned_end) == ("Understand the network", None)


def test_the_coordinator_starts_a_copy_and_the_first_exercise_stays_readable(
    client, claire, network, other_network, exercise
):
    RoleFactory(user=claire, network=other_network, kind=RoleKind.COORDINATOR)
    elsewhere = domain.create_exercise(network=other_network, title="Elsewhere")
    domain.add_phase(elsewhere, by=claire, name="Sixth step")
    client.force_login(claire)
    page = client.get("/euromed/exercises/new/").content.decode()
    assert "A copy of “Elsewhere” (Another network)" in page
    response = client.post(
        "/euromed/exercises/new/", {"title": "Second round", "start_from": str(elsewhere.pk)}
    )
    assert response.status_code == 302
    second = domain.current_exercise(network)
    assert second.title == "Second round" and second.phases.count() == 6
    listing = client.get("/euromed/exercises/").content.decode()
    current, earlier = listing.split("Earlier exercises")
    assert "Second round" in current and "Nine years of the network" in earlier
    assert client.get(f"/euromed/exercises/{exercise.pk}/").status_code == 200


def test_a_choice_outside_the_persons_networks_is_refused(client, claire, other_network):
    elsewhere = domain.create_exercise(network=other_network, title="Elsewhere")
    client.force_login(claire)
    response = client.post(
        "/euromed/exercises/new/", {"title": "Copy", "start_from": str(elsewhere.pk)}
    )
    assert response.status_code == 400
    assert not Exercise.objects.filter(title="Copy").exists()


def test_removing_a_phase_asks_first_and_the_last_one_says_what_to_do(client, claire, network):
    exercise = Exercise.objects.create(network=network, title="Small")
    first = Phase.objects.create(exercise=exercise, number=1, name="Only")
    second = Phase.objects.create(exercise=exercise, number=2, name="Other")
    client.force_login(claire)
    confirm = client.get(f"/euromed/exercises/phases/{second.pk}/remove/").content.decode()
    assert "Remove the phase" in confirm and "cannot be undone" in confirm
    assert Phase.objects.count() == 2  # asking removes nothing
    client.post(f"/euromed/exercises/phases/{second.pk}/remove/")
    assert list(Phase.objects.all()) == [first]
    last = client.get(f"/euromed/exercises/phases/{first.pk}/remove/").content.decode()
    assert "rename it or change its goal and dates instead" in last
    response = client.post(f"/euromed/exercises/phases/{first.pk}/remove/", follow=True)
    assert "rename it or change its goal and dates instead" in response.content.decode()
    assert list(Phase.objects.all()) == [first]


def test_moving_a_phase_from_the_page(client, claire, exercise):
    phase = exercise.phases.get(number=2)
    client.force_login(claire)
    response = client.post(f"/euromed/exercises/phases/{phase.pk}/move/", {"direction": "up"})
    assert response.status_code == 302
    phase.refresh_from_db()
    assert phase.number == 1


def test_facilitators_read_the_exercise_but_change_nothing(client, farid, exercise):
    client.force_login(farid)
    page = client.get(f"/euromed/exercises/{exercise.pk}/").content.decode()
    assert "Understand the network" in page
    assert "/remove/" not in page and "Add a phase" not in page
    phase = exercise.phases.get(number=1)
    assert client.get(f"/euromed/exercises/phases/{phase.pk}/").status_code == 403


def test_the_network_page_links_the_exercises_for_its_organisers(client, claire, ana, exercise):
    client.force_login(claire)
    assert "/euromed/exercises/" in client.get("/euromed/").content.decode()
    client.force_login(ana)
    assert "/euromed/exercises/" not in client.get("/euromed/").content.decode()


# --- what belongs to an exercise -------------------------------------------------------------


def test_new_interviews_workshops_and_learnings_get_the_current_exercise(
    network, claire, farid, org_a, exercise
):
    first = InterviewFactory(network=network, organisation=org_a)
    second = domain.start_exercise(network=network, title="Ten years later", by=claire)
    interview = InterviewFactory(network=network, organisation=org_a)
    workshop = WorkshopFactory(network=network)
    learning = domain.create_learning(
        network=network, statement="Trust", category="advice_links", by=farid
    )
    assert first.exercise == exercise
    assert (interview.exercise, workshop.exercise, learning.exercise) == (second, second, second)


def test_lists_show_the_current_exercise_and_an_earlier_one_on_request(
    client, network, claire, farid, org_a, exercise
):
    InterviewFactory(network=network, organisation=org_a, status="done")
    WorkshopFactory(network=network, title="Workshop of the first round")
    domain.create_learning(
        network=network, statement="Old finding", category="advice_links", by=farid
    )
    second = domain.start_exercise(network=network, title="Ten years later", by=claire)
    domain.create_learning(
        network=network, statement="New finding", category="advice_links", by=farid
    )
    client.force_login(farid)

    learnings = client.get("/euromed/capitalisation/learnings/").content.decode()
    assert "New finding" in learnings and "Old finding" not in learnings
    assert f'href="?exercise={exercise.pk}"' in learnings
    earlier = client.get(f"/euromed/capitalisation/learnings/?exercise={exercise.pk}")
    assert (
        "Old finding" in earlier.content.decode() and "New finding" not in earlier.content.decode()
    )
    assert "an earlier one, kept for reading" in earlier.content.decode()

    assert (
        "Workshop of the first round"
        not in client.get("/euromed/capitalisation/workshops/").content.decode()
    )
    assert (
        "Workshop of the first round"
        in client.get(f"/euromed/capitalisation/workshops/?exercise={exercise.pk}").content.decode()
    )
    interviews = client.get("/euromed/capitalisation/interviews/").content.decode()
    assert "0 of 1 organisations interviewed" in interviews
    interviews = client.get(f"/euromed/capitalisation/interviews/?exercise={exercise.pk}")
    assert "1 of 1 organisations interviewed" in interviews.content.decode()
    assert second.progress == 0


def test_an_exercise_of_another_network_is_not_found(client, farid, other_network, exercise):
    elsewhere = domain.create_exercise(network=other_network, title="Elsewhere")
    client.force_login(farid)
    response = client.get(f"/euromed/capitalisation/interviews/?exercise={elsewhere.pk}")
    assert response.status_code == 404


def test_the_dashboard_counts_the_current_exercise_only(network, claire, org_a, exercise):
    from carnet.capitalisation.progress import phase_steps

    InterviewFactory(network=network, organisation=org_a, status="done")
    interviews = next(s for s in phase_steps(exercise)[1] if s.step.key == "interviews")
    assert interviews.done == 1
    second = domain.start_exercise(network=network, title="Ten years later", by=claire)
    interviews = next(s for s in phase_steps(second)[1] if s.step.key == "interviews")
    assert interviews.done == 0


def test_rows_without_an_exercise_count_in_the_first_one(network, claire, org_a, exercise):
    """As after importing an archive from before exercises held them."""
    interview = InterviewFactory(network=network, organisation=org_a)
    Interview.objects.filter(pk=interview.pk).update(exercise=None)
    second = domain.start_exercise(network=network, title="Ten years later", by=claire)
    first = Exercise.objects.get(pk=exercise.pk)
    assert list(Interview.objects.filter(in_exercise(first))) == [interview]
    assert list(Interview.objects.filter(in_exercise(second))) == []


def test_the_first_exercises_synthesis_stays_published_when_the_next_one_is(
    client, network, claire, farid, org_a, exercise
):
    from carnet.capitalisation.models import PublishedSynthesis

    domain.create_learning(
        network=network, statement="Old finding", category="advice_links", by=farid
    )
    first = domain.publish_synthesis(network, by=claire)
    second = domain.start_exercise(network=network, title="Ten years later", by=claire)
    assert client.get("/euromed/synthesis/published/").status_code == 200  # the latest published
    domain.create_learning(
        network=network, statement="New finding", category="advice_links", by=farid
    )
    domain.publish_synthesis(network, by=claire)

    assert PublishedSynthesis.objects.filter(network=network, is_published=True).count() == 2
    current = client.get("/euromed/synthesis/published/").content.decode()
    assert "New finding" in current and "Old finding" not in current
    earlier = client.get(f"/euromed/synthesis/published/?exercise={exercise.pk}").content.decode()
    assert "Old finding" in earlier and "New finding" not in earlier
    domain.withdraw_synthesis(network, by=claire)  # the current exercise's only
    first.refresh_from_db()
    assert first.is_published
    assert not PublishedSynthesis.objects.get(exercise=second).is_published
    assert client.get("/euromed/synthesis/published/?exercise=nope").status_code == 404


# --- copying everything an exercise has, from another network ----------------------------


def _report_with_chapters(exercise, by):
    from carnet.reports import domain as reports
    from carnet.reports.models import Report

    report = Report.objects.create(
        network=exercise.network, exercise=exercise, title="Nine years", language="fr"
    )
    reports.add_chapter(report, by=by, kind="text", title="Method", body="We listened.")
    reports.add_chapter(report, by=by, kind="block", block="timeline", title="Key moments")
    return report


def test_a_copy_takes_the_interview_guide_still_asked_in_its_order(
    network, other_network, claire, exercise
):
    domain.add_question(exercise, "Who funds you?", by=claire)
    dropped = exercise.interview_questions.order_by("position").first()
    dropped.archived = True
    dropped.save()

    copy = domain.start_exercise(
        network=other_network, title="Our first", by=claire, copy_from=exercise
    )

    texts = list(copy.interview_questions.values_list("text", flat=True))
    assert texts == [*domain.DEFAULT_QUESTIONS[1:], "Who funds you?"]
    assert list(copy.interview_questions.values_list("position", flat=True)) == list(
        range(1, len(domain.DEFAULT_QUESTIONS) + 1)
    )


def test_a_copy_takes_the_report_chapters_but_not_its_versions(
    network, other_network, claire, farid, exercise
):
    from carnet.reports.models import ReportVersion

    report = _report_with_chapters(exercise, farid)
    ReportVersion.objects.create(report=report, number=1, status="ready", is_published=True)

    copy = domain.start_exercise(
        network=other_network, title="Our first", by=claire, copy_from=exercise
    )

    copied = copy.reports.get()
    assert (copied.network, copied.title, copied.language) == (other_network, "Nine years", "fr")
    assert list(copied.chapters.values_list("position", "kind", "block", "title", "body")) == [
        (1, "text", "", "Method", "We listened."),
        (2, "block", "timeline", "Key moments", ""),
    ]
    assert copied.versions.count() == 0
    assert report.versions.count() == 1  # the source keeps its own


def test_a_second_exercise_from_the_method_starts_without_a_report(network, claire, exercise):
    _report_with_chapters(exercise, claire)
    second = domain.start_exercise(network=network, title="Ten years later", by=claire)
    assert second.reports.count() == 0
    assert exercise.reports.count() == 1


def test_a_copy_merges_the_other_networks_vocabulary_without_overwriting(
    network, other_network, claire, exercise
):
    from carnet.vocabulary.models import Term

    Term.objects.filter(network__in=[network, other_network]).delete()
    kind = "theme"
    Term.objects.create(network=network, kind=kind, key="shelters", label="Shelters", position=1)
    Term.objects.create(network=network, kind=kind, key="courts", label="Courts", position=2)
    Term.objects.create(network=network, kind=kind, key="youth", label="Youth", position=3)
    Term.objects.create(network=network, kind=kind, key="gone", label="Gone", archived=True)
    Term.objects.create(network=other_network, kind=kind, key="courts", label="Justice")
    Term.objects.create(network=other_network, kind=kind, key="young", label="youth", position=4)

    domain.start_exercise(network=other_network, title="Ours", by=claire, copy_from=exercise)

    terms = Term.objects.of(other_network, kind).order_by("position", "pk")
    assert list(terms.values_list("key", "label", "position")) == [
        ("courts", "Justice", 0),  # the key is there: its label stays
        ("young", "youth", 4),  # the label is there under another key: not twice
        ("shelters", "Shelters", 5),  # new: at the end, in the source's order
    ]
    assert not terms.filter(key="gone").exists()  # archived in the source: not copied


def test_copying_within_the_network_leaves_its_vocabulary_alone(network, claire, exercise):
    from carnet.vocabulary.models import Term

    before = list(Term.objects.filter(network=network).values_list("pk", "label"))
    domain.start_exercise(network=network, title="Again", by=claire, copy_from=exercise)
    assert list(Term.objects.filter(network=network).values_list("pk", "label")) == before
