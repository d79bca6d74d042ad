"""{% load history %}{% history obj %}: an object's own lines of the action log.

{% history organisation network=network %} for objects that belong to no single network.
Shown only to people of the object's network (the log names who did what), newest
first, at most `limit` lines (default 20).
"""

from django import template

from carnet.accounts.domain import history_of, with_actor_organisations
from carnet.accounts.rules import can_read_internal

register = template.Library()


@register.inclusion_tag("accounts/history.html", takes_context=True)
def history(context, obj, limit=20, network=None):
    """obj's history in its network (or in `network`, for objects shared by networks)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    network = network or getattr(obj, "network", None)
    show = (
        user is not None
        and obj is not None
        and network is not None
        and can_read_internal.test(user, network)
    )
    return {
        "show": show,
        "actions": list(
            with_actor_organisations(history_of(obj).filter(network=network), network)[:limit]
        )
        if show
        else [],
        "anchor": f"{obj._meta.model_name}-{obj.pk}" if obj is not None else "none",
    }
