"""The euromed demo network: organisations, memberships, reasons, people, the exercise.

The organisations the source document names (France, Albania, Armenia, Bosnia and
Herzegovina, Kosovo) are real Caritas organisations; the others are plausible and
marked as illustrative. All people are fictitious.
"""

import datetime

from carnet.accounts.enums import RoleKind
from carnet.accounts.models import Role, User
from carnet.capitalisation.domain import create_exercise
from carnet.capitalisation.enums import PhaseStatus
from carnet.capitalisation.models import Exercise
from carnet.networks.domain import check_profile, publish_reasons, source_kind_for
from carnet.networks.enums import MembershipRole, ReasonCategory, ReasonKind
from carnet.networks.models import Membership, MembershipReason, Network, Organisation
from carnet.safeguarding.domain import confirm, publish_blockers
from carnet.vocabulary.domain import seed_legacy

SLUG = "euromed"
PASSWORD = "carnet-demo"
ILLUSTRATIVE = "Illustrative organisation of the demo network: not named in the source."

# (key, name, short name, country, city, joined, left, role, illustrative)
ORGANISATIONS = [
    (
        "sccf",
        "Secours Catholique – Caritas France",
        "Caritas France",
        "FR",
        "Paris",
        2011,
        None,
        MembershipRole.PILOT,
        False,
    ),
    ("albania", "Caritas Albania", "", "AL", "Tirana", 2011, None, MembershipRole.MEMBER, False),
    ("armenia", "Caritas Armenia", "", "AM", "Gyumri", 2011, None, MembershipRole.MEMBER, False),
    (
        "bosnia",
        "Caritas Bosnia and Herzegovina",
        "Caritas BiH",
        "BA",
        "Sarajevo",
        2011,
        None,
        MembershipRole.MEMBER,
        False,
    ),
    ("kosovo", "Caritas Kosovo", "", "XK", "Prishtina", 2012, None, MembershipRole.MEMBER, False),
    ("lebanon", "Caritas Lebanon", "", "LB", "Beirut", 2011, None, MembershipRole.MEMBER, True),
    ("serbia", "Caritas Serbia", "", "RS", "Belgrade", 2013, None, MembershipRole.MEMBER, True),
    ("ukraine", "Caritas Ukraine", "", "UA", "Lviv", 2015, None, MembershipRole.MEMBER, True),
    ("bulgaria", "Caritas Bulgaria", "", "BG", "Sofia", 2016, None, MembershipRole.OBSERVER, True),
    ("greece", "Caritas Hellas", "", "GR", "Athens", 2011, 2015, MembershipRole.MEMBER, True),
    ("georgia", "Caritas Georgia", "", "GE", "Tbilisi", 2012, 2017, MembershipRole.MEMBER, True),
    ("morocco", "Caritas Morocco", "", "MA", "Rabat", 2013, 2016, MembershipRole.MEMBER, True),
    ("moldova", "Caritas Moldova", "", "MD", "Chișinău", 2014, 2018, MembershipRole.MEMBER, True),
]

# (organisation key, kind, category, statement, source)
REASONS = [
    (
        "albania",
        ReasonKind.JOIN,
        ReasonCategory.SHARED_DIAGNOSIS,
        "We shared the same diagnosis: trafficking was growing and nobody worked on it alone.",
        "Interview, 2019",
    ),
    (
        "armenia",
        ReasonKind.JOIN,
        ReasonCategory.STRENGTHEN_KNOWLEDGE,
        "We wanted to strengthen our knowledge of trafficking and how to identify victims.",
        "Interview, 2019",
    ),
    (
        "bosnia",
        ReasonKind.JOIN,
        ReasonCategory.SHARE_EXPERIENCE,
        "We wanted to learn from the experience of the other Caritas organisations.",
        "Interview, 2019",
    ),
    (
        "kosovo",
        ReasonKind.JOIN,
        ReasonCategory.JOIN_MIDWAY,
        "Joining a year after the start was possible and we were welcomed.",
        "Workshop, day 1",
    ),
    (
        "ukraine",
        ReasonKind.JOIN,
        ReasonCategory.SHARE_EXPERIENCE,
        "With the crisis in the East we needed the experience of others quickly.",
        "Interview, 2019",
    ),
    (
        "lebanon",
        ReasonKind.STAY,
        ReasonCategory.GROWING_NEEDS,
        "With the Syrian crisis, activities against trafficking became more and more necessary.",
        "Interview, 2019",
    ),
    (
        "ukraine",
        ReasonKind.STAY,
        ReasonCategory.GROWING_NEEDS,
        "The war made people more vulnerable: the network's work is needed more than ever.",
        "Workshop, day 2",
    ),
    (
        "armenia",
        ReasonKind.STAY,
        ReasonCategory.KNOWLEDGE,
        "Every meeting brings new knowledge that we pass on inside our Caritas.",
        "Good-practice sheet",
    ),
    (
        "bosnia",
        ReasonKind.STAY,
        ReasonCategory.COOPERATION_AUTHORITIES,
        "The network helped us build trust with the Ministry of Security.",
        "Good-practice sheet",
    ),
    (
        "albania",
        ReasonKind.STAY,
        ReasonCategory.NATIONAL_VISIBILITY,
        "Being part of a regional network gave us visibility with national authorities.",
        "Interview, 2019",
    ),
    (
        "sccf",
        ReasonKind.STAY,
        ReasonCategory.INTERNATIONAL_BODIES,
        "Together we could speak at the United Nations in Geneva.",
        "Workshop, day 1",
    ),
    (
        "serbia",
        ReasonKind.STAY,
        ReasonCategory.OTHER_NGOS,
        "We now cooperate with other NGOs we met through the network.",
        "Interview, 2019",
    ),
    (
        "morocco",
        ReasonKind.LEAVE,
        ReasonCategory.NO_FUNDING,
        "Without funding we had no national project left to bring to the network.",
        "Interview, 2019",
    ),
    (
        "greece",
        ReasonKind.LEAVE,
        ReasonCategory.OTHER_PRIORITIES,
        "Migration became our national priority and took all our staff.",
        "Interview, 2019",
    ),
    (
        "georgia",
        ReasonKind.LEAVE,
        ReasonCategory.IMPLEMENTATION_DIFFICULTIES,
        "Running the project in the country became too difficult.",
        "Interview, 2019",
    ),
    (
        "moldova",
        ReasonKind.LEAVE,
        ReasonCategory.NO_FUNDING,
        "The project ended with its funding and the staff who knew it left.",
        "Interview, 2019",
    ),
]

# (username, display name, role, organisation key)
PEOPLE = [
    ("claire", "Claire Martin", RoleKind.COORDINATOR, "sccf"),
    ("farid", "Farid Benali", RoleKind.FACILITATOR, None),
    ("ana", "Ana Leka", RoleKind.PARTNER_EDITOR, "albania"),
    ("bora", "Bora Sargsyan", RoleKind.PARTNER_EDITOR, "armenia"),
    ("vera", "Vera Horvat", RoleKind.VIEWER, None),
]
# The language each person chose on their settings page: Ana's pages and e-mails are Albanian.
PERSON_LANGUAGE = {"ana": "sq", "claire": "en", "farid": "en", "bora": "en", "vera": "en"}

PHASE_DATES = [
    (datetime.date(2019, 9, 2), datetime.date(2019, 10, 31), PhaseStatus.DONE),
    (datetime.date(2019, 9, 16), datetime.date(2019, 11, 8), PhaseStatus.DONE),
    (datetime.date(2019, 10, 14), datetime.date(2020, 1, 17), PhaseStatus.DONE),
    (datetime.date(2019, 11, 25), datetime.date(2019, 12, 20), PhaseStatus.DONE),
    (datetime.date(2020, 1, 6), datetime.date(2020, 2, 28), PhaseStatus.IN_PROGRESS),
]


def load(ctx):
    network, _ = Network.objects.update_or_create(
        slug=SLUG,
        defaults={
            "name": "Euro-Mediterranean Network against Trafficking in Human Beings",
            "description": (
                "A network of national Caritas organisations against trafficking in human "
                "beings, piloted by Secours Catholique – Caritas France. In 2019–2020 it "
                "capitalised nine years of work."
            ),
            "languages": "en, fr, sq, hy, bs, ar",
            "is_published": True,
        },
    )
    ctx["network"] = network
    seed_legacy(network)  # its anti-trafficking lists, as before the vocabulary was data
    orgs = {}
    for key, name, short, country, city, joined, left, role, illustrative in ORGANISATIONS:
        org, _ = Organisation.objects.update_or_create(
            name=name,
            defaults={
                "short_name": short,
                "country": country,
                "city": city,
                "description": ILLUSTRATIVE if illustrative else "",
            },
        )
        orgs[key] = org
        Membership.objects.update_or_create(
            network=network,
            organisation=org,
            defaults={
                "joined_on": datetime.date(joined, 3 if joined == 2011 else 6, 1),
                "left_on": datetime.date(left, 12, 31) if left else None,
                "role": role,
            },
        )
    ctx["organisations"] = orgs
    for key, kind, category, statement, source in REASONS:
        membership = Membership.objects.get(network=network, organisation=orgs[key])
        MembershipReason.objects.update_or_create(
            membership=membership,
            kind=kind,
            statement=statement,
            defaults={
                "category": category,
                "source": source,
                "source_kind": source_kind_for(source),
            },
        )
    people = {}
    for username, display, kind, org_key in PEOPLE:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "display_name": display,
                "email": f"{username}@example.org",
                "languages": "en, fr",
            },
        )
        if created:
            user.set_password(PASSWORD)
        user.language = PERSON_LANGUAGE.get(username, "")
        user.save()
        Role.objects.update_or_create(
            user=user, network=network, defaults={"kind": kind, "organisation": orgs.get(org_key)}
        )
        people[username] = user
    admin, created = User.objects.get_or_create(
        username="admin",
        defaults={"display_name": "Demo administrator", "is_staff": True, "is_superuser": True},
    )
    if created:
        admin.set_password(PASSWORD)
        admin.save()
    ctx["people"] = people
    publish_reasons_and_profiles(network, orgs, by=people["claire"])

    exercise = Exercise.objects.current(network)
    if exercise is None:
        exercise = create_exercise(
            network=network,
            title="Capitalisation of nine years of the network (2011–2020)",
            description=(
                "Two facilitators guided the 13 partners through five phases, from "
                "September 2019 to February 2020."
            ),
        )
    for phase, (start, end, status) in zip(
        exercise.phases.order_by("number"), PHASE_DATES, strict=False
    ):
        phase.planned_start = phase.actual_start = start
        phase.planned_end = end
        phase.actual_end = end if status == PhaseStatus.DONE else None
        phase.status = status
        phase.save()
    ctx["exercise"] = exercise


def publish_reasons_and_profiles(network, orgs, *, by):
    """The coordinator publishes the reasons through the sensitive-content check, having
    checked what it flags (the reasons quote the network's partners), and the profiles
    are checked as if their editors had just saved them."""
    for organisation in orgs.values():
        check_profile(organisation, by=by)
    _published, held = publish_reasons(network, by=by)
    for reason in held:
        for flag in publish_blockers(reason):
            confirm(flag, by=by)
    if held:
        publish_reasons(network, by=by)
