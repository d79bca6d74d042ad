import rules
from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from carnet.accounts.rules import (  # noqa: F401 - re-exported for the models' Meta
    can_manage,
    can_read_internal,
    is_member,
    is_own_organisation,
    is_partner_editor,
    is_published,
    is_superuser,
    network_is_published,
)

can_view_network = is_published | is_member | is_superuser

# A membership stands for an organisation inside a network: its profile page is read
# like the network; its coordinators edit any profile, partner editors their own.
can_view_membership = network_is_published | is_member | is_superuser
can_edit_organisation = can_manage | (is_partner_editor & is_own_organisation)
rules.add_perm("networks.edit_organisation", can_edit_organisation)


@rules.predicate
def can_view_logo(user, organisation):
    """A logo is seen with the organisation's profile in any network that shows it."""
    memberships = organisation.memberships.select_related("network")
    return any(can_view_membership(user, membership) for membership in memberships)


@rules.predicate
def holds_create_right(user):
    """The permission networks.create_network, given to the user or one of their groups."""
    return ModelBackend().has_perm(user, "networks.create_network")


@rules.predicate
def signup_is_open(user):
    return settings.CARNET_OPEN_SIGNUP and user.is_authenticated


# The site's "can create networks" right: superusers, whom they grant it, and everyone
# signed in when CARNET_OPEN_SIGNUP is on.
can_create_networks = is_superuser | holds_create_right | signup_is_open
rules.add_perm("networks.create_network", can_create_networks)
