"""Load the demo network, step by step. Every step is idempotent.

Each capability adds a module here with a `load(ctx)` function and appends it
to STEPS; `ctx` carries what earlier steps made (the network, organisations,
people…).
"""

from django.db import transaction

from . import accounts, capitalisation, core, downloads, practices, reports, sources, timeline

# The report comes last: it is composed from what the other steps made.
STEPS = [
    core.load,
    accounts.load,
    capitalisation.load,
    practices.load,
    timeline.load,
    sources.load,
    capitalisation.publish_synthesis,
    reports.load,
    downloads.load,  # an archive of all the above
]


@transaction.atomic
def load():
    ctx = {}
    for step in STEPS:
        step(ctx)
    return ctx
