"""Load the demo network, step by step. Every step is idempotent.

Each capability adds a module here with a `load(ctx)` function and appends it
to STEPS; `ctx` carries what earlier steps made (the network, organisations,
people…).
"""

from django.db import transaction

from . import (
    accounts,
    capitalisation,
    commons,
    core,
    downloads,
    guide,
    notices,
    practices,
    reports,
    search,
    sources,
    spreadsheets,
    timeline,
    translations,
    youth,
)

# The report comes last: it is composed from what the other steps made.
STEPS = [
    core.load,
    accounts.load,
    capitalisation.load,
    practices.load,
    timeline.load,
    translations.load,  # after the eras, tags and moments it translates
    guide.load,
    sources.load,
    spreadsheets.load,  # study-visits.xlsx: a newer version waits for a preview
    commons.load,  # a scanned document, read by OCR
    capitalisation.publish_synthesis,
    reports.load,
    youth.load,  # the second network, half-way through its set-up
    search.load,  # the search's index, once every step above added its content
    downloads.load,  # an archive of all the above
    notices.load,  # last: the moves of every step above told people
]


@transaction.atomic
def load():
    ctx = {}
    for step in STEPS:
        step(ctx)
    return ctx
