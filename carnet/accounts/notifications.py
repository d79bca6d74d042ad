"""Who receives an e-mail about an object, and the sending.

One rule for every notification: the people of the object's network for whom
`user.has_perm(perm, obj)` holds, the very rule of the object's page, minus the person
acting. Never a query of its own over roles (two chained filters over `roles` once matched a
role in one network and a coordinator role in another).
"""

import re

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


def notify(people, *, network, subject, body, path=None, personal=None, mention=False):
    """Tell each person, in the app and by e-mail (at once or in their digest, as they chose
    for this network), in their own language: `subject` and `body` are functions of no argument
    that return the text, called once per language with that language active, so `_()` inside
    them translates for the recipient. `path`, a page of the site, ends the e-mail as an absolute
    link. `personal(person)`: a paragraph for that person's own e-mail (sent at once) only.
    Returns the number of people told."""
    from carnet.notices.domain import deliver

    return deliver(
        people,
        network=network,
        subject=subject,
        body=body,
        path=path,
        personal=personal,
        mention=mention,
    )


def concerned(person, actors, *, network, owner_id):
    """Whether a person is among the Actors told of a move, by their role in the network."""
    from carnet.lib.workflow import Actor

    from .enums import RoleKind

    kind = person.role_in(network)
    return (
        (Actor.ORGANISERS in actors and kind in (RoleKind.COORDINATOR, RoleKind.FACILITATOR))
        or (Actor.COORDINATOR in actors and kind == RoleKind.COORDINATOR)
        or (Actor.PARTNERS in actors and kind in (RoleKind.PARTNER_EDITOR, RoleKind.VIEWER))
        or (
            Actor.OWNER in actors
            and owner_id is not None
            and kind == RoleKind.PARTNER_EDITOR
            and person.organisation_id_in(network) == owner_id
        )
    )


def told_of_move(workflow, obj, *, source, target, by):
    """The people told of a move: those its declaration names (Move.tell), among the people
    who may see the object (the workflow's view rule), never the person who made it."""
    actors = workflow.told(source, target)
    network = network_of(obj)
    if not actors or network is None:
        return []
    owner_id = workflow.owner_id(obj)
    return [
        person
        for person in recipients(obj, workflow.view, exclude=by)
        if concerned(person, actors, network=network, owner_id=owner_id)
    ]


def tell_of_move(sender, *, obj, workflow, source, target, by, note="", **kwargs):
    """The one receiver of `state_changed`: tell the people a move concerns, as the move
    declares (in their language, with a link to the object's page)."""
    from django.utils.translation import gettext as _

    people = told_of_move(workflow, obj, source=source, target=target, by=by)
    if not people:
        return 0
    item = workflow.find(source, target)
    network = network_of(obj)

    def title():
        return str(workflow.title(obj) if workflow.title else obj)

    def subject():
        return _("%(title)s: %(state)s") % {
            "title": title(),
            "state": workflow.state_label(target),
        }

    def body():
        text = _("%(who)s — %(move)s: “%(title)s” is now “%(state)s”.") % {
            "who": by if by is not None else network.name,
            "move": item.label,
            "title": title(),
            "state": workflow.state_label(target),
        }
        return f"{text}\n\n{note}" if note else text

    path = workflow.page(obj) if workflow.page else obj.get_absolute_url()
    return notify(people, network=network, subject=subject, body=body, path=path)


# "@ana" in a comment: a username, after a space, a bracket or the start of the text (never
# inside an e-mail address), ending before punctuation that closes a sentence.
MENTION = re.compile(r"(?<![\w@.])@([\w][\w.+-]*[\w]|[\w])")


def mentioned(text, obj, perm, *, exclude=None):
    """The people named as @username in a text who may see obj (perm, the rule of its page),
    in the obj's network, never the author (`exclude`). Nobody else: a name nobody has, or
    the name of someone who may not see the object, tells nobody."""
    names = {name.lower() for name in MENTION.findall(text or "")}
    if not names:
        return []
    return [
        person
        for person in recipients(obj, perm, exclude=exclude)
        if person.username.lower() in names
    ]


def notify_mentions(people, *, network, who, where, text, path):
    """Tell each person mentioned, in their language: `where` a function returning the
    object's name, `text` the comment."""
    from django.utils.translation import gettext as _

    return notify(
        people,
        network=network,
        subject=lambda: _("%(who)s mentioned you: %(where)s") % {"who": who, "where": where()},
        body=lambda: _("%(who)s wrote: %(text)s") % {"who": who, "text": text[:500]},
        path=path,
        mention=True,
    )
