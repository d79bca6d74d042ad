from ..matrix import Route

# Each person's own notices: anonymous visitors log in, everyone else sees only their own.
OWN = {"anonymous": 302, "*": 200}
OWN_ACT = {"anonymous": 302, "*": 302}


def no_such_notice(obj):
    return {"pk": 10**9}  # someone else's or nobody's: tests/notices pins the 404 on a real one


ROUTES = [
    Route("notices:list", get=OWN),
    Route("notices:open", kwargs=no_such_notice, get={"anonymous": 302, "*": 404}),
    Route("notices:read_all", post=OWN_ACT),
    Route(
        "notices:settings",
        get=OWN,
        post=OWN,
        note="POST without data: the form again, with errors; nothing saved",
    ),
]
