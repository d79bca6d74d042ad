from carnet.networks.models import Membership

from ..matrix import COORDINATORS_ACT, PUBLIC, Route, network_kwargs


def organisation_kwargs(membership):
    return {"network": membership.network.slug, "pk": membership.organisation_id}


# Coordinators edit every organisation of their network, partner editors their own.
EDIT_PROFILE = {
    "anonymous": (302, 302, 404),
    "claire": (200, 200, 404),
    "ana": (200, 403, 404),
    "bora": (403, 200, 404),
    "nina": 403,  # she edits for A in the other network only, never C's profile
    "*": (403, 403, 404),
}

# Only the network's coordinators manage its members.
MANAGE = {
    "anonymous": (302, 302, 404),
    "claire": (200, 200, 404),
    "nina": 403,
    "*": (403, 403, 404),
}


def member_kwargs(membership):
    return {"network": membership.network.slug, "pk": membership.pk}


ROUTES = [
    Route("home", kwargs=None, get={"*": 200}),
    Route(
        "network_create",
        kwargs=None,
        get={"anonymous": 302, "*": 403},
        post={"anonymous": 302, "*": 403},
        note="the site's right to create networks: superusers and whom they grant it",
    ),
    Route("networks:detail", kwargs=network_kwargs, get=PUBLIC),
    Route(
        "networks:publish_reasons",
        kwargs=network_kwargs,
        post=COORDINATORS_ACT,
        note="the coordinator publishes the join/stay/leave reasons, through the check",
    ),
    Route(
        "networks:organisation",
        target="membership",
        kwargs=organisation_kwargs,
        get=PUBLIC,
        note="an organisation's profile in a network: read like the network",
    ),
    Route(
        "networks:organisation_edit",
        target="membership",
        kwargs=organisation_kwargs,
        get=EDIT_PROFILE,
        post=EDIT_PROFILE,
        note="POST without data: the form again, with errors; nothing saved",
    ),
    Route("networks:members", kwargs=network_kwargs, get=MANAGE),
    Route(
        "networks:member_add",
        kwargs=network_kwargs,
        get=MANAGE,
        post=MANAGE,
        note="POST without data: the form again, with errors; nothing saved",
    ),
    Route(
        "networks:member_edit", target="membership", kwargs=member_kwargs, get=MANAGE, post=MANAGE
    ),
    Route(
        "networks:member_end",
        target="membership",
        kwargs=member_kwargs,
        get=MANAGE,
        post=MANAGE,
        note="asks the date first; POST without data: the form again, nothing ended",
    ),
    Route(
        "networks:members_import",
        kwargs=network_kwargs,
        get=MANAGE,
        post=MANAGE,
        note="POST without a file: the form again, with errors",
    ),
    Route(
        "networks:members_template",
        kwargs=lambda network: {"network": network.slug, "kind": "xlsx"},
        get=MANAGE,
    ),
]


def build(world):
    """The memberships of organisations A, B (euromed) and C (other network)."""
    world["membership"] = {
        key: Membership.objects.get(
            network=world["network"][key], organisation=world["organisation"][key]
        )
        for key in "abc"
    }
