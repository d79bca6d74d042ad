from ..matrix import Route

ORGANISERS = {
    "anonymous": (302, 302, 404),
    "claire": (200, 200, 404),
    "farid": (200, 200, 404),
    "nina": 403,
    "*": (403, 403, 404),
}
ORGANISERS_ACT = {**ORGANISERS, "claire": (302, 302, 404), "farid": (302, 302, 404)}


def translate_kwargs(network):
    return {"network": network.slug, "kind": "eras", "language": "fr"}


ROUTES = [
    Route(
        "translations:translate",
        kwargs=translate_kwargs,
        get=ORGANISERS,
        post=ORGANISERS_ACT,
        note="an empty form changes nothing and goes back to the page",
    ),
]
