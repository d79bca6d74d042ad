"""The steps of each phase and their progress, computed from the data.

A step is a function of the exercise returning (done, total) or None (nothing to
count yet). Other apps add theirs from their AppConfig.ready():

    from carnet.capitalisation.progress import register_step
    register_step("sheets_reviewed", phase=5, label=_("Sheets reviewed"),
                  compute=lambda exercise: (reviewed, total))
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from carnet.library.enums import ExtractionStatus

from .enums import FollowUpStatus, InterviewStatus, VideoStatus
from .models import in_exercise


@dataclass
class Step:
    key: str
    phase: int
    label: str
    compute: object  # callable(exercise) -> (done, total) | None
    order: int = 0


STEPS = {}


def register_step(key, *, phase, label, compute, order=None):
    """Add a step; by default steps of a phase show in the order they were registered."""
    STEPS[key] = Step(key, phase, label, compute, len(STEPS) if order is None else order)


def partners(network):
    return network.memberships.values("organisation").distinct().count()


def _documents(exercise):
    counts = exercise.network.documents.aggregate(
        total=Count("id"), done=Count("id", filter=Q(extraction=ExtractionStatus.DONE))
    )
    return counts["done"], counts["total"]


def _interviews(exercise):
    network = exercise.network
    done = (
        network.interviews.filter(in_exercise(exercise), status=InterviewStatus.DONE)
        .values("organisation")
        .distinct()
        .count()
    )
    return done, partners(network)


def _expectations(exercise):
    network = exercise.network
    recorded = network.expectations.exclude(put_forward="").values("organisation")
    done = (
        network.interviews.filter(in_exercise(exercise), status=InterviewStatus.DONE)
        .filter(~Q(expectations="") | Q(organisation__in=recorded))
        .values("organisation")
        .distinct()
        .count()
    )
    total = (
        network.interviews.filter(in_exercise(exercise), status=InterviewStatus.DONE)
        .values("organisation")
        .distinct()
        .count()
    )
    return done, total


def _attendance(exercise):
    from .models import Attendance

    counts = Attendance.objects.filter(
        in_exercise(exercise, prefix="workshop__"), workshop__network=exercise.network
    ).aggregate(total=Count("id"), done=Count("id", filter=Q(present=True)))
    return counts["done"], counts["total"]


def _follow_ups(exercise):
    from .models import FollowUp

    counts = FollowUp.objects.filter(
        in_exercise(exercise, prefix="attendance__workshop__"),
        attendance__workshop__network=exercise.network,
    ).aggregate(total=Count("id"), done=Count("id", filter=Q(status=FollowUpStatus.DONE)))
    return counts["done"], counts["total"]


def _learnings(exercise):
    counts = exercise.network.learnings.filter(in_exercise(exercise)).aggregate(
        total=Count("id", distinct=True),
        done=Count("id", filter=Q(evidence__isnull=False), distinct=True),
    )
    return counts["done"], counts["total"]


def _videos(exercise):
    counts = exercise.network.videos.aggregate(
        total=Count("id"), done=Count("id", filter=Q(status=VideoStatus.PUBLISHED))
    )
    return counts["done"], counts["total"]


register_step(
    "documents", phase=1, label=_("Documents analysed (text extracted)"), compute=_documents
)
register_step("interviews", phase=1, label=_("Every partner interviewed"), compute=_interviews)
register_step("expectations", phase=2, label=_("Expectations recorded"), compute=_expectations)
register_step("attendance", phase=4, label=_("Workshop attendance"), compute=_attendance)
register_step("follow_ups", phase=4, label=_("Follow-ups for the absent done"), compute=_follow_ups)
register_step("learnings", phase=4, label=_("Learnings backed by evidence"), compute=_learnings)
register_step("videos", phase=5, label=_("Videos published"), compute=_videos)


@dataclass
class StepProgress:
    step: Step
    done: int
    total: int

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def complete(self):
        return bool(self.total) and self.done >= self.total


def phase_steps(exercise):
    """{phase number: [StepProgress, ...]} for the exercise's phases."""
    result = {}
    for step in sorted(STEPS.values(), key=lambda s: (s.phase, s.order, s.key)):
        value = step.compute(exercise)
        if value is None:
            continue
        done, total = value
        result.setdefault(step.phase, []).append(StepProgress(step, done, total))
    return result
