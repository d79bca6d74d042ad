"""What can be answered with a one-click link: each app registers its kind of thing.

register(Decision, Answerable(...)) in the app's ready(). A link only ever lets its person give
one of `choices` on its one object, through `answer()` (the app's own domain function, which
logs the move as that person); `allowed()` is checked again when the link is used, so a person
who lost their role cannot answer with a link sent before. `fingerprint(obj)`, when given, is
kept with the link when it is made: once the thing has changed, the link is refused (the person
would answer on what they did not see).

describe(obj) returns {"title", "network", "text", "file"} and optionally "sections" (a list of
(heading, html) already made safe: a sheet's text), "image" (the file is an image: its alternative
text), "link" (an address elsewhere, e.g. a video hosted elsewhere), "file_label" (the words
of the file's link) and "login_text" (the words of the link to log in instead).
"""

from collections.abc import Callable
from dataclasses import dataclass

REGISTRY = {}


@dataclass(frozen=True)
class Answerable:
    choices: Callable  # () -> [(value, label)], in the active language
    allowed: Callable  # (obj, person) -> bool
    answer: Callable  # (obj, person, value, note) -> None; raises ValueError with a message
    describe: Callable  # (obj) -> {"title", "network", "text", "file"}; file: a FieldFile or None
    fingerprint: Callable | None = None  # (obj) -> str: changes when the thing does


def register(model, answerable):
    REGISTRY[model] = answerable


def answerable_for(obj):
    return REGISTRY[type(obj)]
