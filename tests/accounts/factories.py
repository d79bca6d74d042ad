import datetime

import factory
from django.utils import timezone

from carnet.accounts.domain import hash_token
from carnet.accounts.enums import RoleKind
from carnet.accounts.models import Invitation

from ..factories import NetworkFactory


class InvitationFactory(factory.django.DjangoModelFactory):
    """An invitation whose token is `token` (not stored: only its hash is)."""

    class Meta:
        model = Invitation
        exclude = ["token"]

    network = factory.SubFactory(NetworkFactory)
    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    kind = RoleKind.VIEWER
    token = factory.Sequence(lambda n: f"token-{n}-abcdefghijklmnopqrstuvwxyz")
    token_hash = factory.LazyAttribute(lambda o: hash_token(o.token))
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
