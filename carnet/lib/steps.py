"""The step indicator (a template library, built in): where an object stands in its workflow.

    {% steps "practices.SHEETS" sheet %}   the Workflow declared in carnet/practices/enums.py
    {% phase_steps phases %}               an exercise's phases, by their status

Both render carnet/steps.html: an ordered list, done steps ticked, the current one marked
aria-current="step"; on phones only the current step keeps its words.
"""

from django import template
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

register = template.Library()


def _context(steps, label, note=""):
    return {"steps": steps, "label": label or _("Where it stands"), "note": note}


@register.inclusion_tag("carnet/steps.html")
def steps(workflow, obj, label=""):
    """`workflow`: "app.NAME" for the Workflow NAME in carnet/<app>/enums.py."""
    app, name = workflow.split(".")
    declared = import_string(f"carnet.{app}.enums.{name}")
    state = getattr(obj, declared.field)
    found = [{"label": text, "status": status} for _state, text, status in declared.steps(state)]
    note = declared.state_label(state) if state in declared.detours else ""
    return _context(found, label, note)


@register.inclusion_tag("carnet/steps.html")
def phase_steps(phases, label=""):
    """An exercise's phases: done ones ticked, the first in progress current (else the first
    planned one after the done ones)."""
    phases = list(phases)
    current = next((p for p in phases if p.status == "in_progress"), None)
    if current is None:
        current = next((p for p in phases if p.status != "done"), None)
    found = [
        {
            "label": phase.name,
            "status": "current"
            if phase is current
            else "done"
            if phase.status == "done"
            else "todo",
        }
        for phase in phases
    ]
    return _context(found, label or _("Phases"))
