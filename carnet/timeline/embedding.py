"""The embed builder: the settings of an embedded timeline, checked, and the code to paste.

The settings travel in the embed's address (`/<network>/timeline/embed/?lang=fr&theme=dark`)
so that the embed view honours them without storing anything; the height is the iframe's
own attribute, in the snippet only. A value the timeline does not know is dropped with a
note for the person building the snippet, never an error.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings as django_settings
from django.utils.html import escape
from django.utils.translation import gettext as _

HEIGHTS = (300, 1200)
DEFAULT_HEIGHT = 640
THEMES = ("light", "dark")
FILTERS = ("tag", "organisation", "era")


@dataclass
class EmbedSettings:
    height: int = DEFAULT_HEIGHT
    lang: str = ""  # "": each visitor's language (English when not translated)
    tag: str = ""
    organisation: str = ""
    era: str = ""
    start: str = ""  # a moment's slug; "": the first moment
    theme: str = "light"

    def query(self):
        """The embed's query string ("" when every setting is the default)."""
        pairs = [
            (name, getattr(self, name))
            for name in ("lang", *FILTERS, "start")
            if getattr(self, name)
        ]
        if self.theme != "light":
            pairs.append(("theme", self.theme))
        return "?" + urlencode(pairs) if pairs else ""


def theme(value):
    return value if value in THEMES else "light"


def interface_language(code):
    """The interface language matching a content language, or "" when Carnet lacks it."""
    code = (code or "").lower().replace("_", "-")
    return code if code in dict(django_settings.LANGUAGES) else ""


def offered(organisations, tags, eras):
    """The values each filter accepts, as they come in an address."""
    return {
        "organisation": {str(org.pk) for org in organisations},
        "tag": set(tags),
        "era": {str(era.pk) for era in eras},
    }


def read(params, *, languages, offered, moments):
    """The settings asked in `params`, checked: (EmbedSettings, notes for the builder).

    `languages`: the timeline's content languages; `offered`: the values of each filter
    (see `offered()`); `moments`: {slug: title} of the published moments.
    """
    notes = []
    chosen = EmbedSettings()
    raw = params.get("height", "").strip()
    if raw:
        low, high = HEIGHTS
        try:
            height = int(raw)
        except ValueError:
            height = DEFAULT_HEIGHT
        clamped = min(max(height, low), high)
        if clamped != height or str(height) != raw:
            notes.append(
                _("The height must be from %(low)s to %(high)s pixels: it is %(height)s.")
                % {"low": low, "high": high, "height": clamped}
            )
        chosen.height = clamped
    lang = params.get("lang", "")
    if lang in languages:
        chosen.lang = lang
    elif lang:
        notes.append(
            _("The language “%(value)s” is not one of this timeline's languages: it is left out.")
            % {"value": lang}
        )
    for name in FILTERS:
        value = params.get(name, "")
        if value in offered[name]:
            setattr(chosen, name, value)
        elif value and name == "tag":
            notes.append(
                _("The tag “%(value)s” is on no moment of this timeline: it is left out.")
                % {"value": value}
            )
        elif value:
            notes.append(
                _("The organisation asked is on no moment of this timeline: it is left out.")
                if name == "organisation"
                else _("The era asked is not one of this timeline's eras: it is left out.")
            )
    start = params.get("start", "")
    if start in moments:
        chosen.start = start
    elif start:
        notes.append(
            _("The moment “%(value)s” is not on this timeline: it starts at the first moment.")
            % {"value": start}
        )
    asked = params.get("theme", "")
    chosen.theme = theme(asked)
    if asked and asked != chosen.theme:
        notes.append(
            _("The theme “%(value)s” is unknown: the light theme is used.") % {"value": asked}
        )
    return chosen, notes


def snippet(src, *, title, height):
    """The HTML to paste on another website: one iframe, absolute address, fixed height.

    A plain string (not marked safe): the page shows it escaped, as text to copy.
    """
    return (
        f'<iframe src="{escape(src)}" title="{escape(title)}" class="carnet-timeline" '
        f'width="100%" height="{int(height)}" loading="lazy"></iframe>'
    )
