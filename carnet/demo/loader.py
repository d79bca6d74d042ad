"""Load the demo network, step by step. Every step is idempotent.

Each capability adds a module here with a `load(ctx)` function and appends it
to STEPS; `ctx` carries what earlier steps made (the network, organisations,
people…).
"""

from django.db import transaction

from . import core, timeline

STEPS = [core.load, timeline.load]


@transaction.atomic
def load():
    ctx = {}
    for step in STEPS:
        step(ctx)
    return ctx
