"""External media on a moment: which host a link would make the reader's browser contact.

`external_media(url)` reads a link to a video, a sound, a file or a map on another website and
says how the public timeline may show it: framed after the reader's click (click-to-load,
`embed_url` on one known host), or as a link card (any other `https` page, never framed).
Anything else (not `https`, an address with a login or an unusual port, not an address at
all) gives None: the page shows a plain link, as before.

A pure function: no request leaves the server to find out.
"""

import math
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlencode, urlsplit

VIDEO = "video"
AUDIO = "audio"
FILE = "file"
MAP = "map"
LINK = "link"

YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "music.youtube.com",
    "youtu.be",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
SOUNDCLOUD_HOSTS = {"soundcloud.com", "www.soundcloud.com", "m.soundcloud.com"}
OSM_HOSTS = {"openstreetmap.org", "www.openstreetmap.org"}
COMMONS = "commons.wikimedia.org"

YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
VIMEO_ID = re.compile(r"[0-9]{1,12}")
SOUNDCLOUD_PART = re.compile(r"[A-Za-z0-9_-]{1,100}")
# A wiki's file page: /wiki/File:Name.ext (in any language: Datei:, Fichier:… all redirect).
WIKI_FILE = re.compile(r"/wiki/(?:File|Image|Datei|Fichier|Archivo|Ficheiro|Bestand):(?P<name>.+)")
WIKI_HOST = re.compile(r"(?:[a-z-]{2,12}\.(?:m\.)?wikipedia\.org|commons\.(?:m\.)?wikimedia\.org)")
OSM_MAP = re.compile(
    r"map=(?P<zoom>\d{1,2})/(?P<lat>-?\d{1,2}(?:\.\d+)?)/(?P<lon>-?\d{1,3}(?:\.\d+)?)"
)


@dataclass(frozen=True)
class ExternalMedia:
    kind: str  # VIDEO, AUDIO, FILE, MAP or LINK
    url: str  # the address as written on the moment
    host: str  # the one host the reader's browser contacts: the frame's, or the link's
    embed_url: str = ""  # what the frame loads after the click; empty for a link card

    @property
    def page_host(self):
        """The host of the address as written (www.youtube.com where the frame is -nocookie)."""
        return urlsplit(self.url).hostname or ""

    @property
    def origin(self):
        """The frame's origin, for the CSP's frame-src of the page that frames it."""
        return f"https://{self.host}" if self.embed_url else ""


def external_media(url):
    """What `url` is, as an ExternalMedia, or None for anything but a plain `https` address."""
    if not isinstance(url, str) or any(c.isspace() or ord(c) < 32 for c in url.strip()):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").rstrip(".")
    if (
        parts.scheme != "https"
        or not host
        or parts.username is not None
        or "@" in parts.netloc
        or port not in (None, 443)
        or not re.fullmatch(r"[a-z0-9.-]+", host)
    ):
        return None
    for recognise in (_youtube, _vimeo, _soundcloud, _wikimedia, _openstreetmap):
        media = recognise(url, parts, host)
        if media:
            return media
    return ExternalMedia(LINK, url, host)


def _segments(parts):
    return [segment for segment in parts.path.split("/") if segment]


def _youtube(url, parts, host):
    if host not in YOUTUBE_HOSTS:
        return None
    segments = _segments(parts)
    if host == "youtu.be":
        video = segments[0] if segments else ""
    elif segments[:1] == ["watch"]:
        video = parse_qs(parts.query).get("v", [""])[0]
    elif len(segments) >= 2 and segments[0] in ("embed", "shorts", "live", "v"):
        video = segments[1]
    else:
        return None
    if not YOUTUBE_ID.fullmatch(video):
        return None
    host = "www.youtube-nocookie.com"  # YouTube's privacy-enhanced mode
    return ExternalMedia(VIDEO, url, host, f"https://{host}/embed/{video}")


def _vimeo(url, parts, host):
    if host not in VIMEO_HOSTS:
        return None
    segments = _segments(parts)
    if segments[:1] == ["video"]:
        segments = segments[1:]
    video = next((segment for segment in segments if VIMEO_ID.fullmatch(segment)), "")
    if not video:
        return None
    host = "player.vimeo.com"
    return ExternalMedia(VIDEO, url, host, f"https://{host}/video/{video}")


def _soundcloud(url, parts, host):
    if host not in SOUNDCLOUD_HOSTS:
        return None
    segments = _segments(parts)
    if not 2 <= len(segments) <= 3 or not all(SOUNDCLOUD_PART.fullmatch(s) for s in segments):
        return None
    track = "https://soundcloud.com/" + "/".join(segments)
    host = "w.soundcloud.com"
    return ExternalMedia(AUDIO, url, host, f"https://{host}/player/?url={quote(track, safe='')}")


def _wikimedia(url, parts, host):
    """A file on Wikimedia Commons or on a Wikipedia, shown by Commons' own embed player."""
    if not WIKI_HOST.fullmatch(host):
        return None
    found = WIKI_FILE.fullmatch(parts.path)
    if not found:
        return None  # an article: a link card
    name = found.group("name")
    if "/" in name or not name.strip():
        return None
    return ExternalMedia(
        FILE, url, COMMONS, f"https://{COMMONS}/wiki/File:{quote(name, safe='%')}?embedplayer=yes"
    )


def _openstreetmap(url, parts, host):
    """A map link (…#map=zoom/lat/lon, with ?mlat=&mlon= for a marker) as OSM's embed."""
    if host not in OSM_HOSTS:
        return None
    found = OSM_MAP.search(parts.fragment) or OSM_MAP.search(parts.query)
    if not found:
        return None
    zoom, lat, lon = int(found["zoom"]), float(found["lat"]), float(found["lon"])
    if not (0 <= zoom <= 20 and -85 <= lat <= 85 and -180 <= lon <= 180):
        return None
    # About the view a 600 × 400 frame shows at that zoom (256-pixel tiles).
    half_width = 360 / 2**zoom * 600 / 256 / 2
    half_height = half_width * math.cos(math.radians(lat)) * 400 / 600
    bbox = ",".join(
        f"{value:.5f}"
        for value in (
            max(lon - half_width, -180),
            max(lat - half_height, -85),
            min(lon + half_width, 180),
            min(lat + half_height, 85),
        )
    )
    query = {"bbox": bbox, "layer": "mapnik"}
    marker = parse_qs(parts.query)
    try:
        mlat, mlon = float(marker["mlat"][0]), float(marker["mlon"][0])
    except (KeyError, ValueError):
        pass
    else:
        if -90 <= mlat <= 90 and -180 <= mlon <= 180:
            query["marker"] = f"{mlat:.5f},{mlon:.5f}"
    host = "www.openstreetmap.org"
    return ExternalMedia(
        MAP, url, host, f"https://{host}/export/embed.html?{urlencode(query, safe=',')}"
    )
