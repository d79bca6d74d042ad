from django.contrib.contenttypes.models import ContentType

from carnet.networks.models import Membership
from carnet.safeguarding.enums import FlagKind
from carnet.safeguarding.models import SensitiveFlag

from ..matrix import COORDINATORS, COORDINATORS_ACT, Route, network_kwargs

ROUTES = [
    Route("safeguarding:review", kwargs=network_kwargs, get=COORDINATORS),
    Route(
        "safeguarding:confirm",
        target="flag",
        kwargs=lambda flag: {"network": flag.network.slug, "pk": flag.pk},
        post=COORDINATORS_ACT,
    ),
]


def build(world):
    """An open phone-number flag on the membership of A, B (euromed) and C (other)."""
    content_type = ContentType.objects.get_for_model(Membership)

    def flag(key):
        membership = world["membership"][key] if "membership" in world else None
        membership = membership or Membership.objects.filter(network=world["network"][key]).first()
        return SensitiveFlag.objects.create(
            network=membership.network,
            content_type=content_type,
            object_id=str(membership.pk),
            object_repr=str(membership),
            field="description",
            kind=FlagKind.PHONE,
            text="+355 69 123 4567",
        )

    world["flag"] = {key: flag(key) for key in ("a", "b", "c")}
