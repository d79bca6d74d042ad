import itertools

from carnet.vocabulary.models import Term

from ..matrix import COORDINATORS, COORDINATORS_ACT, INTERNAL, Route, network_kwargs

_fresh = itertools.count()


def term_kwargs(term):
    return {"network": term.network.slug, "pk": term.pk}


def fresh_term_kwargs(term):
    """A new, unused term beside the target for each request: the coordinator's POST deletes it."""
    n = next(_fresh)
    fresh = Term.objects.create(
        network=term.network, kind=term.kind, key=f"fresh-{n}", label=f"Fresh {n}", position=99
    )
    return {"network": term.network.slug, "pk": fresh.pk}


def build(world):
    def theme(network, key):
        return Term.objects.get(network=network, kind="theme", key=key)

    world["term"] = {
        "a": theme(world["network"]["a"], "prevention"),
        "b": theme(world["network"]["b"], "advocacy"),
        "c": theme(world["network"]["c"], "prevention"),
    }


ROUTES = [
    Route(
        "vocabulary:index",
        kwargs=network_kwargs,
        get=INTERNAL,
        note="members read the network's vocabulary; coordinators see its actions too",
    ),
    Route(
        "vocabulary:add",
        kwargs=lambda network: {"network": network.slug, "kind": "theme"},
        post=COORDINATORS,
        note="POST without data: the vocabulary page again, with the error; nothing saved",
    ),
    Route(
        "vocabulary:edit",
        target="term",
        kwargs=term_kwargs,
        get=COORDINATORS,
        post=COORDINATORS,
        note="renaming; POST without data: the form again, with errors",
    ),
    Route(
        "vocabulary:move",
        target="term",
        kwargs=term_kwargs,
        post=COORDINATORS_ACT,
        note="POST without a direction moves nothing",
    ),
    Route("vocabulary:archive", target="term", kwargs=term_kwargs, post=COORDINATORS_ACT),
    Route(
        "vocabulary:delete",
        target="term",
        kwargs=fresh_term_kwargs,
        get=COORDINATORS,
        post=COORDINATORS_ACT,
        note="a term in use is refused (archive it instead): see tests/vocabulary",
    ),
]
