"""Who may use the document library's pages: members read, coordinator and facilitator keep it."""

from ..capitalisation.matrix import ORGANISE, ORGANISE_POST, READ, REFUSED, obj_kwargs
from ..matrix import Route, network_kwargs
from .factories import DocumentFactory


def build(world):
    owners = {k: (world["network"][k], world["organisation"][k]) for k in "abc"}
    world["document"] = {
        k: DocumentFactory(network=n, organisation=o) for k, (n, o) in owners.items()
    }


ROUTES = [
    Route("library:documents", kwargs=network_kwargs, get=READ),
    Route("library:document_add", kwargs=network_kwargs, get=ORGANISE, post=ORGANISE_POST),
    Route("library:document", target="document", kwargs=obj_kwargs, get=READ),
    Route(
        "library:document_edit",
        target="document",
        kwargs=obj_kwargs,
        get=ORGANISE,
        post=ORGANISE_POST,
    ),
    Route(
        "library:document_extract",
        target="document",
        kwargs=obj_kwargs,
        get=REFUSED,
        post={**ORGANISE, "claire": (302, 302, 404), "farid": (302, 302, 404)},
    ),
]
