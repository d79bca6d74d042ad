import rules

from carnet.accounts.rules import can_manage


@rules.predicate
def has_publication_consent(user, obj):
    """The people shown or quoted agreed to publication (see Consent.may_publish)."""
    return bool(getattr(obj, "may_publish", False))


# The coordinator sees the flags and confirms or fixes them before publishing.
can_review_flags = can_manage

# On a network: may see its open flags and confirm them.
rules.add_perm("safeguarding.review_network", can_review_flags)
