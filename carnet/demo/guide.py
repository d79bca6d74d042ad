"""The interview guide on the demo: answers in the interviews, and the partners'
expectations side by side, each linked to what it led to (a sheet, a moment, a session)."""

from carnet.capitalisation.domain import seed_questions
from carnet.capitalisation.enums import Understanding
from carnet.capitalisation.models import (
    Expectation,
    Interview,
    InterviewAnswer,
    WorkshopSession,
)
from carnet.timeline.models import Milestone

# organisation key -> answers to the first questions of the default guide, in order.
ANSWERS = {
    "albania": [
        "Through a training on identification with Caritas Italy; we shared the same diagnosis.",
        "Writing down what we learnt so that other branches can use it.",
        "Our training of social workers, and prevention in schools.",
        "The first regional training, and the joint prevention campaign.",
    ],
    "bosnia": [
        "We were among the six founders in 2011.",
        "Showing results the authorities can trust, with official figures.",
        "The action-research we did with the Ministry of Security.",
        "The action-research with the Ministry, which changed how the State saw us.",
    ],
    "armenia": [
        "We joined when the Syrian crisis brought families of Armenian origin to Yerevan.",
        "Not sure yet: we would like to understand what is expected from us.",
        "Our support to Syrian-Armenian families, from research to self-employment.",
    ],
    "sccf": [
        "As the pilot: Secours Catholique coordinated the network from the start.",
        "Learning from the partners how the coordination was lived.",
        "The flexible coordination of the network.",
        "The founding meeting, and the memorandum signed by all.",
    ],
}

# organisation key -> (understanding, availability, sheet slugs, moment slugs, session topics)
EXPECTATIONS = {
    "albania": (
        Understanding.SOME,
        "Two people, in November; not during the school holidays.",
        ["training-social-workers-to-identify-victims"],
        ["first-training", "prevention-campaign"],
        ["Good practices at national level: writing the sheets"],
    ),
    "bosnia": (
        Understanding.GOOD,
        "The project manager, any time in the autumn.",
        ["joint-action-research-with-the-ministry-of-security"],
        ["ministry-action-research"],
        [],
    ),
    "armenia": (
        Understanding.NONE,
        "One person, remotely: travelling is hard this year.",
        ["supporting-syrian-armenian-families"],
        ["syrian-crisis"],
        [],
    ),
    "sccf": (
        Understanding.PRACTISED,
        "The whole team, throughout the exercise.",
        ["piloting-a-network-with-flexible-coordination"],
        ["founding-meeting"],
        ["Good practices of coordination, decision-making and communication"],
    ),
    "lebanon": (
        Understanding.GOOD,
        "In Geneva, around the Human Rights Council sessions.",
        ["advocacy-at-the-united-nations-in-geneva"],
        ["geneva-advocacy"],
        ["Results at regional and international level: advocacy"],
    ),
}


def load(ctx):
    network, orgs, exercise = ctx["network"], ctx["organisations"], ctx["exercise"]
    seed_questions(exercise)
    questions = list(exercise.interview_questions.filter(archived=False).order_by("position"))
    interviews = {
        key: Interview.objects.filter(network=network, organisation=orgs[key]).first()
        for key in set(ANSWERS) | set(EXPECTATIONS)
    }
    for key, answers in ANSWERS.items():
        for question, text in zip(questions, answers, strict=False):
            InterviewAnswer.objects.get_or_create(
                interview=interviews[key], question=question, defaults={"text": text}
            )
    # Every interview's expectations, as the migration made them on existing databases.
    for interview in Interview.objects.filter(network=network).exclude(expectations=""):
        Expectation.objects.get_or_create(
            network=network,
            organisation=interview.organisation,
            interview=interview,
            defaults={"exercise": exercise, "put_forward": interview.expectations},
        )
    sheets = ctx.get("sheets", {})
    for key, (understanding, availability, slugs, moments, topics) in EXPECTATIONS.items():
        interview = interviews[key]
        expectation, _created = Expectation.objects.get_or_create(
            network=network,
            organisation=orgs[key],
            interview=interview,
            defaults={"exercise": exercise, "put_forward": interview.expectations},
        )
        expectation.exercise = exercise
        expectation.understanding = understanding
        expectation.availability = availability
        expectation.put_forward = expectation.put_forward or interview.expectations
        expectation.save()
        expectation.sheets.set([sheets[slug] for slug in slugs if slug in sheets])
        expectation.moments.set(Milestone.objects.filter(network=network, slug__in=moments))
        expectation.sessions.set(
            WorkshopSession.objects.filter(workshop__network=network, topic__in=topics)
        )
    ctx["expectations"] = Expectation.objects.filter(network=network)
