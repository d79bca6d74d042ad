"""Downloads: a network's archive and static site for its coordinators, backups for staff.

The file itself is served by the media view: 404 to anyone but the requester and the
network's coordinators (staff for a backup); never public.
"""

from ..matrix import COORDINATORS, COORDINATORS_ACT, Route, network_kwargs
from .factories import finished_download

STAFF_ONLY = {"anonymous": 302, "*": 403}  # no persona is staff: see test_downloads.py
# Claire asked for the downloads of euromed (a, b); Oscar the one of the other network (c).
REQUESTER_OR_COORDINATOR = {"anonymous": (302, 302, 302), "claire": (200, 200, 404), "*": 404}

ROUTES = [
    Route("network_downloads:list", kwargs=network_kwargs, get=COORDINATORS),
    Route(
        "network_downloads:request",
        kwargs=lambda network: {"network": network.slug, "kind": "archive"},
        get={"*": 405},
        post=COORDINATORS_ACT,
        note="queues the task and lands on its progress page",
    ),
    Route("downloads:backups", get=STAFF_ONLY),
    Route("downloads:backup_request", get={"*": 405}, post=STAFF_ONLY),
    Route(
        "downloads:detail",
        target="download",
        kwargs=lambda download: {"pk": download.pk},
        get=REQUESTER_OR_COORDINATOR,
    ),
    Route(
        "media",
        target="media_download",
        kwargs=lambda download: {"path": download.file.name},
        get={"claire": (200, 200, 404), "*": 404},
        note="a download's file: the requester and the network's coordinators, never public",
    ),
]


def build(world):
    world["download"] = {
        key: finished_download(
            network=world["network"][key], by=world["oscar" if key == "c" else "claire"]
        )
        for key in "abc"
    }
    world["media_download"] = world["download"]
