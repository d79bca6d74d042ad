from django.db import models
from django.utils.translation import gettext_lazy as _

from carnet.lib.workflow import Actor, Move, Workflow


class PhaseStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class InterviewChannel(models.TextChoices):
    VIDEO = "video", _("Video call")
    PHONE = "phone", _("Phone")
    MESSAGING = "messaging", _("Messaging")
    IN_PERSON = "in_person", _("In person")


class InterviewStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    UNAVAILABLE = "unavailable", _("Unavailable")
    DECLINED = "declined", _("Declined")


class Understanding(models.IntegerChoices):
    """How well a partner understands what capitalisation is, as the interviewers judge it."""

    NONE = 1, _("1 — New to it")
    SOME = 2, _("2 — Has heard of it")
    GOOD = 3, _("3 — Understands it")
    PRACTISED = 4, _("4 — Has practised it")


class SessionLevel(models.TextChoices):
    REGIONAL = "regional", _("Regional and international")
    NATIONAL = "national", _("National")


class AbsenceReason(models.TextChoices):
    FLIGHT = "flight", _("Flights")
    NATIONAL_ACTIVITIES = "national_activities", _("National activities")
    NATURAL_DISASTER = "natural_disaster", _("Natural disaster")
    ILLNESS = "illness", _("Illness")
    OTHER = "other", _("Other")


class FollowUpKind(models.TextChoices):
    INTERVIEW = "interview", _("Complementary interview")
    ON_THE_SPOT = "on_the_spot", _("Short on-the-spot session")


class FollowUpStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")


class LearningCategory(models.TextChoices):
    # Legacy keys only: a network's learning categories are data (carnet.vocabulary);
    # these are the keys of the lists networks had before, kept for the demo and tests.
    JOIN = "join", _("Why join")
    STAY = "stay", _("Why stay")
    LEAVE = "leave", _("Why leave")
    COORDINATION = "coordination", _("Coordination")
    DECISION_MAKING = "decision_making", _("Decision-making")
    COMMUNICATION = "communication", _("Communication")
    RESULT_KNOWLEDGE = "result_knowledge", _("Results: knowledge transfer")
    RESULT_ACTIVITIES = "result_activities", _("Results: new activities")
    RESULT_LINKS = "result_links", _("Results: new links")
    RESULT_ADVOCACY = "result_advocacy", _("Results: advocacy")
    RESULT_JOINT_PROJECTS = "result_joint_projects", _("Results: joint projects")
    ADVICE_DEVELOPING = "advice_developing", _("Advice: developing a network")
    ADVICE_LINKS = "advice_links", _("Advice: links between members")
    ADVICE_ACTIVITIES = "advice_activities", _("Advice: activities")
    METHOD = "method", _("The method itself")


class Perspective(models.TextChoices):
    PARTNERS = "partners", _("Partners")
    FACILITATORS = "facilitators", _("Facilitators")


class LearningLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    INTERNATIONAL = "international", _("International")


class VideoStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    FILMING = "filming", _("Filming")
    EDITING = "editing", _("Editing")
    FINALISING = "finalising", _("Finalising")
    PUBLISHED = "published", _("Published")


_V = VideoStatus
_CHANGE_VIDEO = "capitalisation.change_video"
# The words on the button that brings a video to each stage (from any other: the
# organisers keep the stage as filming goes, and may go back).
_VIDEO_LABELS = {
    _V.PLANNED: _("Back to planning"),
    _V.FILMING: _("Start filming"),
    _V.EDITING: _("Start editing"),
    _V.FINALISING: _("Finalise the video"),
    _V.PUBLISHED: _("Publish the video"),
}
# A video's workflow: the organisers make it and publish it (after the safeguarding guard);
# the organisation filmed validates it in the validation matrix, outside this workflow.
VIDEOS = Workflow(
    "video",
    states=VideoStatus,
    field="status",
    view="capitalisation.view_video",
    # Publishing or taking down a video tells the organisation filmed and the organisers;
    # the stages before are the organisers' own work, seen on the videos page.
    moves=[
        Move(
            source,
            target,
            _CHANGE_VIDEO,
            label,
            tell=(Actor.OWNER, Actor.ORGANISERS) if _V.PUBLISHED in (source, target) else (),
            silent=""
            if _V.PUBLISHED in (source, target)
            else "the organisers' own stages of making the video, shown on the videos page",
        )
        for source in VideoStatus
        for target, label in _VIDEO_LABELS.items()
        if source != target
    ],
    next={
        _V.PLANNED: Actor.ORGANISERS,
        _V.FILMING: Actor.ORGANISERS,
        _V.EDITING: Actor.ORGANISERS,
        _V.FINALISING: Actor.ORGANISERS,
        _V.PUBLISHED: Actor.NOBODY,
    },
)

# The current exercise's synthesis, as readers outside the network see it (is_published
# of its PublishedSynthesis): the coordinator publishes it, again after changes, or
# withdraws it.
SYNTHESIS = Workflow(
    "synthesis",
    states=(False, True),
    labels={False: _("Not published"), True: _("Published")},
    field="is_published",
    view="capitalisation.view_publishedsynthesis",
    owner=lambda synthesis: None,
    # The whole network hears that its synthesis is out for readers, or withdrawn.
    moves=[
        Move(
            False,
            True,
            "capitalisation.publish_synthesis",
            _("Publish the synthesis"),
            tell=(Actor.ORGANISERS, Actor.PARTNERS),
        ),
        Move(
            True,
            False,
            "capitalisation.publish_synthesis",
            _("Withdraw the synthesis"),
            tell=(Actor.ORGANISERS, Actor.PARTNERS),
        ),
    ],
    next={False: Actor.COORDINATOR, True: Actor.NOBODY},
)
