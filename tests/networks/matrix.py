from carnet.networks.enums import ReasonKind
from carnet.networks.models import Membership, MembershipReason

from ..matrix import COORDINATORS, COORDINATORS_ACT, PUBLIC, Route, network_kwargs


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


# Superusers only (no persona is one): anonymous visitors log in, everyone else gets 403.
SUPERUSERS = {"anonymous": 302, "*": 403}


def reason_kwargs(reason):
    return {"network": reason.membership.network.slug, "pk": reason.pk}


def fresh_reason_kwargs(reason):
    """A reason of the same membership, for the route that deletes one."""
    spare = MembershipReason.objects.create(
        membership=reason.membership, kind=ReasonKind.STAY, statement="Spare"
    )
    return reason_kwargs(spare)


def member_kwargs(membership):
    return {"network": membership.network.slug, "pk": membership.pk}


ROUTES = [
    Route("home", kwargs=None, get={"*": 200}),
    Route(
        "styleguide",
        kwargs=None,
        get=SUPERUSERS,
        note="the living style guide (carnet/styleguide.py): staff only, no persona is staff",
    ),
    Route(
        "network_create",
        kwargs=None,
        get={"anonymous": 302, "*": 403},
        post={"anonymous": 302, "*": 403},
        note="the site's right to create networks: superusers and whom they grant it",
    ),
    Route(
        "network_creators",
        kwargs=None,
        get=SUPERUSERS,
        post=SUPERUSERS,
        note="the site's right to create networks: superusers grant it by e-mail",
    ),
    Route(
        "network_creator_revoke",
        target="oscar_triple",
        kwargs=lambda user: {"pk": user.pk},
        post=SUPERUSERS,
        note="superusers revoke the right; GET: 405",
    ),
    Route("networks:detail", kwargs=network_kwargs, get=PUBLIC),
    Route(
        "networks:edit",
        kwargs=network_kwargs,
        get=COORDINATORS,
        post=COORDINATORS,
        note="describe the network; POST without data: the form again, with errors",
    ),
    Route(
        "networks:publish",
        kwargs=network_kwargs,
        get=COORDINATORS,
        post=COORDINATORS_ACT,
        note="asks first (GET); POST publishes, through the check (euromed already is)",
    ),
    Route(
        "networks:reason_add",
        target="membership",
        kwargs=member_kwargs,
        get=MANAGE,
        post=MANAGE,
        note="POST without data: the form again, with errors; nothing saved",
    ),
    Route(
        "networks:reason_edit",
        target="reason",
        kwargs=reason_kwargs,
        get=MANAGE,
        post=MANAGE,
        note="POST without data: the form again, with errors; nothing saved",
    ),
    Route(
        "networks:reason_delete",
        target="reason",
        kwargs=fresh_reason_kwargs,
        get=MANAGE,
        post={**MANAGE, "claire": (302, 302, 404)},
        note="asks first (GET); POST deletes a spare reason made for each request",
    ),
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
    world["reason"] = {
        key: MembershipReason.objects.create(
            membership=membership, kind=ReasonKind.JOIN, statement=f"Reason of {key}"
        )
        for key, membership in world["membership"].items()
    }
    world["oscar_triple"] = {key: world["oscar"] for key in "abc"}
