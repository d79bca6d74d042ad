"""The set-up checklist a coordinator sees on the network page until every step is done.

Each step is a label, the page where it is done (a function network -> URL) and whether it is
done, computed from the data (a function network -> bool): nothing is ticked by hand.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    url: object  # network -> URL
    is_done: object  # network -> bool


def _url(name, network):
    return reverse(name, kwargs={"network": network.slug})


def is_described(network):
    return bool(network.description.strip())


def has_members(network):
    return network.memberships.exists()


def current_exercise(network):
    from carnet.capitalisation.models import Exercise

    return Exercise.objects.filter(network=network).order_by("-created", "-id").first()


def exercise_started(network):
    """The current exercise has started once one of its phases has left "planned", or has
    dates (planned or actual): a coordinator who set the calendar has started it, even before
    the first phase begins. A network without an exercise has not started one."""
    from carnet.capitalisation.enums import PhaseStatus

    exercise = current_exercise(network)
    if exercise is None:
        return False
    return exercise.phases.filter(
        ~Q(status=PhaseStatus.PLANNED)
        | Q(planned_start__isnull=False)
        | Q(actual_start__isnull=False)
    ).exists()


def exercise_url(network):
    """The exercises page when there is one, else the capitalisation dashboard."""
    try:
        return _url("capitalisation:exercises", network)
    except NoReverseMatch:
        return _url("capitalisation:dashboard", network)


def vocabulary_adjusted(network):
    from carnet.vocabulary.domain import is_adjusted

    return is_adjusted(network)


def has_invited(network):
    """Someone besides the coordinators holds a role or has a pending invitation."""
    from carnet.accounts.enums import RoleKind

    others = ~Q(kind=RoleKind.COORDINATOR)
    return (
        network.roles.filter(others).exists()
        or network.invitations.pending().filter(others).exists()
    )


def is_published(network):
    return network.is_published


def steps():
    """The steps in their order; the vocabulary step only when its app is installed."""
    found = [
        Step(
            "describe",
            _("Describe the network"),
            lambda n: _url("networks:edit", n),
            is_described,
        ),
        Step("members", _("Add the members"), lambda n: _url("networks:members", n), has_members),
        Step("exercise", _("Start the exercise"), exercise_url, exercise_started),
    ]
    if apps.is_installed("carnet.vocabulary"):
        found.append(
            Step(
                "vocabulary",
                _("Adjust the vocabulary"),
                lambda n: _url("vocabulary:index", n),
                vocabulary_adjusted,
            )
        )
    found += [
        Step("invite", _("Invite people"), lambda n: _url("accounts:people", n), has_invited),
        Step(
            "publish", _("Publish the network"), lambda n: _url("networks:publish", n), is_published
        ),
    ]
    return found


@dataclass(frozen=True)
class Task:
    step: Step
    url: str
    done: bool


def checklist(network):
    """The network's tasks in order, each with its page and whether it is done."""
    return [Task(step, step.url(network), bool(step.is_done(network))) for step in steps()]


def is_complete(tasks):
    return all(task.done for task in tasks)
