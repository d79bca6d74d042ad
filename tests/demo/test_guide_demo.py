"""The demo shows the interview guide, answers, the expectations page and an added field."""

from carnet.capitalisation.domain import DEFAULT_QUESTIONS
from carnet.capitalisation.models import Expectation, InterviewAnswer
from carnet.demo.loader import load
from carnet.practices.forms import SheetForm
from carnet.practices.models import Sheet


def test_the_demo_has_a_guide_answers_expectations_and_an_added_field(client, db):
    ctx = load()
    counts = (InterviewAnswer.objects.count(), Expectation.objects.count())
    load()
    assert (InterviewAnswer.objects.count(), Expectation.objects.count()) == counts
    exercise = ctx["exercise"]
    assert (
        list(exercise.interview_questions.order_by("position").values_list("text", flat=True))
        == DEFAULT_QUESTIONS
    )
    assert counts[0] >= 10
    expectations = Expectation.objects.filter(network=ctx["network"])
    assert expectations.exclude(understanding=None).count() >= 5
    assert expectations.filter(sheets__isnull=False).distinct().count() >= 5
    assert expectations.filter(moments__isnull=False).distinct().count() >= 4
    assert expectations.filter(sessions__isnull=False).distinct().count() >= 2

    client.force_login(ctx["people"]["farid"])
    html = client.get("/euromed/capitalisation/expectations/").content.decode()
    for text in ["Caritas Albania", "Joint action-research with the Ministry of Security"]:
        assert text in html
    assert DEFAULT_QUESTIONS[2] in client.get("/euromed/capitalisation/guide/").content.decode()

    sheet = Sheet.objects.get(slug="joint-action-research-with-the-ministry-of-security")
    assert "added_national_partners" in SheetForm(sheet=sheet).fields
    page = client.get(sheet.get_absolute_url()).content.decode()
    assert "National partners involved" in page
    assert "National partners involved" in client.get("/euromed/sheets/template/").content.decode()
