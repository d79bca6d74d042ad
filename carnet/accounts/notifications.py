"""Who receives an e-mail about an object, and the sending.

One rule for every notification: the people of the object's network for whom
`user.has_perm(perm, obj)` holds, the very rule of the object's page, minus the person
acting. Never a query of its own over roles (two chained filters over `roles` once matched a
role in one network and a coordinator role in another).
"""

from .models import Role
from .rules import network_of


def recipients(obj, perm, *, exclude=None):
    """The active people with an e-mail address and a role in obj's network who have perm on
    obj, ordered by username; `exclude`: the person acting, who is not told of their act."""
    network = network_of(obj)
    if network is None:
        return []
    roles = (
        Role.objects.filter(network=network, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user__username")
    )
    people = []
    for role in roles:
        person = role.user
        if exclude is not None and person.pk == exclude.pk:
            continue
        person.remember_role(role)  # has_perm reads the role without another query
        if person.has_perm(perm, obj):
            people.append(person)
    return people


def notify(people, *, network, subject, body, path=None, personal=None):
    """Tell each person, in the app and by e-mail (at once or in their digest, as they chose
    for this network), in their own language: `subject` and `body` are functions of no argument
    that return the text, called once per language with that language active, so `_()` inside
    them translates for the recipient. `path`, a page of the site, ends the e-mail as an absolute
    link. `personal(person)`: a paragraph for that person's own e-mail (sent at once) only.
    Returns the number of people told."""
    from carnet.notices.domain import deliver

    return deliver(
        people, network=network, subject=subject, body=body, path=path, personal=personal
    )
