from django.db import models
from django.utils.translation import gettext_lazy as _

from carnet.lib.workflow import Actor, Move, Workflow


class SheetState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    APPROVED = "approved", _("Approved")
    VALIDATED = "validated", _("Validated by the partner")
    PUBLISHED = "published", _("Published")


class Level(models.TextChoices):
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    INTERNATIONAL = "international", _("International")


class Theme(models.TextChoices):
    # Legacy keys only: a network's themes are data (carnet.vocabulary, kind "theme");
    # these are the keys of the lists networks had before, kept for the demo and tests.
    IDENTIFICATION = "identification", _("Identification of victims")
    PREVENTION = "prevention", _("Prevention")
    SUPPORT = "support", _("Support to victims")
    ADVOCACY = "advocacy", _("Advocacy")
    CAPACITY = "capacity", _("Capacity building")
    COORDINATION = "coordination", _("Coordination")
    DECISION = "decision", _("Decision-making")
    COMMUNICATION = "communication", _("Communication")
    SUSTAINABILITY = "sustainability", _("Sustainability")


class SuggestionKind(models.TextChoices):
    REWORDING = "rewording", _("Rewording")
    STRUCTURE = "structure", _("Structural change")


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


_S = SheetState
_CHANGE, _REVIEW = "practices.change_sheet", "practices.review_sheet"
_VALIDATE, _PUBLISH = "practices.validate_sheet", "practices.publish_sheet"
# Every move of a sheet is the business of the organisation that writes it and of the
# organisers who review it: both are told (never the person who made the move).
_BOTH = (Actor.OWNER, Actor.ORGANISERS)
# A sheet's workflow: its moves, who may make each (rules.py), who acts next.
SHEETS = Workflow(
    "sheet",
    states=SheetState,
    view="practices.view_sheet",
    # The first move out of a state is the one expected next (what "waiting" checks).
    moves=[
        Move(_S.DRAFT, _S.SUBMITTED, _CHANGE, _("Submit for review"), tell=_BOTH),
        Move(_S.SUBMITTED, _S.IN_REVIEW, _REVIEW, _("Start the review"), tell=_BOTH),
        Move(_S.SUBMITTED, _S.DRAFT, _CHANGE, _("Withdraw to keep writing"), tell=_BOTH),
        Move(_S.IN_REVIEW, _S.CHANGES_REQUESTED, _REVIEW, _("Ask for changes"), tell=_BOTH),
        Move(_S.IN_REVIEW, _S.APPROVED, _REVIEW, _("Accept the sheet"), tell=_BOTH),
        Move(
            _S.CHANGES_REQUESTED, _S.RESUBMITTED, _CHANGE, _("Submit the revised sheet"), tell=_BOTH
        ),
        Move(_S.RESUBMITTED, _S.IN_REVIEW, _REVIEW, _("Start the review again"), tell=_BOTH),
        Move(_S.RESUBMITTED, _S.CHANGES_REQUESTED, _REVIEW, _("Ask for changes"), tell=_BOTH),
        Move(_S.RESUBMITTED, _S.APPROVED, _REVIEW, _("Accept the sheet"), tell=_BOTH),
        Move(_S.APPROVED, _S.VALIDATED, _VALIDATE, _("Approve our sheet"), tell=_BOTH),
        Move(_S.APPROVED, _S.CHANGES_REQUESTED, _REVIEW, _("Undo acceptance"), tell=_BOTH),
        Move(_S.VALIDATED, _S.PUBLISHED, _PUBLISH, _("Publish"), tell=_BOTH),
        Move(_S.PUBLISHED, _S.VALIDATED, _PUBLISH, _("Unpublish"), tell=_BOTH),
    ],
    path=[_S.DRAFT, _S.SUBMITTED, _S.IN_REVIEW, _S.APPROVED, _S.VALIDATED, _S.PUBLISHED],
    detours={_S.CHANGES_REQUESTED: _S.IN_REVIEW, _S.RESUBMITTED: _S.IN_REVIEW},
    next={
        _S.DRAFT: Actor.OWNER,
        _S.SUBMITTED: Actor.ORGANISERS,
        _S.IN_REVIEW: Actor.ORGANISERS,
        _S.CHANGES_REQUESTED: Actor.OWNER,
        _S.RESUBMITTED: Actor.ORGANISERS,
        _S.APPROVED: Actor.OWNER,
        _S.VALIDATED: Actor.COORDINATOR,
        _S.PUBLISHED: Actor.NOBODY,
    },
)
