"""The media view: a file is served after the rules of the object it belongs to.

404 for whoever may not read it, anonymous visitors included (a login page would confirm
that the file exists); GET and HEAD only.
"""

from carnet.safeguarding.enums import ConsentScope
from carnet.timeline.enums import MilestoneState
from tests.timeline.factories import MilestoneFactory

from ..matrix import PUBLIC, Route
from .files import stored, stored_image


def path_kwargs(obj):
    return {"path": obj.media_name}


ROUTES = [
    Route(
        "media",
        target="media_private",
        kwargs=path_kwargs,
        get={"anonymous": 404, "nina": 200, "*": (200, 200, 404)},
        note="library documents: the network's members only",
    ),
    Route(
        "media",
        target="media_public",
        kwargs=path_kwargs,
        get=PUBLIC,
        note="images of published key moments, with consent, in a published network",
    ),
    Route(
        "media",
        target="network",
        kwargs=lambda obj: {"path": "nothing/here.jpg"},
        get={"*": 404},
        note="a file that belongs to no object (or does not exist) is 404",
    ),
]


def build(world):
    world["media_private"] = {}
    for key, document in world["document"].items():
        document.file = stored("documents", "minutes.pdf")
        document.save()
        document.media_name = document.file.name
        world["media_private"][key] = document
    world["media_public"] = {}
    for key in "abc":
        moment = MilestoneFactory(
            network=world["network"][key],
            organisation=world["organisation"][key],
            state=MilestoneState.PUBLISHED,
            image=stored_image("timeline"),
            consent_scope=ConsentScope.PUBLICATION,
            consent_by="the people shown",
        )
        moment.media_name = moment.image.name
        world["media_public"][key] = moment
