"""Every workflow has the same shape: declared once, checked here, moved by one function.

An app declares its workflow once, in its enums.py:

    SHEETS = Workflow(
        "sheet",
        states=SheetState,
        moves=[
            Move(S.DRAFT, S.SUBMITTED, "practices.change_sheet", _("Submit for review")),
            ...
        ],
        next={S.DRAFT: Actor.OWNER, S.SUBMITTED: Actor.ORGANISERS, S.PUBLISHED: Actor.NOBODY},
    )

- a Move says from which state to which, the rule (a django-rules permission, checked
  against the object) a person needs to make it, and the plain words on its button;
- `next` says, for every state, who must act next ("Waiting for you" reads it);
- `path` (optional) lists the states a thing goes through, in order, and `detours` the step
  of the path each state off it counts as (e.g. "changes requested" is part of "in review"):
  the step indicator (`steps()`, carnet/lib/steps.py) shows them;
- the app's one entry point (e.g. `set_state(obj, to, *, by, note="")`) calls
  `check_move(WORKFLOW, obj, to, by)` first, then `lib.states.move()`, then writes the
  action log, notifies and sends `state_changed` (sender: the model class).

A refused move raises `MoveRefused` (str(): why, in words for the person); when the
rule says no, `MoveForbidden`, which is also Django's PermissionDenied (a 403 when a view
lets it through). The safeguarding guard's `PublicationBlocked` is a MoveRefused too.
"""

from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.core.exceptions import PermissionDenied
from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Sent once a move is made (not when it was made already by a request running beside):
# sender=the model class, obj=the object, workflow=its Workflow, source, target, by, note.
state_changed = Signal()


class Actor(models.TextChoices):
    """Who must act next, in a state."""

    OWNER = "owner", _("The organisation that owns it")
    PARTNERS = "partners", _("The partner organisations")
    ORGANISERS = "organisers", _("The organisers")
    COORDINATOR = "coordinator", _("The coordinator")
    NOBODY = "nobody", _("Nobody")


class MoveRefused(Exception):
    """A move that may not be made now; str() says why, for the person who asked."""

    def __init__(self, message="", *, workflow=None, source=None, target=None):
        super().__init__(message or gettext("This move cannot be made now."))
        self.workflow, self.source, self.target = workflow, source, target


class MoveForbidden(MoveRefused, PermissionDenied):
    """The move is declared, but the rule says this person may not make it."""


@dataclass(frozen=True)
class Move:
    source: object
    target: object
    rule: str  # the permission the person needs on the object
    label: object  # the words on the button, never "Move to …"
    # Who is told once the move is made (Actors, among those who may see the object; never
    # the person who made it), or, when nobody is, why (`silent`): one or the other.
    tell: tuple = ()
    silent: str = ""
    # False: made by a function of its own (e.g. merging a key moment), never as a button.
    offered: bool = True


@dataclass(frozen=True)
class Workflow:
    name: str
    states: object  # a TextChoices, or any iterable of the values the field takes
    moves: tuple
    next: dict  # state -> Actor, or a tuple of Actors
    field: str = "state"
    labels: dict = dataclass_field(default_factory=dict)  # state -> its name, where states has none
    path: tuple = ()  # the states a thing goes through, in order (default: every state)
    detours: dict = dataclass_field(default_factory=dict)  # state off the path -> its step
    # The rule of the object's page: only people who may see it are told of its moves.
    view: str = ""
    # The object as the notification names it, and the page it links to (default: str(obj)
    # and obj.get_absolute_url()); the organisation that owns it (Actor.OWNER) by default
    # obj.organisation_id.
    title: object = None
    page: object = None
    owner: object = None

    def __post_init__(self):
        object.__setattr__(self, "moves", tuple(self.moves))
        values = self.values
        for item in self.moves:
            if item.source not in values or item.target not in values:
                raise ValueError(f"{self.name}: {item.source} -> {item.target} is not a move")
        if set(self.next) != set(values):
            raise ValueError(f"{self.name}: say who acts next in every state")
        object.__setattr__(self, "path", tuple(self.path))
        for state in (*self.path, *self.detours, *self.detours.values()):
            if state not in values:
                raise ValueError(f"{self.name}: {state} is not a state")
        for item in self.moves:
            if bool(item.tell) == bool(item.silent):
                raise ValueError(
                    f"{self.name}: {item.source} -> {item.target}: say who is told, or why nobody"
                )
        if any(item.tell for item in self.moves) and not self.view:
            raise ValueError(f"{self.name}: say which rule lets people see it (view)")

    @property
    def values(self):
        states = self.states
        return list(states.values) if hasattr(states, "values") else list(states)

    def told(self, source, target):
        """The Actors told of the move from source to target (none for an undeclared one)."""
        item = self.find(source, target)
        return tuple(item.tell) if item is not None else ()

    def owner_id(self, obj):
        """The id of the organisation that owns the object, or None."""
        if self.owner is not None:
            return self.owner(obj)
        return getattr(obj, "organisation_id", None)

    def moves_from(self, state):
        return [item for item in self.moves if item.source == state]

    def find(self, source, target):
        for item in self.moves:
            if item.source == source and item.target == target:
                return item
        return None

    def actors(self, state):
        """Who must act next in this state, as a tuple of Actors."""
        actors = self.next[state]
        return actors if isinstance(actors, tuple) else (actors,)

    def waiting_for(self, actor):
        """{state: the rule of the first move out of it} for the states where `actor` acts
        next: what "Waiting for you" lists (the rule says whether this person may act)."""
        return {
            state: next(iter(self.moves_from(state)), Move(state, state, "", "")).rule
            for state in self.values
            if actor in self.actors(state)
        }

    def steps(self, state):
        """The path's steps, each (state, its label, "done", "current" or "todo"), for an
        object in `state`; [] when the state is off the path (e.g. a merged key moment)."""
        path = self.path or tuple(self.values)
        at = self.detours.get(state, state)
        if at not in path:
            return []
        here = path.index(at)
        return [
            (
                step,
                self.state_label(step),
                "done" if n < here else "current" if n == here else "todo",
            )
            for n, step in enumerate(path)
        ]

    def state_label(self, state):
        if state in self.labels:
            return str(self.labels[state])
        try:
            return str(self.states(state).label)
        except (TypeError, ValueError):
            return str(state)


def allowed_moves(workflow, obj, user):
    """The moves this person may make from the object's state, in declaration order."""
    state = getattr(obj, workflow.field)
    return [
        item
        for item in workflow.moves_from(state)
        if item.offered and user.has_perm(item.rule, obj)
    ]


def check_move(workflow, obj, target, user):
    """The declared move from the object's state to `target`, if this person may make it.

    Raises MoveRefused when no such move is declared, MoveForbidden when the rule says no.
    Asking for the state the object is in already returns None (nothing to do).
    """
    source = getattr(obj, workflow.field)
    if source == target:
        return None
    item = workflow.find(source, target)
    where = {"workflow": workflow, "source": source, "target": target}
    if item is None:
        raise MoveRefused(
            gettext("It cannot go from “%(old)s” to “%(new)s”.")
            % {"old": workflow.state_label(source), "new": workflow.state_label(target)},
            **where,
        )
    if user is None or not user.has_perm(item.rule, obj):
        raise MoveForbidden(gettext("You may not make this move."), **where)
    return item


def moved(workflow, obj, *, source, target, by, note=""):
    """Send state_changed for a move just made (after the log line)."""
    state_changed.send(
        sender=type(obj),
        obj=obj,
        workflow=workflow,
        source=source,
        target=target,
        by=by,
        note=note,
    )
