from carnet.timeline.enums import MilestoneState, SourceKind, SourceStatus
from carnet.timeline.models import TimelineSource

from ..matrix import PUBLIC, Route, network_kwargs
from .factories import MilestoneFactory

# Members read the proposals; anonymous visitors are sent to log in (other network: 404).
# Nina views euromed and edits for organisation A in the other network.
INTERNAL = {"anonymous": (302, 302, 404), "nina": 200, "*": (200, 200, 404)}
ORGANISERS = {
    "anonymous": (302, 302, 404),
    "claire": (200, 200, 404),
    "farid": (200, 200, 404),
    "nina": 403,
    "*": (403, 403, 404),
}
PROPOSERS = {
    "anonymous": (302, 302, 404),
    "vera": (403, 403, 404),
    "nina": (403, 403, 200),
    "*": (200, 200, 404),
}
REDIRECT_BACK = {**ORGANISERS, "claire": (302, 302, 404), "farid": (302, 302, 404)}
VOTERS = {
    "anonymous": (302, 302, 404),
    "ana": (302, 302, 404),
    "bora": (302, 302, 404),
    "nina": (403, 403, 302),  # she votes for A in the other network, not in euromed
    "*": (403, 403, 404),
}
# Ana edits her organisation's proposal (a), Bora his (b); organisers edit both. Once
# published (pa, pb), a moment is no longer a proposal: only the organisers edit it.
EDITORS = {
    "anonymous": (302, 302, 404),
    "claire": (200, 200, 404),
    "farid": (200, 200, 404),
    "ana": (200, 403, 404, 403, 403),
    "bora": (403, 200, 404, 403, 403),
    "vera": (403, 403, 404),
    "nina": 403,  # here she views; there she edits A's proposals, not C's
}


def moment_kwargs(obj):
    return {"network": obj.network.slug, "slug": obj.slug}


def translate_kwargs(obj):
    return {"network": obj.network.slug, "slug": obj.slug, "language": "fr"}


def build(world):
    network, other = world["network"]["a"], world["network"]["c"]
    a = MilestoneFactory(
        network=network, slug="first-meeting", organisation=world["organisation"]["a"]
    )
    b = MilestoneFactory(network=network, slug="geneva", organisation=world["organisation"]["b"])
    c = MilestoneFactory(network=other, slug="elsewhere")
    published = {
        key: MilestoneFactory(
            network=network,
            slug=f"published-{key}",
            organisation=world["organisation"][key[1]],
            state=MilestoneState.PUBLISHED,
        )
        for key in ("pa", "pb")
    }
    world["milestone"] = {"a": a, "b": b, "c": c, **published}
    world["source"] = {
        key: TimelineSource.objects.create(
            network=target, kind=SourceKind.FILE, name=f"{key}.xlsx", status=SourceStatus.READY
        )
        for key, target in (("a", network), ("b", network), ("c", other))
    }


def source_kwargs(obj):
    return {"network": obj.network.slug, "pk": obj.pk}


ROUTES = [
    Route("timeline:public", kwargs=network_kwargs, get=PUBLIC),
    Route("timeline:embed", kwargs=network_kwargs, get=PUBLIC),
    Route("timeline:embed_builder", kwargs=network_kwargs, get=PUBLIC),
    Route("timeline:download", kwargs=network_kwargs, get=PUBLIC),
    Route("timeline_json", kwargs=network_kwargs, get=PUBLIC),
    Route("timeline_csv", kwargs=network_kwargs, get=PUBLIC),
    Route("timeline:moments", kwargs=network_kwargs, get=INTERNAL),
    Route("timeline:propose", kwargs=network_kwargs, get=PROPOSERS, post=PROPOSERS),
    Route("timeline:tally", kwargs=network_kwargs, get=ORGANISERS),
    Route(
        "timeline:open_round",
        kwargs=network_kwargs,
        get=ORGANISERS,
        post=ORGANISERS,
        note="an empty form is shown again with its errors",
    ),
    Route(
        "timeline:close_round",
        kwargs=network_kwargs,
        get=REDIRECT_BACK,
        post=REDIRECT_BACK,
        note="no round open: back to the tally, with a message",
    ),
    Route("timeline:eras", kwargs=network_kwargs, get=ORGANISERS, post=ORGANISERS),
    Route("timeline:import", kwargs=network_kwargs, get=ORGANISERS, post=ORGANISERS),
    Route(
        "timeline:sources",
        kwargs=network_kwargs,
        get=ORGANISERS,
        post=ORGANISERS,
        note="an empty form is shown again with its errors",
    ),
    Route("timeline:source", target="source", kwargs=source_kwargs, get=ORGANISERS),
    Route(
        "timeline:source_fetch",
        target="source",
        kwargs=source_kwargs,
        post=REDIRECT_BACK,
        note="an uploaded file is not fetched: back to the sources, with a message",
    ),
    Route(
        "timeline:source_apply",
        target="source",
        kwargs=source_kwargs,
        post=REDIRECT_BACK,
        note="without the previewed digest nothing is applied: back to the source",
    ),
    Route("translation_status", kwargs=network_kwargs, get=ORGANISERS),
    Route(
        "timeline:moment",
        target="milestone",
        kwargs=moment_kwargs,
        get=INTERNAL,
        note="a published moment's internal page sends anonymous readers to the public one",
    ),
    Route("timeline:edit", target="milestone", kwargs=moment_kwargs, get=EDITORS, post=EDITORS),
    Route(
        "timeline:media",
        target="milestone",
        kwargs=moment_kwargs,
        get=EDITORS,
        post=EDITORS,
        note="an empty form is shown again with its errors",
    ),
    Route(
        "timeline:translate",
        target="milestone",
        kwargs=translate_kwargs,
        get=EDITORS,
        post=EDITORS,
    ),
    Route("timeline:vote", target="milestone", kwargs=moment_kwargs, post=VOTERS),
    Route("timeline:state", target="milestone", kwargs=moment_kwargs, post=REDIRECT_BACK),
    Route(
        "timeline:merge",
        target="milestone",
        kwargs=moment_kwargs,
        get=REDIRECT_BACK,
        post=REDIRECT_BACK,
        note="without a moment to merge into: back to the moment, with a message",
    ),
]
