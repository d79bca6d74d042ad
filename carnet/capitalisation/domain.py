from django.db import transaction

from .models import Exercise, Phase

# The five-phase method of capitalisation (see docs and DOMAIN.md). Content, not UI:
# it is stored in the network's first language and each network may rename it.
DEFAULT_PHASES = [
    (
        "Understand the network",
        "Analyse existing documents and hold an individual interview with every partner, "
        "to explain what capitalisation is and frame their expectations.",
    ),
    (
        "Understand the expectations",
        "From the interviews: what each partner wants to put forward, and how well "
        "capitalisation is understood.",
    ),
    (
        "Rebuild the history",
        "Structure the stages of the programme, identify with the partners the key moments "
        "that made the network evolve, and build the interactive timeline.",
    ),
    (
        "Bring out the learnings",
        "A workshop on good practices at regional, international and national level, "
        "good-practice sheets, sustainability; videos in parallel.",
    ),
    (
        "Finalise the tools",
        "Review the sheets, write the report, send it to the partners and agree with each "
        "on the report, the sheets, the images and the graphics.",
    ),
]


@transaction.atomic
def create_exercise(*, network, title, description=""):
    """Create a capitalisation exercise with the five default phases."""
    exercise = Exercise.objects.create(network=network, title=title, description=description)
    Phase.objects.bulk_create(
        Phase(exercise=exercise, number=number, name=name, goal=goal)
        for number, (name, goal) in enumerate(DEFAULT_PHASES, start=1)
    )
    return exercise
