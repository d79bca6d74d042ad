"""People's work that spans objects: the action log, invitations, roles."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from carnet.lib.links import absolute

from .enums import RoleKind, Verb
from .models import Action, Invitation, Role, User


def record(verb, target=None, *, by=None, network=None, organisation=None, data=None):
    """Write one line of the action log and return it."""
    if network is None and target is not None:
        network = getattr(target, "network", None)
    if organisation is None and target is not None:
        organisation = getattr(target, "organisation", None)
    return Action.objects.create(
        verb=verb,
        actor=by if by is not None and by.is_authenticated else None,
        network=network,
        organisation=organisation,
        content_type=ContentType.objects.get_for_model(target) if target is not None else None,
        object_id=str(target.pk) if target is not None else "",
        object_repr=str(target)[:200] if target is not None else "",
        data=data or {},
    )


def history_of(obj):
    """The action log lines about obj, newest first."""
    return Action.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor", "organisation", "content_type")


# Invitations ---------------------------------------------------------------------------


class InvitationInvalid(Exception):
    """The link cannot be used; reason is 'unknown', 'expired', 'used' or 'revoked'."""

    def __init__(self, reason, invitation=None):
        super().__init__(reason)
        self.reason = reason
        self.invitation = invitation


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invite(network, *, email, kind, organisation=None, by, days=None):
    """Create an invitation, e-mail its link and return (invitation, token).

    The token is only in the e-mail: the database keeps its hash.
    """
    if kind != RoleKind.PARTNER_EDITOR:
        organisation = None
    days = settings.CARNET_INVITATION_DAYS if days is None else days
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        network=network,
        email=email.strip(),
        kind=kind,
        organisation=organisation,
        token_hash=hash_token(token),
        invited_by=by,
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    record(
        Verb.INVITE,
        invitation,
        by=by,
        organisation=organisation,
        data={"email": invitation.email, "role": kind},
    )
    link = absolute(reverse("invitation_accept", args=[token]))
    context = {"invitation": invitation, "link": link, "by": by, "days": days}
    with translation.override(translation.get_language() or settings.LANGUAGE_CODE):
        subject = render_to_string("accounts/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/invitation_email.txt", context)
    send_mail(subject, body, None, [invitation.email])
    return invitation, token


def find_invitation(token):
    """The pending invitation of a token; raises InvitationInvalid otherwise."""
    if not token or len(token) > 100:
        raise InvitationInvalid("unknown")
    invitation = (
        Invitation.objects.select_related("network", "organisation")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None:
        raise InvitationInvalid("unknown")
    status = invitation.status
    if status == "accepted":
        raise InvitationInvalid("used", invitation)
    if status != "pending":
        raise InvitationInvalid(status, invitation)
    return invitation


# From the least to the most a role may do.
RANK = {
    RoleKind.VIEWER: 0,
    RoleKind.PARTNER_EDITOR: 1,
    RoleKind.FACILITATOR: 2,
    RoleKind.COORDINATOR: 3,
}


def existing_user_for(invitation):
    """The account already holding the invitation's e-mail address, if any. Raises
    InvitationInvalid("used") when that account is the one a request running beside has
    just made with this very link (the link was accepted meanwhile)."""
    user = User.objects.filter(email__iexact=invitation.email, is_active=True).first()
    if (
        user is not None
        and Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=False).exists()
    ):
        raise InvitationInvalid("used", invitation)
    return user


@transaction.atomic
def accept(invitation, *, user):
    """Give user the invited role in the network; a higher role they have stays.

    Safe when the link is used several times at once: the invitation is claimed by one
    conditional UPDATE (state check and change together, so one request wins on PostgreSQL
    and on SQLite alike); the others raise InvitationInvalid("used") and roll back. A new
    account is passed unsaved and saved here, so a lost race leaves no account behind.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != "pending":
        raise InvitationInvalid("used" if invitation.accepted_at else invitation.status, invitation)
    if user.pk is None:
        user.save()
    now = timezone.now()
    pending = Invitation.objects.pending().filter(pk=invitation.pk)
    if not pending.update(accepted_at=now, accepted_by=user):
        raise InvitationInvalid("used", invitation)
    # The invitation's organisation goes on the role in this network, never on the person:
    # they may work for another organisation in another network.
    role = Role.objects.filter(user=user, network=invitation.network).first()
    if role is None:
        role = Role.objects.create(
            user=user,
            network=invitation.network,
            kind=invitation.kind,
            organisation=invitation.organisation,
        )
    else:
        updates = []
        if RANK[invitation.kind] > RANK[role.kind]:  # an invitation never lowers a role
            role.kind = invitation.kind
            updates.append("kind")
        if invitation.organisation_id and not role.organisation_id:
            role.organisation = invitation.organisation
            updates.append("organisation")
        if updates:
            role.save(update_fields=updates)
    user.forget_roles()
    invitation.accepted_at, invitation.accepted_by = now, user
    record(
        Verb.CHANGE,
        invitation,
        by=user,
        organisation=invitation.organisation,
        data={"accepted": True, "role": invitation.kind},
    )
    return role


def revoke(invitation, *, by):
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    record(Verb.DELETE, invitation, by=by, data={"revoked": True})


# Roles ---------------------------------------------------------------------------------


class LastCoordinator(Exception):
    """A network keeps at least one coordinator."""


def _check_not_last_coordinator(role):
    if role.kind != RoleKind.COORDINATOR:
        return
    others = Role.objects.filter(network=role.network, kind=RoleKind.COORDINATOR).exclude(
        pk=role.pk
    )
    if not others.exists():
        raise LastCoordinator


@transaction.atomic
def change_role(role, kind, *, by, organisation=None, set_organisation=False):
    """Give the role another kind and, with set_organisation, another organisation (the one
    the person works for in this network)."""
    new_organisation_id = organisation.pk if organisation is not None else None
    moves_organisation = set_organisation and new_organisation_id != role.organisation_id
    if kind == role.kind and not moves_organisation:
        return role
    if kind != RoleKind.COORDINATOR:
        _check_not_last_coordinator(role)
    data = {"role": kind, "was": role.kind}
    role.kind = kind
    updates = ["kind"]
    if moves_organisation:
        data["organisation"] = new_organisation_id
        data["was_organisation"] = role.organisation_id
        role.organisation = organisation
        updates.append("organisation")
    role.save(update_fields=updates)
    role.user.forget_roles()
    record(
        Verb.CHANGE,
        role.user,
        by=by,
        network=role.network,
        organisation=role.organisation,
        data=data,
    )
    return role


@transaction.atomic
def remove_role(role, *, by):
    _check_not_last_coordinator(role)
    record(Verb.DELETE, role.user, by=by, network=role.network, data={"role": role.kind})
    role.delete()


def with_actor_organisations(actions, network):
    """Annotate each action with the organisation its actor works for in the network (on
    their role, as user.organisation_in(network) reads it), in the same query."""
    role = Role.objects.filter(network=network, user=OuterRef("actor"))
    return actions.annotate(
        actor_organisation=Subquery(
            role.annotate(
                label=Coalesce(NullIf("organisation__short_name", Value("")), "organisation__name")
            ).values("label")[:1]
        )
    )
