import datetime

from django.utils import timezone

from carnet.accounts.domain import hash_token
from carnet.accounts.enums import RoleKind
from carnet.accounts.models import Invitation, Role

from ..matrix import COORDINATORS, COORDINATORS_ACT, Route, network_kwargs

ANYONE = {"*": 200}


def pk_kwargs(obj):
    return {"network": obj.network.slug, "pk": obj.pk}


ROUTES = [
    Route("login", get={"*": 200}, post={"*": 200}, note="POST without data: the form again"),
    Route("logout", get={"*": 405}, post={"*": 302}),
    Route("login_link", get={"*": 200}, post={"*": 200}, note="POST without data: the form again"),
    Route(
        "login_link_use",
        kwargs=lambda obj: {"token": "forged-token-that-matches-nothing"},
        get={"*": 410},
        post={"*": 410},
        note="a forged sign-in link: 'this link cannot be used', nobody signed in",
    ),
    Route("set_language", get={"*": 302}, post={"*": 302}, note="Django's i18n view"),
    Route("password_reset", get=ANYONE, post=ANYONE, note="POST without data: the form again"),
    Route("password_reset_done", get=ANYONE),
    Route(
        "password_reset_confirm",
        kwargs=lambda obj: {"uidb64": "MQ", "token": "forged-token"},
        get=ANYONE,
        post=ANYONE,
        note="a forged link: the 'this link does not work' page, nothing changed",
    ),
    Route("password_reset_complete", get=ANYONE),
    Route(
        "invitation_accept",
        kwargs=lambda obj: {"token": "forged-token-that-matches-nothing"},
        get={"*": 404},
        post={"*": 404},
        note="a forged link: the 'this invitation link does not work' page, nothing created",
    ),
    Route(
        "waiting",
        get={"anonymous": 302, "*": 200},
        note="'Waiting for you': everyone's own page; anonymous visitors log in first",
    ),
    Route("accounts:people", kwargs=network_kwargs, get=COORDINATORS),
    Route(
        "accounts:invite",
        kwargs=network_kwargs,
        get=COORDINATORS,
        post=COORDINATORS,
        note="POST without data: the form again, with errors",
    ),
    Route(
        "accounts:revoke_invitation",
        target="invitation",
        kwargs=pk_kwargs,
        get=COORDINATORS,
        post=COORDINATORS_ACT,
    ),
    Route(
        "accounts:change_role",
        target="role",
        kwargs=pk_kwargs,
        post=COORDINATORS_ACT,
        note="POST without a role: back to the people page with a message",
    ),
    Route(
        "accounts:remove_role",
        target="role",
        kwargs=pk_kwargs,
        get=COORDINATORS,
        post=COORDINATORS_ACT,
    ),
    Route("accounts:log", kwargs=network_kwargs, get=COORDINATORS),
]


def build(world):
    """Roles and invitations of organisations A and B (euromed) and of C (other)."""
    euromed, other = world["network"]["a"], world["network"]["c"]
    org_a, org_b, org_c = (world["organisation"][key] for key in "abc")
    world["role"] = {
        "a": Role.objects.get(user=world["ana"], network=euromed),
        "b": Role.objects.get(user=world["bora"], network=euromed),
        "c": Role.objects.get(user=world["oscar"], network=other),
    }
    expires = timezone.now() + datetime.timedelta(days=7)

    def invitation(network, organisation, email):
        return Invitation.objects.create(
            network=network,
            email=email,
            kind=RoleKind.PARTNER_EDITOR,
            organisation=organisation,
            token_hash=hash_token(email),
            expires_at=expires,
        )

    world["invitation"] = {
        "a": invitation(euromed, org_a, "new-a@example.org"),
        "b": invitation(euromed, org_b, "new-b@example.org"),
        "c": invitation(other, org_c, "new-c@example.org"),
    }
