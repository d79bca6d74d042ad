import datetime

import factory

from carnet.timeline.enums import MilestoneState
from carnet.timeline.models import Era, Milestone, MilestoneTranslation, Vote
from tests.factories import NetworkFactory


class EraFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Era

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Era {n}")
    start = datetime.date(2011, 1, 1)
    end = datetime.date(2014, 12, 31)
    colour = "#1f6f8b"


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Moment {n}")
    slug = factory.Sequence(lambda n: f"moment-{n}")
    text = "The partners met for the first time."
    start_date = datetime.date(2013, 5, 1)
    start_precision = "month"
    state = MilestoneState.PROPOSED


class TranslationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MilestoneTranslation

    milestone = factory.SubFactory(MilestoneFactory)
    language = "fr"
    title = "Un moment"


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    milestone = factory.SubFactory(MilestoneFactory)
    weight = 2


def published_moments(network, rows):
    """Published moments, one per row (slug, title, start date, tag, organisation, era)."""
    made = []
    for slug, title, start, tag, organisation, era in rows:
        milestone = MilestoneFactory(
            network=network,
            slug=slug,
            title=title,
            start_date=start,
            start_precision="day",
            tags=tag,
            era=era,
            state=MilestoneState.PUBLISHED,
        )
        milestone.organisations.add(organisation)
        made.append(milestone)
    return made
