"""The predicates every app's rules are built from.

Each network-scoped object has a `network` attribute (a Network has one that is
itself) and, when an organisation owns it, an `organisation_id`. A person's organisation
is on their role in that network (`user.organisation_id_in(network)`), never on the
person: one person may work for a different organisation in each network. Who may do
what to an object is decided here and in each app's rules.py, nowhere else.

    coordinator      everything in their network, including people and publishing
    facilitator      read everything, review and comment; edit the exercise, interviews,
                     workshop, learnings, report drafts; not people
    partner editor   read the internal space; create and edit their own organisation's
                     content; validate on its behalf
    viewer           read the internal space, change nothing
    anonymous        published content only
"""

import rules

from .enums import RoleKind


def network_of(obj):
    return getattr(obj, "network", None)


def role_is(*kinds):
    names = "_or_".join(kinds)

    @rules.predicate(name=f"role_is_{names}")
    def predicate(user, obj):
        network = network_of(obj)
        if network is None or not user.is_authenticated:
            return False
        return user.role_in(network) in kinds

    return predicate


is_coordinator = role_is(RoleKind.COORDINATOR)
is_facilitator = role_is(RoleKind.FACILITATOR)
is_partner_editor = role_is(RoleKind.PARTNER_EDITOR)
is_viewer = role_is(RoleKind.VIEWER)
is_member = role_is(*RoleKind.values)
# The people who run the exercise: they read private notes and review.
is_organiser = role_is(RoleKind.COORDINATOR, RoleKind.FACILITATOR)
is_superuser = rules.is_superuser


@rules.predicate
def is_own_organisation(user, obj):
    """The object belongs to the organisation the person works for in the object's network
    (the organisation is on their role there: it may differ from one network to another)."""
    organisation_id = getattr(obj, "organisation_id", None)
    if not organisation_id or not user.is_authenticated:
        return False
    return organisation_id == user.organisation_id_in(network_of(obj))


@rules.predicate
def has_organisation(user, obj):
    """The person works for an organisation in the object's network."""
    return user.is_authenticated and bool(user.organisation_id_in(network_of(obj)))


@rules.predicate
def is_published(user, obj):
    return bool(getattr(obj, "is_published", False))


@rules.predicate
def network_is_published(user, obj):
    network = network_of(obj)
    return network is not None and network.is_published


# Building blocks most objects use.
can_read_internal = is_member | is_superuser
can_edit_own = is_organiser | (is_partner_editor & is_own_organisation) | is_superuser
can_organise = is_organiser | is_superuser
can_manage = is_coordinator | is_superuser

# Permissions on a network, checked with network_for(request, slug, perm=...).
rules.add_perm("accounts.view_log", can_manage)
