"""One HTML file with the published timeline: data, styles, script and images inlined.

It opens from disk (file://) with no network: nothing in it points to another file.
"""

import base64
import mimetypes
from pathlib import Path

from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format

from carnet.accounts.domain import record
from carnet.accounts.enums import Verb
from carnet.lib.uploads import variant_name

from . import domain
from .models import Era

STATIC = Path(__file__).resolve().parent / "static" / "timeline"
DESIGN_STATIC = Path(__file__).resolve().parent.parent / "static" / "carnet"


def data_uri(name):
    """The image as a data: URI, its 960-pixel copy when there is one."""
    for candidate in (variant_name(name, 960), name):
        if default_storage.exists(candidate):
            with default_storage.open(candidate, "rb") as handle:
                content = handle.read()
            kind = mimetypes.guess_type(candidate)[0] or "image/jpeg"
            return f"data:{kind};base64,{base64.b64encode(content).decode('ascii')}"
    return ""


# A sound, video or PDF larger than this is not put inside the file: a line says so.
INLINE_LIMIT = 3 * 1024 * 1024


def file_uri(name):
    """The file as a data: URI, or "" when it is missing or larger than INLINE_LIMIT."""
    if not name or not default_storage.exists(name) or default_storage.size(name) > INLINE_LIMIT:
        return ""
    with default_storage.open(name, "rb") as handle:
        content = handle.read()
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(content).decode('ascii')}"


def inline_media(event):
    """The moment's uploaded media inside the file (posters and previews at 960 pixels)."""
    for item in event.media:
        if item.file_name:
            item.file_url = file_uri(item.file_name)
            item.too_big = not item.file_url
        if item.poster_name:
            item.poster_url = data_uri(item.poster_name)
        if item.preview_name:
            item.preview_url = data_uri(item.preview_name)
        for track in item.tracks:
            track["url"] = file_uri(track["name"])
        item.tracks = [track for track in item.tracks if track["url"]]
        item.page_url = ""  # not in the file: the video's own page is on the website


def build(network, *, language="en", by=None, inline=True):
    """inline=False (the static site): uploaded media keep their /media/ addresses, which the
    site copies beside the page (carnet.archive.site)."""
    events = domain.public_events(network, language)
    for event in events:
        if event.image_url:
            event.image_url = data_uri(event.milestone.image.name)
        if inline:
            inline_media(event)
    context = {
        "network": network,
        "events": events,
        "total": len(events),
        "organisations": sorted(
            {o.pk: o for e in events for o in e.organisations}.values(), key=str
        ),
        "tags": sorted({t for e in events for t in e.tags}, key=str.lower),
        "eras": list(Era.objects.filter(network=network)),
        "chosen": {"organisation": "", "tag": "", "era": "", "q": ""},
        "content_language": domain.language_info(language),
        "content_languages": [],
        # The design system's base (.visually-hidden…) and the timeline's own rules, in one file.
        "css": "\n".join(
            (folder / name).read_text(encoding="utf-8")
            for folder, name in ((DESIGN_STATIC, "carnet.css"), (STATIC, "timeline.css"))
        ),
        "js": (STATIC / "timeline.js").read_text(encoding="utf-8").replace("</", "<\\/"),
        "exported_on": date_format(timezone.now().date(), "DATE_FORMAT"),
    }
    html = render_to_string("timeline/standalone.html", context)
    record(Verb.EXPORT, network, by=by, network=network, data={"format": "html", "lang": language})
    return html
