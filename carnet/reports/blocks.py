"""The generated chapters of a report: each turns the network's live data into blocks.

A block function takes the network and returns (blocks, assets): blocks as in
carnet.lib.markdown.to_blocks, plus {"t": "figure", "src": NAME, "caption", "alt"}
whose SVG is assets[NAME], and {"t": "image", "src": MEDIA NAME, "caption",
"credit", "alt"} for uploaded images. Add a block: write the function and list it
in BLOCKS.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from carnet.capitalisation.models import Exercise
from carnet.networks.domain import membership_chart, reasons_by_kind


def text(value, **style):
    return {"text": str(value), "b": False, "i": False, "code": False, **style}


def para(*runs):
    return {"t": "p", "runs": [text(r) if isinstance(r, str) else r for r in runs]}


def heading(value, level=2):
    return {"t": "h", "level": level, "text": str(value)}


def bullets(items):
    return {"t": "list", "ordered": False, "items": [[para(*item)] for item in items]}


def table(head, rows, caption=""):
    return {
        "t": "table",
        "head": [str(h) for h in head],
        "rows": [[str(c) for c in row] for row in rows],
        "caption": str(caption),
    }


def _month(day):
    return date_format(day, "F Y") if day else "…"


def methodology(network):
    exercise = Exercise.objects.filter(network=network).prefetch_related("phases").first()
    if exercise is None:
        return [para(_("No capitalisation exercise has been set up yet."))], {}
    blocks = []
    if exercise.description:
        blocks.append(para(exercise.description))
    for phase in exercise.phases.all():
        start = phase.actual_start or phase.planned_start
        end = phase.actual_end or phase.planned_end
        blocks.append(heading(f"{phase.number}. {phase.name}", 2))
        blocks.append(
            para(
                text(
                    _("%(start)s to %(end)s") % {"start": _month(start), "end": _month(end)}, i=True
                ),
                text(f" — {phase.get_status_display()}", i=True),
            )
        )
        if phase.goal:
            blocks.append(para(phase.goal))
    return blocks, {}


def participation(network):
    counts = network.memberships.aggregate(
        total=Count("id"), current=Count("id", filter=Q(left_on__isnull=True))
    )
    rows = [
        (_("Organisations that have been members"), counts["total"]),
        (_("Members today"), counts["current"]),
        (_("Former members"), counts["total"] - counts["current"]),
    ]
    for label, value in participation_extras(network):
        rows.append((label, value))
    return [table([_("Figure"), _("Number")], rows, _("Participation"))], {}


def participation_extras(network):
    """Figures other apps add (interviews, workshop attendance, sheets): (label, value)."""
    return []


def membership(network):
    memberships = list(network.memberships.select_related("organisation").order_by("joined_on"))
    svg = str(membership_chart(memberships))
    rows = [
        (
            m.organisation.name,
            m.organisation.country.name,
            m.joined_on.year,
            m.left_on.year if m.left_on else "—",
        )
        for m in memberships
    ]
    return [
        {
            "t": "figure",
            "src": "membership.svg",
            "caption": _("Who joined and left when"),
            "alt": _("Membership over time, one bar per organisation."),
        },
        table([_("Organisation"), _("Country"), _("Joined"), _("Left")], rows),
    ], {"membership.svg": svg}


def reasons(network):
    blocks = []
    for group in reasons_by_kind(network):
        blocks.append(heading(f"{group['kind'].label} ({group['total']})", 2))
        if not group["categories"]:
            blocks.append(para(_("None recorded yet.")))
            continue
        blocks.append(
            bullets(
                [
                    (
                        text(category["label"], b=True),
                        " — "
                        + _("%(n)s organisation(s)") % {"n": category["count"]}
                        + ": "
                        + " ".join(
                            f"“{r.statement}” ({r.membership.organisation})"
                            for r in category["reasons"]
                        ),
                    )
                    for category in group["categories"]
                ]
            )
        )
    return blocks, {}


@dataclass(frozen=True)
class Block:
    label: str
    build: object


BLOCKS = {
    "methodology": Block(gettext_lazy("Methodology: the phases and what was done"), methodology),
    "participation": Block(gettext_lazy("Participation figures"), participation),
    "membership": Block(gettext_lazy("Membership chart"), membership),
    "reasons": Block(gettext_lazy("Why join, stay and leave"), reasons),
}


def block_choices():
    return [(key, block.label) for key, block in BLOCKS.items()]
