"""The second demo network: a network of youth organisations, freshly created through
`networks.domain.create_network` and half-way through its set-up. It is described, has a
few members and its exercise has started, and its coordinator Yann has adjusted the
vocabulary with its own themes; nobody is invited yet and nothing is published.

Made once: a second load leaves it as people changed it.
"""

import datetime

from carnet.accounts.models import User
from carnet.capitalisation.enums import PhaseStatus
from carnet.capitalisation.models import Exercise
from carnet.networks.domain import add_member, create_network
from carnet.networks.enums import MembershipRole
from carnet.networks.models import Network
from carnet.timeline import domain as timeline
from carnet.vocabulary import domain as vocabulary
from carnet.vocabulary.enums import TermKind
from carnet.vocabulary.models import Term

from .core import PASSWORD

SLUG = "youth"

MEMBERS = [
    ("Youth Exchange Lisboa", "YEL", "PT", "Lisbon", MembershipRole.PILOT, 2021),
    ("Jeunes en Mouvement", "JeM", "FR", "Lyon", MembershipRole.MEMBER, 2021),
    ("Mladi za Mlade", "", "HR", "Zagreb", MembershipRole.MEMBER, 2022),
    ("Gençlik Köprüsü", "", "TR", "Izmir", MembershipRole.OBSERVER, 2023),
]

# The themes Yann adds, the neutral ones he renames and the one he archives.
NEW_THEMES = ["Youth participation", "Mobility and exchanges", "Non-formal education"]
RENAMED = {"support": "Support to young people"}
ARCHIVED = ["research"]
NEW_TAGS = ["Youth exchange"]


def coordinator():
    yann, created = User.objects.get_or_create(
        username="yann",
        defaults={
            "display_name": "Yann Kerbrat",
            "email": "yann@example.org",
            "languages": "en, fr",
        },
    )
    if created:
        yann.set_password(PASSWORD)
        yann.save()
    return yann


def load(ctx):
    yann = coordinator()
    ctx["youth_coordinator"] = yann
    network = Network.objects.filter(slug=SLUG).first()
    if network is not None:
        ctx["youth"] = network
        return
    network = create_network(
        name="Youth Exchange Network",
        slug=SLUG,
        description=(
            "Youth organisations from four countries who run exchanges, training and "
            "volunteering together. They have just started capitalising their first years."
        ),
        languages="en, fr",
        by=yann,
    )
    ctx["youth"] = network
    for name, short, country, city, role, year in MEMBERS:
        add_member(
            network,
            {
                "name": name,
                "short_name": short,
                "country": country,
                "city": city,
                "website": "",
                "role": role,
                "joined_on": datetime.date(year, 9, 1),
                "left_on": None,
            },
            by=yann,
        )
    exercise = Exercise.objects.filter(network=network).first()
    first = exercise.phases.order_by("number").first()
    first.status = PhaseStatus.IN_PROGRESS
    first.planned_start = first.actual_start = datetime.date(2026, 10, 1)
    first.save()
    for label in NEW_THEMES:
        vocabulary.add_term(network, TermKind.THEME, label, by=yann)
    for key, label in RENAMED.items():
        term = Term.objects.get(network=network, kind=TermKind.THEME, key=key)
        vocabulary.rename_term(term, label, by=yann)
    for key in ARCHIVED:
        term = Term.objects.get(network=network, kind=TermKind.THEME, key=key)
        vocabulary.set_archived(term, True, by=yann)
    for label in NEW_TAGS:
        vocabulary.add_term(network, TermKind.MOMENT_TAG, label, by=yann)
    # Its first vote round on the key moments is scheduled: it opens in a week (the
    # partners are told then, by `carnet reminders`); Yann sees it as scheduled.
    today = datetime.date.today()
    timeline.start_round(
        network,
        by=yann,
        opens_on=today + datetime.timedelta(days=7),
        closes_on=today + datetime.timedelta(days=28),
        message="Which moments made our exchanges what they are?",
    )
