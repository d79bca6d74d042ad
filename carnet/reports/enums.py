from django.db import models
from django.utils.translation import gettext_lazy as _

from carnet.lib.workflow import Actor, Move, Workflow


class ChapterKind(models.TextChoices):
    TEXT = "text", _("Text written by the facilitators")
    BLOCK = "block", _("Generated from the network's data")


class BuildStatus(models.TextChoices):
    BUILDING = "building", _("Building")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class FeedbackKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    SUGGESTION = "suggestion", _("Suggestion")


class DecisionState(models.TextChoices):
    PENDING = "pending", _("No answer yet")
    VALIDATED = "validated", _("Validated")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")


_D = DecisionState
_DECIDE = "reports.record_decision"
# An organisation's answer to a review round: who may give it (rules.py), who acts next.
# The organisers hear of every answer (they read the changes asked for); so do the other
# editors of the organisation that answered (one of them answers for all).
_TOLD = (Actor.ORGANISERS, Actor.OWNER)
DECISIONS = Workflow(
    "decision",
    states=DecisionState,
    view="reports.view_decision",
    title=lambda decision: decision.round.version,
    page=lambda decision: decision.round.version.get_absolute_url(),
    moves=[
        Move(_D.PENDING, _D.VALIDATED, _DECIDE, _("We validate it"), _TOLD),
        Move(_D.PENDING, _D.CHANGES_REQUESTED, _DECIDE, _("We ask for changes"), _TOLD),
        Move(_D.VALIDATED, _D.CHANGES_REQUESTED, _DECIDE, _("We ask for changes"), _TOLD),
        Move(_D.CHANGES_REQUESTED, _D.VALIDATED, _DECIDE, _("We validate it"), _TOLD),
    ],
    next={
        _D.PENDING: Actor.OWNER,
        _D.VALIDATED: Actor.NOBODY,
        _D.CHANGES_REQUESTED: Actor.ORGANISERS,
    },
)

# A report version: built, then published by the coordinator (field is_published).
REPORT_VERSIONS = Workflow(
    "report_version",
    states=(False, True),
    labels={False: _("Not published"), True: _("Published")},
    field="is_published",
    view="reports.view_reportversion",
    owner=lambda version: None,
    moves=[
        Move(
            False,
            True,
            "reports.publish_reportversion",
            _("Publish this version"),
            tell=(Actor.ORGANISERS, Actor.PARTNERS),
        )
    ],
    next={False: Actor.COORDINATOR, True: Actor.NOBODY},
)
