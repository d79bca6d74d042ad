from ..matrix import Route

ROUTES = [
    Route(
        "commons:index",
        kwargs=None,
        get={"*": 200},
        note="the instance's public library: only what published networks published",
    ),
    Route(
        "commons:feed",
        kwargs=None,
        get={"*": 200},
        note="the public library's Atom feed of new publications",
    ),
]
