"""The demo's notices: what the moves of the other steps told people, and their choices."""

from carnet.notices import domain
from carnet.notices.enums import Frequency


def load(ctx):
    network, people = ctx["network"], ctx["people"]
    domain.set_frequency(people["farid"], network, Frequency.DAILY)
    domain.set_frequency(people["vera"], network, Frequency.WEEKLY)
