"""Every existing exercise gets the default interview guide; the expectations typed in
interviews become structured expectations (the interview's text stays where it was)."""

from django.db import migrations

# A copy of domain.DEFAULT_QUESTIONS as it was when this migration was written.
DEFAULT_QUESTIONS = [
    "How did your organisation join the network, and what has it changed for you?",
    "What does capitalisation mean to you, and what do you expect from it?",
    "Which of your practices or results would you like to put forward?",
    "In your view, which moments made the network evolve?",
    "What worked in the network, what did not, and why?",
    "What do you intend to do next, with or without the network?",
    "Who in your organisation can take part, and when are you available?",
]


def forwards(apps, schema_editor):
    Exercise = apps.get_model("capitalisation", "Exercise")
    InterviewQuestion = apps.get_model("capitalisation", "InterviewQuestion")
    Interview = apps.get_model("capitalisation", "Interview")
    Expectation = apps.get_model("capitalisation", "Expectation")
    for exercise in Exercise.objects.all():
        if not InterviewQuestion.objects.filter(exercise=exercise).exists():
            InterviewQuestion.objects.bulk_create(
                InterviewQuestion(exercise=exercise, position=position, text=text)
                for position, text in enumerate(DEFAULT_QUESTIONS, start=1)
            )
    for interview in Interview.objects.exclude(expectations="").order_by("id"):
        if Expectation.objects.filter(interview=interview).exists():
            continue
        exercise = (
            Exercise.objects.filter(network_id=interview.network_id).order_by("-created").first()
        )
        Expectation.objects.create(
            network_id=interview.network_id,
            exercise=exercise,
            organisation_id=interview.organisation_id,
            interview=interview,
            put_forward=interview.expectations,
        )


def backwards(apps, schema_editor):
    """The expectations stay in the interviews' text; the new rows go with their tables."""


class Migration(migrations.Migration):
    dependencies = [("capitalisation", "0007_interview_guide_and_expectations")]

    operations = [migrations.RunPython(forwards, backwards)]
