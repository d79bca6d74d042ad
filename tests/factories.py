import datetime

import factory

from carnet.accounts.enums import RoleKind
from carnet.accounts.models import Role, User
from carnet.networks.enums import MembershipRole, ReasonCategory, ReasonKind
from carnet.networks.models import Membership, MembershipReason, Network, Organisation
from carnet.vocabulary.domain import seed_legacy


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Network {n}")
    slug = factory.Sequence(lambda n: f"network-{n}")
    languages = "en, fr"
    is_published = True

    @factory.post_generation
    def vocabulary(network, create, extracted, **kwargs):
        """The lists networks had before the vocabulary was data (what the tests use)."""
        if create:
            seed_legacy(network)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    country = "AL"
    city = "Tirana"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    joined_on = datetime.date(2011, 3, 1)
    role = MembershipRole.MEMBER


class ReasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipReason

    membership = factory.SubFactory(MembershipFactory)
    kind = ReasonKind.JOIN
    category = ReasonCategory.SHARED_DIAGNOSIS
    statement = "We shared the same diagnosis."


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.LazyAttribute(lambda o: o.username.title())
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("secret-pass-123")


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    user = factory.SubFactory(UserFactory)
    network = factory.SubFactory(NetworkFactory)
    kind = RoleKind.VIEWER
