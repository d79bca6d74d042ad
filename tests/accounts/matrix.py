from ..matrix import Route

ROUTES = [
    Route("login", get={"*": 200}, post={"*": 200}, note="POST without data: the form again"),
    Route("logout", get={"*": 405}, post={"*": 302}),
    Route("set_language", get={"*": 302}, post={"*": 302}, note="Django's i18n view"),
]
ROUTES.append(
    Route(
        "media",
        kwargs=lambda obj: {"path": "nothing/here.jpg"},
        get={"*": 404},
        post={"*": 404},
        note="uploaded files: random, unguessable names; a missing file is 404",
    )
)
