"""Who may use the capitalisation's pages: members read, coordinator and facilitator run it."""

from carnet.capitalisation.domain import create_exercise
from carnet.capitalisation.enums import AbsenceReason, VideoStatus
from carnet.capitalisation.models import Expectation, Phase, PublishedSynthesis

from ..matrix import COORDINATORS, INTERNAL, PUBLIC, Route, network_kwargs
from .factories import (
    AttendanceFactory,
    FollowUpFactory,
    InterviewFactory,
    LearningFactory,
    VideoFactory,
    WorkshopFactory,
)

# Reading: members of the network; anonymous to the login page; other network: 404.
READ = INTERNAL
# Organising pages (forms): coordinator and facilitator.
ORGANISE = {
    "anonymous": (302, 302, 404),
    "claire": (200, 200, 404),
    "farid": (200, 200, 404),
    "nina": 403,  # a member of both networks, organiser in neither
    "*": (403, 403, 404),
}
# An empty POST to a form: the form again, with its errors.
ORGANISE_POST = {**ORGANISE, "claire": (400, 400, 404), "farid": (400, 400, 404)}
# An empty POST to a form shown on another page.
ACTION_POST = ORGANISE_POST
REFUSED = {"*": 405}
# A coordinator's action: done, then back to the page.
COORDINATOR = {
    "anonymous": (302, 302, 404),
    "claire": (302, 302, 404),
    "nina": 403,
    "*": (403, 403, 404),
}
# A coordinator's confirmation page (GET), before the action.
COORDINATOR_CONFIRM = {**COORDINATOR, "claire": (200, 200, 404)}

# The coordinator's forms for exercises and phases: an empty POST gets the form again.
COORDINATOR_FORM_POST = {**COORDINATORS, "claire": (400, 400, 404)}


def obj_kwargs(obj):
    return {"network": obj.network.slug, "pk": obj.pk}


def build(world):
    a, b, c = (world["network"][key] for key in "abc")
    org_a, org_b, org_c = (world["organisation"][key] for key in "abc")
    owners = {"a": (a, org_a), "b": (b, org_b), "c": (c, org_c)}
    world["interview"] = {
        k: InterviewFactory(network=n, organisation=o) for k, (n, o) in owners.items()
    }
    exercises = {
        k: create_exercise(network=n, title="Capitalisation") for k, (n, o) in owners.items()
    }
    world["question"] = {k: e.interview_questions.first() for k, e in exercises.items()}
    world["expectation"] = {
        k: Expectation.objects.create(
            network=n, exercise=exercises[k], organisation=o, put_forward="Visibility"
        )
        for k, (n, o) in owners.items()
    }
    world["workshop"] = {k: WorkshopFactory(network=n) for k, (n, o) in owners.items()}
    world["follow_up"] = {
        k: FollowUpFactory(
            attendance=AttendanceFactory(
                workshop=world["workshop"][k],
                organisation=o,
                present=False,
                absence_reason=AbsenceReason.FLIGHT,
            )
        )
        for k, (n, o) in owners.items()
    }
    world["learning"] = {k: LearningFactory(network=n) for k, (n, o) in owners.items()}
    world["video"] = {k: VideoFactory(network=n, organisation=o) for k, (n, o) in owners.items()}
    # pa: published with the speaker's consent to publication (public); pb: published
    # without it (members only).
    for key, organisation, consent in (("pa", org_a, "publication"), ("pb", org_b, "none")):
        world["video"][key] = VideoFactory(
            network=a,
            organisation=organisation,
            status=VideoStatus.PUBLISHED,
            consent_scope=consent,
            consent_by="The speaker" if consent == "publication" else "",
        )
    exercises = {
        "a": create_exercise(network=a, title="Euromed"),
        "c": create_exercise(network=c, title="Other"),
    }
    world["exercise"] = {"a": exercises["a"], "b": exercises["a"], "c": exercises["c"]}
    world["phase"] = {
        "a": exercises["a"].phases.get(number=1),
        "b": exercises["a"].phases.get(number=2),
        "c": exercises["c"].phases.get(number=1),
    }
    for network in (a, c):
        PublishedSynthesis.objects.create(network=network, is_published=True, pages={"en": "<p>"})


def phase_kwargs(obj):
    return {"network": obj.network.slug, "pk": obj.pk}


def fresh_phase_kwargs(obj):
    """A new phase for each request: a removed phase is gone for the next one."""
    last = obj.exercise.phases.order_by("-number").first().number
    phase = Phase.objects.create(exercise=obj.exercise, number=last + 1, name="Extra")
    return phase_kwargs(phase)


def question_kwargs(obj):
    return {"network": obj.exercise.network.slug, "pk": obj.pk}


def export_kwargs(obj):
    return {"network": obj.network.slug, "what": "interviews", "fmt": "csv"}


ROUTES = [
    # Exercises and phases: the coordinator runs them; facilitators read.
    Route("capitalisation:exercises", kwargs=network_kwargs, get=ORGANISE, post=REFUSED),
    Route(
        "capitalisation:exercise_start",
        kwargs=network_kwargs,
        get=COORDINATORS,
        post=COORDINATOR_FORM_POST,
    ),
    Route(
        "capitalisation:exercise", target="exercise", kwargs=obj_kwargs, get=ORGANISE, post=REFUSED
    ),
    Route(
        "capitalisation:exercise_edit",
        target="exercise",
        kwargs=obj_kwargs,
        get=COORDINATORS,
        post=COORDINATOR_FORM_POST,
    ),
    Route(
        "capitalisation:phase_add",
        target="exercise",
        kwargs=obj_kwargs,
        get=COORDINATORS,
        post=COORDINATOR_FORM_POST,
    ),
    Route(
        "capitalisation:phase_edit",
        target="phase",
        kwargs=phase_kwargs,
        get=COORDINATORS,
        post=COORDINATOR_FORM_POST,
    ),
    # Without a direction: 400, nothing moves.
    Route(
        "capitalisation:phase_move",
        target="phase",
        kwargs=phase_kwargs,
        get=REFUSED,
        post=COORDINATOR_FORM_POST,
    ),
    Route(
        "capitalisation:phase_remove",
        target="phase",
        kwargs=fresh_phase_kwargs,
        get=COORDINATORS,
        post=COORDINATOR,
    ),
    Route("capitalisation:dashboard", kwargs=network_kwargs, get=READ, post=REFUSED),
    Route("capitalisation:synthesis", kwargs=network_kwargs, get=READ, post=REFUSED),
    # Published by the coordinator (see build): anyone reads it in a published network.
    Route("capitalisation:synthesis_public", kwargs=network_kwargs, get=PUBLIC, post=REFUSED),
    Route(
        "capitalisation:synthesis_publish",
        kwargs=network_kwargs,
        get=COORDINATOR_CONFIRM,
        post=COORDINATOR,
    ),
    Route(
        "capitalisation:synthesis_withdraw",
        kwargs=network_kwargs,
        get=COORDINATOR_CONFIRM,
        post=COORDINATOR,
    ),
    Route("capitalisation:interviews", kwargs=network_kwargs, get=READ),
    Route("capitalisation:interview_add", kwargs=network_kwargs, get=ORGANISE, post=ORGANISE_POST),
    Route("capitalisation:interview", target="interview", kwargs=obj_kwargs, get=READ),
    Route(
        "capitalisation:interview_edit",
        target="interview",
        kwargs=obj_kwargs,
        get=ORGANISE,
        post=ORGANISE_POST,
    ),
    # The interview guide: members read it, organisers change it (an empty question: 400).
    Route("capitalisation:interview_guide", kwargs=network_kwargs, get=READ, post=ORGANISE_POST),
    Route(
        "capitalisation:question_edit",
        target="question",
        kwargs=question_kwargs,
        get=ORGANISE,
        post=ORGANISE_POST,
    ),
    Route(
        "capitalisation:question_move",
        target="question",
        kwargs=question_kwargs,
        get=REFUSED,
        post={**ORGANISE, "claire": (302, 302, 404), "farid": (302, 302, 404)},
    ),
    # Expectations: members only, never public; organisers record them.
    Route("capitalisation:expectations", kwargs=network_kwargs, get=READ, post=REFUSED),
    Route(
        "capitalisation:expectation_add", kwargs=network_kwargs, get=ORGANISE, post=ORGANISE_POST
    ),
    Route(
        "capitalisation:expectation_edit",
        target="expectation",
        kwargs=obj_kwargs,
        get=ORGANISE,
        post=ORGANISE_POST,
    ),
    Route("capitalisation:workshops", kwargs=network_kwargs, get=READ),
    Route("capitalisation:workshop_add", kwargs=network_kwargs, get=ORGANISE, post=ORGANISE_POST),
    Route("capitalisation:workshop", target="workshop", kwargs=obj_kwargs, get=READ),
    Route(
        "capitalisation:workshop_edit",
        target="workshop",
        kwargs=obj_kwargs,
        get=ORGANISE,
        post=ORGANISE_POST,
    ),
    Route(
        "capitalisation:session_add",
        target="workshop",
        kwargs=obj_kwargs,
        get=REFUSED,
        post=ACTION_POST,
    ),
    Route(
        "capitalisation:attendance_add",
        target="workshop",
        kwargs=obj_kwargs,
        get=REFUSED,
        post=ACTION_POST,
    ),
    Route(
        "capitalisation:follow_up_add",
        target="workshop",
        kwargs=obj_kwargs,
        get=REFUSED,
        post=ACTION_POST,
    ),
    Route(
        "capitalisation:follow_up_done",
        target="follow_up",
        kwargs=obj_kwargs,
        get=REFUSED,
        post={**ORGANISE, "claire": (302, 302, 404), "farid": (302, 302, 404)},
    ),
    Route("capitalisation:learnings", kwargs=network_kwargs, get=READ),
    Route("capitalisation:learning_add", kwargs=network_kwargs, get=ORGANISE, post=ORGANISE_POST),
    Route("capitalisation:learning", target="learning", kwargs=obj_kwargs, get=READ),
    Route(
        "capitalisation:learning_edit",
        target="learning",
        kwargs=obj_kwargs,
        get=ORGANISE,
        post=ORGANISE_POST,
    ),
    Route(
        "capitalisation:evidence_add",
        target="learning",
        kwargs=obj_kwargs,
        get=REFUSED,
        post=ACTION_POST,
    ),
    Route("capitalisation:videos", kwargs=network_kwargs, get=READ),
    Route("capitalisation:video_add", kwargs=network_kwargs, get=ORGANISE, post=ORGANISE_POST),
    Route(
        "capitalisation:video_edit",
        target="video",
        kwargs=obj_kwargs,
        get=ORGANISE,
        post=ORGANISE_POST,
    ),
    # For readers: the published videos of a network anyone may see.
    Route("capitalisation:videos_public", kwargs=network_kwargs, get=PUBLIC),
    # One video's page: anyone once published with consent (pa); members before (a, b, and
    # pb, published without consent); 404 for anyone else, anonymous visitors included.
    Route(
        "capitalisation:video_public",
        target="video",
        kwargs=obj_kwargs,
        get={
            "anonymous": (404, 404, 404, 200, 404),
            "nina": 200,
            "*": (200, 200, 404, 200, 200),
        },
    ),
    # A review comment at a time of the film: members (an empty one: the page again, 400).
    Route(
        "capitalisation:video_comment",
        target="video",
        kwargs=obj_kwargs,
        get={"*": 405},
        post={
            "anonymous": (302, 302, 404, 302, 302),
            "nina": 400,
            "*": (400, 400, 404, 400, 400),
        },
    ),
    Route(
        "capitalisation:export",
        kwargs=export_kwargs,
        get=READ,
        note="exports are logged; interview notes only for organisers",
    ),
]
