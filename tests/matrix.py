"""The permission matrix: what each persona gets from every URL.

Each app lists its routes in tests/<app>/matrix.py:

    ROUTES = [Route("timeline:edit", target="milestone", kwargs=..., get={...}, post={...})]
    def build(world): ...  # optional: add {"milestone": {"a": ..., "b": ..., "c": ...}}

A route's target names a triple of objects in the world: "a" belongs to Ana's
organisation A, "b" to Bora's organisation B (both in the published network
euromed), "c" to organisation C in another, unpublished network. `network`
is the triple (euromed, euromed, other).

A triple may also hold published objects, "pa" (of organisation A) and "pb" (of
B), both in euromed: what an object shows once published is where internal
pages leak to anonymous readers. They are asked like the others; their
expectations are the 4th and 5th statuses of a 5-tuple, or, when a route gives
3 statuses, those of "a" and "b".

Expectations map a persona ("anonymous", "claire", "farid", "ana", "bora",
"vera", "nina") or "*" (everyone else) to the statuses for targets (a, b, c); a single
number stands for all three. POST defaults to 405 for everyone: a view must say
which methods it accepts.

Nina holds roles in two networks: a viewer in euromed, and partner editor of organisation
A in the other network (A is a member of both). In euromed she must get what Vera gets
(A's drafts stay closed to her: her organisation there is none); on target c she is a
partner editor of another organisation than C. She catches every organisation or role that
leaks from one network into another.
"""

from dataclasses import dataclass, field

PERSONAS = ["anonymous", "claire", "farid", "ana", "bora", "vera", "nina"]
TARGETS = ["a", "b", "c"]
PUBLISHED_TARGETS = ["pa", "pb"]  # present in the triples that can be published


@dataclass
class Route:
    name: str
    kwargs: object = None  # callable(target object) -> URL kwargs; None: no kwargs
    target: str = "network"
    get: dict = field(default_factory=lambda: {"*": 405})
    post: dict = field(default_factory=lambda: {"*": 405})
    note: str = ""

    def expected(self, method, persona):
        table = self.get if method == "get" else self.post
        value = table.get(persona, table.get("*"))
        if value is None:
            raise AssertionError(f"{self.name}: no {method.upper()} expectation for {persona}")
        if not isinstance(value, tuple):
            return (value,) * 5
        return value if len(value) == 5 else (*value, value[0], value[1])


def network_kwargs(obj):
    return {"network": obj.network.slug}


# Shorthands for common policies, per target (a, b, c).
# Published content of a published network (nina is a member of the unpublished other one).
PUBLIC = {"nina": 200, "*": (200, 200, 404)}
INTERNAL = {"anonymous": (302, 302, 404), "nina": 200, "*": (200, 200, 404)}  # members read
LOGIN_ONLY_FOR = 302


# Coordinators only: anonymous visitors are sent to log in, other members get 403; the
# unpublished other network stays unknown (404) to everyone outside it.
# Nina, a member of both networks, is no coordinator in either: 403 on all three.
COORDINATORS = {
    "anonymous": (302, 302, 404),
    "claire": (200, 200, 404),
    "nina": 403,
    "*": (403, 403, 404),
}
COORDINATORS_ACT = {**COORDINATORS, "claire": (302, 302, 404)}  # their actions redirect
