from ..matrix import Route


def unknown_token(obj):
    return {"token": "no-such-token"}


# Links work without logging in, for the one person and object they were made for; an unknown
# token is 404 for everyone (tests/answers pins used, expired and revoked links).
ROUTES = [
    Route("answers:answer", kwargs=unknown_token, get={"*": 404}, post={"*": 404}),
    Route("answers:file", kwargs=unknown_token, get={"*": 404}),
]
