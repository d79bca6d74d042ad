"""The interview guide of an exercise, the answers of each interview, and the partners'
expectations side by side with what they led to."""

import importlib

from django.apps import apps

from carnet.capitalisation import domain
from carnet.capitalisation.models import (
    Exercise,
    Expectation,
    Interview,
    InterviewAnswer,
    InterviewQuestion,
)
from carnet.practices import domain as practices

from ..practices.factories import make_sheet
from ..timeline.factories import MilestoneFactory
from .factories import InterviewFactory, SessionFactory, WorkshopFactory

GUIDE = "/euromed/capitalisation/guide/"
EXPECTATIONS = "/euromed/capitalisation/expectations/"


def texts(exercise):
    return list(
        exercise.interview_questions.filter(archived=False)
        .order_by("position")
        .values_list("text", flat=True)
    )


def test_a_new_exercise_starts_with_the_default_guide(network):
    exercise = domain.create_exercise(network=network, title="2019")
    assert texts(exercise) == domain.DEFAULT_QUESTIONS
    assert len(domain.DEFAULT_QUESTIONS) == 7


def test_the_migration_gives_existing_exercises_the_guide_and_keeps_the_expectations(
    network, org_a
):
    exercise = Exercise.objects.create(network=network, title="Before the guide")
    interview = InterviewFactory(network=network, organisation=org_a, expectations="Visibility")
    InterviewFactory(network=network, organisation=org_a, expectations="")
    migration = importlib.import_module(
        "carnet.capitalisation.migrations.0008_seed_interview_guide_and_move_expectations"
    )
    for _twice in range(2):  # running it again duplicates nothing
        migration.forwards(apps, None)
    assert texts(exercise) == domain.DEFAULT_QUESTIONS
    expectation = Expectation.objects.get()
    assert (expectation.organisation, expectation.interview, expectation.put_forward) == (
        org_a,
        interview,
        "Visibility",
    )
    assert expectation.exercise == exercise
    assert Interview.objects.get(pk=interview.pk).expectations == "Visibility"


def test_an_interview_records_an_answer_per_question_and_free_notes(client, network, farid, org_a):
    exercise = domain.create_exercise(network=network, title="2019")
    first, second = exercise.interview_questions.order_by("position")[:2]
    client.force_login(farid)
    form = client.get("/euromed/capitalisation/interviews/new/").context["form"]
    assert [name for name in form.fields if name.startswith("q-")] == [
        f"q-{q.pk}" for q in exercise.interview_questions.order_by("position")
    ]
    assert list(form.fields)[-1] == "notes"  # the free notes come after the answers
    response = client.post(
        "/euromed/capitalisation/interviews/new/",
        {
            "organisation": org_a.pk,
            "channel": "video",
            "status": "done",
            f"q-{first.pk}": "Through a project with Caritas Italy in 2012.",
            f"q-{second.pk}": "Showing what we learnt.",
            "notes": "Staff changed twice.",
        },
    )
    assert response.status_code == 302
    interview = Interview.objects.get()
    assert {a.question: a.text for a in interview.answers.all()} == {
        first: "Through a project with Caritas Italy in 2012.",
        second: "Showing what we learnt.",
    }
    assert interview.notes == "Staff changed twice."
    # Emptying an answer removes it; changing one changes it.
    response = client.post(
        f"/euromed/capitalisation/interviews/{interview.pk}/edit/",
        {
            "organisation": org_a.pk,
            "channel": "video",
            "status": "done",
            f"q-{first.pk}": "",
            f"q-{second.pk}": "Showing what we learnt, with figures.",
            "notes": "Staff changed twice.",
        },
    )
    assert response.status_code == 302
    assert list(interview.answers.values_list("question", "text")) == [
        (second.pk, "Showing what we learnt, with figures.")
    ]


def test_answers_are_for_coordinators_and_facilitators_only(client, personas, network, org_a):
    exercise = domain.create_exercise(network=network, title="2019")
    interview = InterviewFactory(network=network, organisation=org_a)
    InterviewAnswer.objects.create(
        interview=interview, question=exercise.interview_questions.first(), text="Secret answer"
    )
    url = f"/euromed/capitalisation/interviews/{interview.pk}/"
    seen = {}
    for name in ["claire", "farid", "ana", "bora", "vera"]:
        client.force_login(personas[name])
        seen[name] = "Secret answer" in client.get(url).content.decode()
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    assert seen == {"claire": True, "farid": True, "ana": False, "bora": False, "vera": False}


def test_organisers_add_rename_reorder_and_archive_questions(client, network, claire, org_a):
    exercise = domain.create_exercise(network=network, title="2019")
    client.force_login(claire)
    response = client.post(GUIDE, {"text": "What would you tell a new member?"})
    assert response.status_code == 302
    added = exercise.interview_questions.get(text="What would you tell a new member?")
    assert texts(exercise)[-1] == added.text
    client.post(f"{GUIDE}{added.pk}/move/", {"direction": "up"})
    assert texts(exercise)[-2] == added.text
    first = exercise.interview_questions.order_by("position").first()
    client.post(f"{GUIDE}{first.pk}/move/", {"direction": "up"})  # already first: no change
    assert texts(exercise)[0] == first.text
    response = client.post(
        f"{GUIDE}{added.pk}/", {"text": "What would you tell a new member network?"}
    )
    assert response.status_code == 302
    added.refresh_from_db()
    assert added.text == "What would you tell a new member network?"
    # Archived: no longer asked in new interviews, but an interview that answered it keeps it.
    interview = InterviewFactory(network=network, organisation=org_a)
    InterviewAnswer.objects.create(interview=interview, question=added, text="Be patient.")
    client.post(f"{GUIDE}{added.pk}/", {"text": added.text, "archived": "on"})
    assert added.text not in texts(exercise)
    assert added not in domain.questions_for(Interview(network=network))
    assert added in domain.questions_for(interview)
    html = client.get(f"/euromed/capitalisation/interviews/{interview.pk}/edit/").content.decode()
    assert "Be patient." in html and "(archived question)" in html
    assert "archived: no longer asked" in client.get(GUIDE).content.decode()


def test_an_empty_question_is_refused_with_the_guide_again(client, network, farid):
    domain.create_exercise(network=network, title="2019")
    client.force_login(farid)
    response = client.post(GUIDE, {"text": ""})
    assert response.status_code == 400
    assert response.context["form"].errors["text"]
    assert InterviewQuestion.objects.count() == len(domain.DEFAULT_QUESTIONS)


def test_partners_read_the_guide_but_do_not_change_it(client, network, ana):
    exercise = domain.create_exercise(network=network, title="2019")
    client.force_login(ana)
    response = client.get(GUIDE)
    assert response.status_code == 200
    assert domain.DEFAULT_QUESTIONS[0] in response.content.decode()
    assert client.post(GUIDE, {"text": "Mine"}).status_code == 403
    question = exercise.interview_questions.first()
    assert client.post(f"{GUIDE}{question.pk}/", {"text": "Mine"}).status_code == 403
    assert client.post(f"{GUIDE}{question.pk}/move/", {"direction": "down"}).status_code == 403
    assert texts(exercise) == domain.DEFAULT_QUESTIONS


def test_expectations_of_all_partners_side_by_side_with_what_they_led_to(
    client, network, farid, ana, org_a, org_b
):
    exercise = domain.create_exercise(network=network, title="2019")
    interview = InterviewFactory(network=network, organisation=org_a)
    sheet = make_sheet(network=network, organisation=org_a, by=ana)
    moment = MilestoneFactory(network=network, title="The first regional meeting")
    session = SessionFactory(workshop=WorkshopFactory(network=network), topic="Day 2: national")
    client.force_login(farid)
    response = client.post(
        f"{EXPECTATIONS}new/",
        {
            "organisation": org_a.pk,
            "interview": interview.pk,
            "put_forward": "Our training of social workers.",
            "understanding": 2,
            "availability": "Two days in March.",
            "sheets": [sheet.pk],
            "moments": [moment.pk],
            "sessions": [session.pk],
        },
    )
    assert response.status_code == 302
    expectation = Expectation.objects.get()
    assert (expectation.network, expectation.exercise) == (network, exercise)
    Expectation.objects.create(
        network=network, exercise=exercise, organisation=org_b, put_forward="Legal aid.",
        understanding=4,
    )  # fmt: skip
    client.force_login(ana)  # members read the page
    html = client.get(EXPECTATIONS).content.decode()
    assert html.index("Caritas Albania") < html.index("Caritas Armenia")
    for text in [
        "Our training of social workers.",
        "2 — Has heard of it",
        "Two days in March.",
        sheet.title,
        "The first regional meeting",
        "Day 2: national",
        "Legal aid.",
        "4 — Has practised it",
    ]:
        assert text in html
    assert "Expectations recorded for 2 of" in html


def test_an_expectation_tied_to_another_organisations_interview_is_refused(
    client, network, farid, org_a, org_b
):
    domain.create_exercise(network=network, title="2019")
    interview = InterviewFactory(network=network, organisation=org_b)
    client.force_login(farid)
    response = client.post(
        f"{EXPECTATIONS}new/",
        {"organisation": org_a.pk, "interview": interview.pk, "put_forward": "Typed and kept"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "This interview was held with another organisation" in html
    assert "Typed and kept" in html
    assert not Expectation.objects.exists()


def test_expectations_are_never_public(client, network, org_a):
    exercise = domain.create_exercise(network=network, title="2019")
    Expectation.objects.create(
        network=network, exercise=exercise, organisation=org_a, put_forward="Private wish"
    )
    assert network.is_published
    response = client.get(EXPECTATIONS)
    assert response.status_code == 302 and "/login" in response["Location"]
    assert client.get(GUIDE).status_code == 302


def test_the_progress_counts_structured_expectations(network, org_a):
    from carnet.capitalisation import progress
    from carnet.capitalisation.enums import InterviewStatus

    exercise = domain.create_exercise(network=network, title="2019")
    InterviewFactory(network=network, organisation=org_a, status=InterviewStatus.DONE)

    def expectations():
        return next(
            (step.done, step.total)
            for steps in progress.phase_steps(exercise).values()
            for step in steps
            if step.step.key == "expectations"
        )

    assert expectations() == (0, 1)
    Expectation.objects.create(
        network=network, exercise=exercise, organisation=org_a, put_forward="Visibility"
    )
    assert expectations() == (1, 1)


def test_the_sheet_template_of_the_guide_exercise_is_untouched(network):
    # Seeding the guide leaves the exercise's other method content (its sheet template) alone.
    exercise = domain.create_exercise(network=network, title="2019")
    template = practices.template_for(network, exercise)
    assert [item["key"] for item in template.fields][0] == "summary"


def test_exports_give_answers_to_organisers_only_and_the_expectations(
    client, network, farid, ana, org_a
):
    exercise = domain.create_exercise(network=network, title="2019")
    interview = InterviewFactory(network=network, organisation=org_a)
    question = exercise.interview_questions.order_by("position").first()
    InterviewAnswer.objects.create(interview=interview, question=question, text="Secret answer")
    Expectation.objects.create(
        network=network, exercise=exercise, organisation=org_a, put_forward="Visibility",
        understanding=3,
    )  # fmt: skip
    url = "/euromed/capitalisation/export/interviews.csv"
    client.force_login(farid)
    body = client.get(url).content.decode()
    assert question.text in body and "Secret answer" in body
    client.force_login(ana)
    body = client.get(url).content.decode()
    assert question.text not in body and "Secret answer" not in body
    body = client.get("/euromed/capitalisation/export/expectations.csv").content.decode()
    assert "Visibility" in body and "3 — Understands it" in body
