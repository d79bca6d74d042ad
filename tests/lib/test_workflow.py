"""The one shape of every workflow: declared moves, their rules, who acts next."""

from types import SimpleNamespace

import pytest
import rules
from django.core.exceptions import PermissionDenied
from django.db import models

from carnet.capitalisation.enums import SYNTHESIS, VIDEOS
from carnet.lib.workflow import (
    Actor,
    Move,
    MoveForbidden,
    MoveRefused,
    Workflow,
    allowed_moves,
    check_move,
    moved,
    state_changed,
)
from carnet.practices.enums import SHEETS
from carnet.reports.enums import DECISIONS, REPORT_VERSIONS
from carnet.safeguarding.domain import PublicationBlocked
from carnet.timeline.enums import MILESTONES

EVERY_WORKFLOW = [SHEETS, MILESTONES, DECISIONS, REPORT_VERSIONS, VIDEOS, SYNTHESIS]


class Door(models.TextChoices):
    SHUT = "shut", "Shut"
    OPEN = "open", "Open"
    LOCKED = "locked", "Locked"


_QUIET = "a door in a test: nobody lives behind it"
DOOR = Workflow(
    "door",
    states=Door,
    moves=[
        Move(Door.SHUT, Door.OPEN, "door.open", "Open the door", silent=_QUIET),
        Move(Door.SHUT, Door.LOCKED, "door.lock", "Lock the door", silent=_QUIET),
        Move(Door.OPEN, Door.SHUT, "door.open", "Close the door", silent=_QUIET),
        Move(Door.LOCKED, Door.SHUT, "door.lock", "Unlock the door", silent=_QUIET),
    ],
    next={Door.SHUT: Actor.OWNER, Door.OPEN: Actor.NOBODY, Door.LOCKED: Actor.COORDINATOR},
)


class Person:
    def __init__(self, *perms):
        self.perms = set(perms)

    def has_perm(self, perm, obj=None):
        return perm in self.perms


def door(state=Door.SHUT):
    return SimpleNamespace(state=state)


def test_a_person_sees_only_the_moves_their_rules_allow():
    assert [m.label for m in allowed_moves(DOOR, door(), Person("door.open"))] == ["Open the door"]
    assert len(allowed_moves(DOOR, door(), Person("door.open", "door.lock"))) == 2
    assert allowed_moves(DOOR, door(), Person()) == []


def test_a_declared_move_the_rule_allows_is_returned():
    item = check_move(DOOR, door(), Door.OPEN, Person("door.open"))
    assert (item.source, item.target, item.rule) == (Door.SHUT, Door.OPEN, "door.open")


def test_a_move_not_declared_is_refused_in_words():
    with pytest.raises(MoveRefused, match="cannot go from “Open” to “Locked”") as refused:
        check_move(DOOR, door(Door.OPEN), Door.LOCKED, Person("door.open", "door.lock"))
    assert not isinstance(refused.value, PermissionDenied)


def test_a_move_the_rule_forbids_is_refused_and_is_a_permission_denied():
    with pytest.raises(MoveRefused) as refused:
        check_move(DOOR, door(), Door.LOCKED, Person("door.open"))
    assert isinstance(refused.value, MoveForbidden)
    assert isinstance(refused.value, PermissionDenied)  # a 403 where a view lets it through
    with pytest.raises(MoveForbidden):
        check_move(DOOR, door(), Door.OPEN, None)


def test_asking_for_the_state_it_is_in_is_nothing_to_do():
    assert check_move(DOOR, door(Door.OPEN), Door.OPEN, Person()) is None


def test_who_acts_next_and_the_rule_of_the_move_expected():
    assert DOOR.waiting_for(Actor.OWNER) == {Door.SHUT: "door.open"}
    assert DOOR.waiting_for(Actor.COORDINATOR) == {Door.LOCKED: "door.lock"}
    assert DOOR.actors(Door.OPEN) == (Actor.NOBODY,)


def test_a_declaration_must_say_who_acts_next_in_every_state():
    with pytest.raises(ValueError, match="every state"):
        Workflow("door", states=Door, moves=[], next={Door.SHUT: Actor.OWNER})
    with pytest.raises(ValueError, match="not a move"):
        Workflow(
            "door",
            states=Door,
            moves=[Move(Door.SHUT, "ajar", "door.open", "Half open", silent=_QUIET)],
            next=dict.fromkeys(Door, Actor.NOBODY),
        )


def test_a_move_must_say_who_is_told_or_why_nobody_is():
    every_state = dict.fromkeys(Door, Actor.NOBODY)
    with pytest.raises(ValueError, match="who is told, or why nobody"):
        Workflow(
            "door",
            states=Door,
            moves=[Move(Door.SHUT, Door.OPEN, "door.open", "Open")],
            next=every_state,
        )
    with pytest.raises(ValueError, match="view"):
        Workflow(
            "door",
            states=Door,
            moves=[Move(Door.SHUT, Door.OPEN, "door.open", "Open", tell=(Actor.OWNER,))],
            next=every_state,
        )


def test_a_move_made_sends_one_signal_with_the_model_as_sender():
    heard = []

    def listener(sender, **kwargs):
        heard.append((sender, kwargs["source"], kwargs["target"], kwargs["workflow"].name))

    state_changed.connect(listener)
    try:
        moved(DOOR, door(Door.OPEN), source=Door.SHUT, target=Door.OPEN, by=None)
    finally:
        state_changed.disconnect(listener)
    assert heard == [(SimpleNamespace, Door.SHUT, Door.OPEN, "door")]


def test_the_safeguarding_refusal_is_a_refused_move_with_its_flags():
    blocked = PublicationBlocked(["a name", "a phone number"])
    assert isinstance(blocked, MoveRefused)
    assert blocked.flags == ["a name", "a phone number"]
    assert str(blocked) == "Not published: a name Not published: a phone number"


@pytest.mark.parametrize("workflow", EVERY_WORKFLOW, ids=lambda w: w.name)
def test_every_declared_move_has_a_rule_that_exists_and_plain_words(workflow):
    for item in workflow.moves:
        assert rules.perm_exists(item.rule), f"{workflow.name}: no rule {item.rule}"
        label = str(item.label)
        assert label and not label.startswith("Move"), f"{workflow.name}: {label!r}"
        assert "_" not in label, f"{workflow.name}: {label!r} reads like code"


@pytest.mark.parametrize("workflow", EVERY_WORKFLOW, ids=lambda w: w.name)
def test_every_state_says_who_acts_next(workflow):
    for state in workflow.values:
        assert workflow.actors(state), f"{workflow.name}: {state}"
        assert all(actor in Actor for actor in workflow.actors(state))
    assert all(workflow.state_label(state) for state in workflow.values)


@pytest.mark.parametrize("workflow", EVERY_WORKFLOW, ids=lambda w: w.name)
def test_a_state_nobody_acts_in_has_no_move_waiting(workflow):
    for state in workflow.values:
        if workflow.actors(state) != (Actor.NOBODY,):
            continue
        assert state not in {
            s for actor in Actor if actor != Actor.NOBODY for s in workflow.waiting_for(actor)
        }
