"""TimelineJS (Knight Lab) in both directions: its JSON and its spreadsheet's CSV.

Mapping (Carnet field <-> TimelineJS):
    slug <-> unique_id          title <-> text.headline       text (Markdown) <-> text.text (HTML)
    start/end with precision <-> start_date/end_date {year, month, day}
    display_date <-> display_date   image or media link <-> media.url
    caption, credit, alt text <-> media.caption, media.credit, media.alt
    start/end time <-> the dates' hour, minute, second (CSV: Time, End Time)
    quotation <-> media.url given as a <blockquote>
    media thumbnail <-> media.thumbnail (CSV: Media Thumbnail)
    background <-> background {color or url} (CSV: Background)
    tags <-> group (comma-separated; the CSV's legacy Tag column too)
    eras <-> eras (CSV: rows of Type "era")
    the network's name and description -> title (imported only into an empty description)

TimelineJS 2's JSON ({"timeline": {"date": [...]}}) is read too.

Imports are all-or-nothing: every bad row is reported (row number, column, reason) and
nothing is saved unless every row is good. Blank rows are skipped. A row is refused only for
what would make a moment wrong (a date that cannot be); what Carnet cannot keep (a media it
cannot reach, an embed it does not know, a title slide it will not write over) does not stop
the import: it is listed in the import's notes, and kept in the moment's notes.
"""

import csv
import datetime
import io
import json
import re
from dataclasses import dataclass, field
from html import escape, unescape
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import nh3
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from carnet.accounts.domain import record
from carnet.accounts.enums import Verb
from carnet.lib import markdown
from carnet.lib.datefields import date_problem
from carnet.lib.dates import BadDate, PartialDate, check_order, parse
from carnet.lib.spreadsheets import csv_text, read_cell
from carnet.vocabulary import domain as vocabulary
from carnet.vocabulary.enums import TermKind

from .domain import unique_slug
from .enums import MilestoneState
from .models import Era, Milestone

CSV_COLUMNS = [
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Alt Text",
    "Type",
    "Group",
    "Background",
]


@dataclass
class Problem:
    row: int  # CSV: the spreadsheet's row number (header = 1); JSON: event number from 1
    column: str
    reason: str

    def __str__(self):
        if not self.row:  # about the whole file
            return self.reason
        if not self.column:
            return _("Row %(row)s: %(reason)s") % {"row": self.row, "reason": self.reason}
        return _("Row %(row)s, %(column)s: %(reason)s") % {
            "row": self.row,
            "column": self.column,
            "reason": self.reason,
        }


class ImportFailed(Exception):
    def __init__(self, problems):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Item:
    """One event or era read from a file, before anything is saved."""

    kind: str  # "event" or "era"
    headline: str
    start: PartialDate
    end: PartialDate | None = None
    text: str = ""  # Markdown
    display_date: str = ""
    media: str = ""
    credit: str = ""
    caption: str = ""
    alt: str = ""
    tags: list = field(default_factory=list)
    unique_id: str = ""
    row: int = 0  # where it was read, for problems found across rows
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    quotation: str = ""
    thumbnail: str = ""
    background: str = ""
    notes: list = field(default_factory=list)  # Problems: what was not kept, and why


# ---------------------------------------------------------------- HTML <-> Markdown


class _ToMarkdown(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.lists, self.href = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("strong", "b"):
            self.out.append("**")
        elif tag in ("em", "i"):
            self.out.append("*")
        elif tag == "a":
            self.href.append(attrs.get("href") or "")
            self.out.append("[")
        elif tag == "br":
            self.out.append("  \n")
        elif tag in ("ul", "ol"):
            self.lists.append([tag, 0])
            self.out.append("\n\n")
        elif tag == "li" and self.lists:
            self.lists[-1][1] += 1
            marker = f"{self.lists[-1][1]}." if self.lists[-1][0] == "ol" else "-"
            self.out.append(f"\n{marker} ")

    def handle_endtag(self, tag):
        if tag in ("strong", "b"):
            self.out.append("**")
        elif tag in ("em", "i"):
            self.out.append("*")
        elif tag == "a":
            self.out.append(f"]({self.href.pop() if self.href else ''})")
        elif tag in ("p", "div", "h2", "h3", "h4", "blockquote"):
            self.out.append("\n\n")
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self.out.append("\n\n")

    def handle_data(self, data):
        self.out.append(data.replace("\n", " "))


def html_to_markdown(html):
    """TimelineJS text (HTML) -> Markdown; script and other tags are dropped, not refused."""
    if not html or not html.strip():
        return ""
    safe = nh3.clean(
        html,
        tags={"p", "br", "strong", "b", "em", "i", "a", "ul", "ol", "li", "div", "h2", "h3"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )
    parser = _ToMarkdown()
    parser.feed(safe)
    text = "".join(parser.out)
    lines = [
        line.strip() if not line.endswith("  ") else line.lstrip() for line in text.split("\n")
    ]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()


def markdown_to_html(text):
    return str(markdown.render(text)).strip()


# ---------------------------------------------------------------- export


def _date_dict(partial, display="", time=None):
    out = {key: str(value) for key, value in partial.parts().items()}
    if time is not None:
        out.update(hour=str(time.hour), minute=str(time.minute))
        if time.second:
            out["second"] = str(time.second)
    if display:
        out["display_date"] = display
    return out


def _time_text(time):
    if time is None:
        return ""
    return time.strftime("%H:%M:%S" if time.second else "%H:%M")


def _media_value(milestone, base_url):
    """The media as TimelineJS takes it: the image or link, else the quotation."""
    url = media_url_of(milestone, base_url)
    if url:
        return url
    if milestone.quotation:
        return f"<blockquote>{markdown_to_html(milestone.quotation)}</blockquote>"
    return ""


def _background(milestone):
    if not milestone.background:
        return None
    key = "color" if milestone.background.startswith("#") else "url"
    return {key: milestone.background}


def media_url_of(milestone, base_url):
    if milestone.image_is_public:
        return base_url.rstrip("/") + milestone.image.url
    return milestone.media_url


def _plain(value):
    """Plain text for a TimelineJS field that it inserts as HTML (innerHTML): escaped."""
    return escape(value or "", quote=False)


def export_json(network, *, base_url="", milestones=None):
    """The TimelineJS JSON. TimelineJS puts headlines, dates, groups, captions and credits
    into the page as HTML: plain text goes out escaped, the text (Markdown) as sanitised
    HTML; the alt text is set as an attribute by TimelineJS and goes out as is."""
    if milestones is None:
        milestones = published_for_export(network)
    tags = vocabulary.labels(network, TermKind.MOMENT_TAG)
    events = []
    for m in milestones:
        slide = {
            "unique_id": m.slug,
            "start_date": _date_dict(m.start, time=m.start_time),
            "text": {"headline": _plain(m.title), "text": markdown_to_html(m.text)},
        }
        if m.end:
            slide["end_date"] = _date_dict(m.end, time=m.end_time)
        if m.display_date:
            slide["display_date"] = _plain(m.display_date)
        media = _media_value(m, base_url)
        if media:
            slide["media"] = {
                "url": media,
                "caption": _plain(m.caption),
                "credit": _plain(m.credit),
                "alt": m.alt_text,
            }
            if m.media_thumbnail:
                slide["media"]["thumbnail"] = m.media_thumbnail
        if m.background:
            slide["background"] = _background(m)
        if m.tag_list:
            slide["group"] = _plain(", ".join(vocabulary.tag_labels(network, m.tags, tags)))
        events.append(slide)
    eras = [
        {
            "start_date": _date_dict(PartialDate.from_date(era.start)),
            "end_date": _date_dict(PartialDate.from_date(era.end)),
            "text": {"headline": _plain(era.name)},
        }
        for era in Era.objects.filter(network=network)
    ]
    return {
        "title": {"text": {"headline": _plain(network.name), "text": _plain(network.description)}},
        "events": events,
        "eras": eras,
        "scale": "human",
    }


def export_csv(network, *, base_url="", milestones=None):
    """The TimelineJS spreadsheet: the JSON's fields in its columns, every cell safe."""
    if milestones is None:
        milestones = published_for_export(network)
    tags = vocabulary.labels(network, TermKind.MOMENT_TAG)
    rows = [
        {"Type": "title", "Headline": _plain(network.name), "Text": _plain(network.description)}
    ]
    for era in Era.objects.filter(network=network):
        rows.append(
            {
                "Type": "era",
                "Headline": _plain(era.name),
                "Year": era.start.year,
                "Month": era.start.month,
                "Day": era.start.day,
                "End Year": era.end.year,
                "End Month": era.end.month,
                "End Day": era.end.day,
            }
        )
    for m in milestones:
        row = {
            "Headline": _plain(m.title),
            "Text": markdown_to_html(m.text),
            "Display Date": _plain(m.display_date),
            "Time": _time_text(m.start_time),
            "End Time": _time_text(m.end_time) if m.end else "",
            "Background": m.background,
        }
        for prefix, partial in (("", m.start), ("End ", m.end)):
            if partial is not None:
                parts = partial.parts()
                row[f"{prefix}Year"] = parts["year"]
                row[f"{prefix}Month"] = parts.get("month", "")
                row[f"{prefix}Day"] = parts.get("day", "")
        media = _media_value(m, base_url)
        if media:
            row.update(
                {
                    "Media": media,
                    "Media Credit": _plain(m.credit),
                    "Media Caption": _plain(m.caption),
                    "Media Thumbnail": m.media_thumbnail,
                    "Alt Text": m.alt_text,
                }
            )
        row["Group"] = _plain(", ".join(vocabulary.tag_labels(network, m.tags, tags)))
        rows.append(row)
    return csv_text([CSV_COLUMNS, *([row.get(c, "") for c in CSV_COLUMNS] for row in rows)])


def published_for_export(network):
    return Milestone.objects.filter(network=network).published().chronological()


# ---------------------------------------------------------------- import: reading

MAX_DEPTH = 20  # a TimelineJS document nests four levels deep


def _text(value):
    if value is None or isinstance(value, dict | list):
        return ""
    if isinstance(value, int | float):
        return str(value)
    return str(value).strip()


def _clean_line(value):
    """One line of plain text from a field TimelineJS reads as HTML: tags dropped."""
    return unescape(nh3.clean(_text(value), tags=set())).strip()


def _split_tags(value):
    return [tag for tag in (_clean_line(part) for part in _text(value).split(",")) if tag]


def _bad_characters(data):
    """A problem when the parsed JSON nests too deeply or holds text no database stores
    (lone surrogates, NUL); None when it is fine. Walks without recursion."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return _("the JSON is nested too deeply")
        if isinstance(value, dict):
            stack += [(key, depth) for key in value]
            stack += [(item, depth + 1) for item in value.values()]
        elif isinstance(value, list):
            stack += [(item, depth + 1) for item in value]
        elif isinstance(value, str) and _unstorable(value):
            return _("the file holds characters that are not text (NUL or lone surrogates)")
    return None


UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _unstorable(text):
    return UNSTORABLE.search(text) is not None


def from_timelinejs2(data):
    """TimelineJS 2's document ({"timeline": {"headline", "text", "date": [...], "era": [...]}})
    written as TimelineJS 3's, which read_json reads."""
    old = data["timeline"]

    def date(value):  # "2011,12,10" or "2011,12,10,13,45"
        parts = [p.strip() for p in _text(value).split(",")]
        if not parts[0]:
            return None
        keys = ("year", "month", "day", "hour", "minute", "second")
        return {key: part for key, part in zip(keys, parts, strict=False) if part}

    def slide(entry):
        if not isinstance(entry, dict):
            return entry
        asset = entry.get("asset") if isinstance(entry.get("asset"), dict) else {}
        new = {
            "start_date": date(entry.get("startDate")),
            "end_date": date(entry.get("endDate")),
            "text": {"headline": entry.get("headline"), "text": entry.get("text")},
            "media": {
                "url": asset.get("media"),
                "credit": asset.get("credit"),
                "caption": asset.get("caption"),
                "thumbnail": asset.get("thumbnail"),
            },
            "group": entry.get("tag"),
        }
        return {key: value for key, value in new.items() if value}

    dates, eras = old.get("date"), old.get("era") or []
    return {
        "title": {"text": {"headline": old.get("headline"), "text": old.get("text")}},
        "events": [slide(entry) for entry in dates] if isinstance(dates, list) else dates,
        "eras": [slide(entry) for entry in eras] if isinstance(eras, list) else eras,
    }


def slides_document(slides):
    """{"timeline": {"slides": [...]}}: the slide without a date is the title slide."""
    dated = [slide for slide in slides if not isinstance(slide, dict) or slide.get("start_date")]
    titles = [slide for slide in slides if isinstance(slide, dict) and not slide.get("start_date")]
    return {"title": titles[0] if titles else {}, "events": dated}


# A JSONP file (TimelineJS 2 could load one): `name = {...};` or `name({...});`
JSONP = re.compile(r"\s*[A-Za-z_$][\w$.]*\s*(?:=\s*(\{.*\})\s*;?|\(\s*(\{.*\})\s*\)\s*;?)\s*", re.S)


def read_json(data):
    """Items and problems from a TimelineJS JSON document (already parsed)."""
    items, problems = [], []
    if "events" not in data and isinstance(data.get("timeline"), dict):
        if isinstance(data["timeline"].get("slides"), list):  # TimelineJS 3's own embed data
            data = slides_document(data["timeline"]["slides"])
        else:
            data = from_timelinejs2(data)
    title = data.get("title") if isinstance(data.get("title"), dict) else {}
    title_text = title.get("text") if isinstance(title.get("text"), dict) else {}
    if title_text:
        items.append(
            Item(
                kind="title",
                headline=_clean_line(title_text.get("headline")),
                start=None,
                text=html_to_markdown(_text(title_text.get("text"))),
            )
        )
    events, eras = data.get("events"), data.get("eras") or []
    if not isinstance(events, list):
        return [], [Problem(0, "events", _("there is no list of events"))]
    if not isinstance(eras, list):
        return [], [Problem(0, "eras", _("the eras are not a list"))]
    for kind, slides in (("event", events), ("era", eras)):
        for number, slide in enumerate(slides, start=1):
            if not isinstance(slide, dict):
                reason = (
                    _("this event is not an object")
                    if kind == "event"
                    else _("this era is not an object")
                )
                problems.append(Problem(number, kind, reason))
                continue
            item, errors = _slide(slide, number, kind)
            problems += errors
            if item:
                items.append(item)
    problems += _duplicates(items, "event unique_id", "era text.headline")
    return items, problems


def _duplicates(items, id_column, era_column):
    """Two events with one unique_id (or two eras with one name) would be saved as one."""
    problems, seen = [], {}
    for item in items:
        if item.kind == "era":
            key, column = ("era", item.headline[:120]), era_column
        elif item.unique_id:
            key, column = ("event", item.unique_id[:80]), id_column
        else:
            continue
        if key in seen:
            reason = _("“%(value)s” is already used at row %(row)s") % {
                "value": key[1],
                "row": seen[key],
            }
            problems.append(Problem(item.row, column, reason))
        else:
            seen[key] = item.row
    return problems


def _json_date(value, number, column, problems):
    if value in (None, "", {}):
        return None
    if isinstance(value, str):
        try:
            return parse(value)
        except BadDate as exc:
            problems.append(Problem(number, column, date_problem(exc)))
            return None
    if not isinstance(value, dict):
        problems.append(Problem(number, column, _("this is not a date")))
        return None
    try:
        return PartialDate.from_parts(value.get("year"), value.get("month"), value.get("day"))
    except BadDate as exc:
        problems.append(
            Problem(number, f"{column}.{exc.part}" if exc.part else column, date_problem(exc))
        )
        return None


def _slide(slide, number, kind):
    problems = []
    label = kind
    text = slide.get("text") if isinstance(slide.get("text"), dict) else {}
    headline = _clean_line(text.get("headline"))
    start = _json_date(slide.get("start_date"), number, f"{label} start_date", problems)
    if start is None and not any("start_date" in p.column for p in problems):
        problems.append(Problem(number, f"{label} start_date", _("the start date is missing")))
    end = _json_date(slide.get("end_date"), number, f"{label} end_date", problems)
    if start and end:
        try:
            check_order(start, end)
        except BadDate as exc:
            problems.append(Problem(number, f"{label} end_date", date_problem(exc)))
    if kind == "era" and start and end is None:
        problems.append(Problem(number, "era end_date", _("an era needs an end date")))
    if kind == "era" and not headline:
        problems.append(Problem(number, "era text.headline", _("the headline is missing")))
    if problems:
        return None, problems
    start_date = slide.get("start_date")
    display = _clean_line(slide.get("display_date")) or _clean_line(
        start_date.get("display_date") if isinstance(start_date, dict) else ""
    )
    item = Item(
        kind=kind,
        headline=headline,
        start=start,
        end=end,
        text=html_to_markdown(_text(text.get("text"))),
        display_date=display,
        tags=_split_tags(slide.get("group")),
        unique_id=_text(slide.get("unique_id")),
        row=number,
    )
    if not headline:
        item.headline = _headline_from(_text(text.get("text")), display, start)
        item.notes.append(
            Problem(number, f"{label} text.headline", _("no headline: named by its first words"))
        )
    for which, column in (("start", "start_date"), ("end", "end_date")):
        try:
            setattr(item, f"{which}_time", _json_time(slide.get(column)))
        except ValueError:
            item.notes.append(
                Problem(number, f"{label} {column}.hour", _("the time cannot be read; not kept"))
            )
    media = slide.get("media") if isinstance(slide.get("media"), dict) else {}
    item.credit = _clean_line(media.get("credit"))
    item.caption = _clean_line(media.get("caption"))
    item.alt = _clean_line(media.get("alt"))
    _extras(
        item,
        read_media(media.get("url")),
        media.get("thumbnail"),
        slide.get("background"),
        number,
        (f"{label} media.url", f"{label} media.thumbnail", f"{label} background"),
    )
    return item, []


def _media_problem(url):
    """Why a media link cannot be kept, or None: blank, or an http(s) address that never runs
    script (javascript:) and never climbs out of a folder (/media/../)."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. http://[ : an unclosed IPv6 address
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        return _("not a web address (http or https)")
    if len(url) > 1000:
        return _("the address is longer than 1,000 characters")
    if ".." in unquote(parts.path).split("/"):
        return _("the address climbs out of its folder (“..”)")
    return None


IFRAME_SRC = re.compile(r"""<iframe\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


@dataclass
class Media:
    url: str = ""
    quotation: str = ""
    notes: list = field(default_factory=list)  # reasons (str) what was given was not kept


def read_media(value):
    """What TimelineJS accepts as a media, as Carnet keeps it: a web address (one written
    //host/… is read as https://host/…), a <blockquote> (a quotation), an <iframe> (the address
    it shows, as a link). A path on the site the timeline came from, another embed, or an
    address that is not http(s) cannot be kept: a note says so."""
    value = _text(value)
    if not value:
        return Media()
    if value.startswith("<"):
        if re.match(r"<blockquote\b", value, re.IGNORECASE):
            return Media(quotation=html_to_markdown(value))
        frame = IFRAME_SRC.search(value)
        if frame:
            return read_media(unescape(frame[1]))
        return Media(notes=[_("an embed Carnet does not know; kept in the moment's notes")])
    if value.startswith("//"):
        value = "https:" + value
    if not re.match(r"[a-z][a-z0-9+.-]*:", value, re.IGNORECASE):
        return Media(
            notes=[
                _(
                    "“%(path)s” is a path on the site the timeline came from, which Carnet "
                    "cannot reach; kept in the moment's notes"
                )
                % {"path": value[:200]}
            ]
        )
    problem = _media_problem(value)
    if problem:
        return Media(notes=[_("%(reason)s; not kept") % {"reason": problem}])
    return Media(url=value)


TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([ap]\.?m\.?)?", re.IGNORECASE)


def read_time(value):
    """A time of day from "13:45", "13:45:10", "1:45 PM"; None when blank; ValueError when
    it cannot be read."""
    text = _text(value)
    if not text:
        return None
    match = TIME.fullmatch(text)
    if not match:
        raise ValueError(text)
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if match[4]:
        if not 1 <= hour <= 12:
            raise ValueError(text)
        hour = hour % 12 + (12 if match[4].lower().startswith("p") else 0)
    return datetime.time(hour, minute, second)  # ValueError past 23:59:59


def _json_time(value):
    """The time of a TimelineJS date object ({"hour": 13, "minute": 45}), or None."""
    if not isinstance(value, dict) or value.get("hour") in (None, ""):
        return None
    parts = [_text(value.get(key)) or "0" for key in ("hour", "minute", "second")]
    return read_time("{}:{:0>2}:{:0>2}".format(*parts))


COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


def read_background(value):
    """(background, notes): a colour (#rrggbb) or an image address, as TimelineJS gives it
    ({"color": …, "url": …} or one cell)."""
    if isinstance(value, dict):
        colour, url = _text(value.get("color")), _text(value.get("url"))
    else:
        text = _text(value)
        colour, url = (text, "") if text.startswith("#") else ("", text)
    if url:
        media = read_media(url)
        if media.url:
            return media.url, []
        return "", [_("background: %(reason)s") % {"reason": n} for n in media.notes]
    if colour:
        if COLOUR.fullmatch(colour):
            return colour.lower(), []
        return "", [_("background: “%(value)s” is not a colour (#rrggbb)") % {"value": colour}]
    return "", []


def _headline_from(text, display, start):
    """A moment without a headline (TimelineJS allows it) is named by its first words."""
    words = html_to_markdown(text).replace("*", "").split()
    if words:
        line = " ".join(words[:12])
        return line if len(words) <= 12 else line + "…"
    return display or str(start)


def _extras(item, media, thumbnail, background, number, columns):
    """Fill the media, thumbnail and background of item, with a note for each thing lost."""
    media_column, thumbnail_column, background_column = columns
    item.media, item.quotation = media.url, media.quotation
    item.notes += [Problem(number, media_column, note) for note in media.notes]
    thumb = read_media(thumbnail)
    item.thumbnail = thumb.url
    item.notes += [Problem(number, thumbnail_column, note) for note in thumb.notes]
    item.background, notes = read_background(background)
    item.notes += [Problem(number, background_column, note) for note in notes]


def read_csv(text):
    """Items and problems from a TimelineJS spreadsheet exported as CSV."""
    reader = csv.reader(io.StringIO(text))
    try:
        rows = list(reader)
    except csv.Error as exc:
        return [], [Problem(reader.line_num, "", _("the CSV cannot be read: %(e)s") % {"e": exc})]
    if not rows:
        return [], [Problem(1, "", _("the file is empty"))]
    header = [h.strip() for h in rows[0]]
    lower = {h.lower(): i for i, h in enumerate(header)}

    def get(row, name):
        index = lower.get(name.lower())
        if index is None or index >= len(row):
            return ""
        return read_cell(row[index].strip()).strip()

    items, problems = [], []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # a blank row is skipped, not the end of the sheet
        kind = get(row, "Type").lower()
        if kind not in ("", "title", "era"):
            problems.append(
                Problem(
                    number,
                    "Type",
                    _("unknown type “%(type)s” (title, era or blank)") % {"type": kind},
                )
            )
            continue
        if kind == "title":
            items.append(
                Item(
                    kind="title",
                    headline=_clean_line(get(row, "Headline")),
                    start=None,
                    text=html_to_markdown(get(row, "Text")),
                    row=number,
                )
            )
            continue
        row_problems = []
        start = _csv_date(get, row, "", number, row_problems)
        end = _csv_date(get, row, "End ", number, row_problems)
        headline = _clean_line(get(row, "Headline"))
        if kind == "era" and not headline:
            row_problems.append(Problem(number, "Headline", _("the headline is missing")))
        if start and end:
            try:
                check_order(start, end)
            except BadDate as exc:
                row_problems.append(Problem(number, "End Year", date_problem(exc)))
        if kind == "era" and start and end is None:
            row_problems.append(Problem(number, "End Year", _("an era needs an end date")))
        if row_problems:
            problems += row_problems
            continue
        tags = _split_tags(get(row, "Group")) + _split_tags(get(row, "Tag"))
        display = _clean_line(get(row, "Display Date"))
        item = Item(
            kind="era" if kind == "era" else "event",
            headline=headline,
            start=start,
            end=end,
            text=html_to_markdown(get(row, "Text")),
            display_date=display,
            credit=_clean_line(get(row, "Media Credit")),
            caption=_clean_line(get(row, "Media Caption")),
            alt=_clean_line(get(row, "Alt Text")),
            tags=list(dict.fromkeys(tags)),
            unique_id=get(row, "Unique ID"),
            row=number,
        )
        if not headline:
            item.headline = _headline_from(get(row, "Text"), display, start)
            item.notes.append(
                Problem(number, "Headline", _("no headline: named by its first words"))
            )
        for which, column in (("start", "Time"), ("end", "End Time")):
            try:
                setattr(
                    item, f"{which}_time", read_time(get(row, column) or _time_in(get, row, which))
                )
            except ValueError:
                item.notes.append(Problem(number, column, _("the time cannot be read; not kept")))
        _extras(
            item,
            read_media(get(row, "Media")),
            get(row, "Media Thumbnail"),
            get(row, "Background"),
            number,
            ("Media", "Media Thumbnail", "Background"),
        )
        items.append(item)
    problems += _duplicates(items, "Unique ID", "Headline")
    return items, problems


WHOLE_DATE = re.compile(r"\d\s*[-/,]\s*\d")
# A whole date with its time, as spreadsheets write a date-time cell: 2016-10-05 13:45:00
DATE_TIME = re.compile(
    r"(.*\d)(?:\s+|T)(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?)", re.IGNORECASE
)


def _time_in(get, row, which):
    """The time written in the Year cell with a whole date (2016-10-05 13:45), or ""."""
    cell = get(row, "Year" if which == "start" else "End Year")
    match = DATE_TIME.fullmatch(cell)
    return match[2] if match and WHOLE_DATE.search(match[1]) else ""


def _csv_date(get, row, prefix, number, problems):
    """The date of a row: Year, Month and Day columns, or a whole date in the Year column
    (as a spreadsheet formats it) or in the legacy Start Date / End Date column."""
    year, month, day = (get(row, f"{prefix}{part}") for part in ("Year", "Month", "Day"))
    legacy_column = f"{prefix}Date" if prefix else "Start Date"
    column, names = f"{prefix}Year", {}
    try:
        if year and not month and not day and WHOLE_DATE.search(year):
            with_time = DATE_TIME.fullmatch(year)
            return parse(with_time[1] if with_time else year)
        if year:
            names = {part: f"{prefix}{part.capitalize()}" for part in ("year", "month", "day")}
            return PartialDate.from_parts(year, month, day)
        if get(row, legacy_column):
            column = legacy_column
            return parse(get(row, legacy_column))
    except BadDate as exc:
        problems.append(Problem(number, names.get(exc.part, column), date_problem(exc)))
        return None
    if not prefix:
        problems.append(Problem(number, "Year", _("the start year is missing")))
    return None


def read_file(content, name=""):
    """Items from the bytes of a JSON or CSV file; raises ImportFailed."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed([Problem(0, "", _("the file is not UTF-8 text"))]) from None
    stripped = text.lstrip()
    jsonp = JSONP.fullmatch(stripped) if not stripped.startswith("{") else None
    if jsonp:
        stripped = jsonp[1] or jsonp[2]
    if stripped.startswith("{"):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise ImportFailed(
                [Problem(exc.lineno, "", _("the JSON cannot be read: %(e)s") % {"e": exc.msg})]
            ) from None
        except RecursionError:
            raise ImportFailed([Problem(0, "", _("the JSON is nested too deeply"))]) from None
        except ValueError:  # a number of over 4,300 digits
            raise ImportFailed(
                [Problem(0, "", _("the JSON holds a number too long to read"))]
            ) from None
        bad = _bad_characters(data)
        if bad:
            raise ImportFailed([Problem(0, "", bad)])
        items, problems = read_json(data)
    else:
        first = stripped.split("\n", 1)[0].lower()
        if not ("headline" in first and ("year" in first or "start date" in first)):
            raise ImportFailed(
                [
                    Problem(
                        0,
                        "",
                        _(
                            "This file is neither TimelineJS JSON nor a TimelineJS spreadsheet "
                            "CSV (with Year and Headline columns)."
                        ),
                    )
                ]
            )
        if _unstorable(text):
            raise ImportFailed(
                [
                    Problem(
                        0,
                        "",
                        _("the file holds characters that are not text (NUL or lone surrogates)"),
                    )
                ]
            )
        items, problems = read_csv(text)
    if problems:
        raise ImportFailed(problems)
    return items


# ---------------------------------------------------------------- import: saving


def _own_media(url):
    """The stored name of an image of ours, when the URL points to one."""
    path = urlsplit(url).path
    prefix = "/" + settings.MEDIA_URL.lstrip("/")
    if path.startswith(prefix):
        name = path[len(prefix) :]
        try:
            if name and default_storage.exists(name):
                return name
        except SuspiciousFileOperation:  # /media//etc/passwd: not one of ours
            return ""
    return ""


@transaction.atomic
def save_items(network, items, *, by, state=MilestoneState.ACCEPTED):
    """Create or update (by unique_id) the moments and eras; return (moments, eras, notes):
    notes are the Problems of what was not kept (they stay in each moment's notes too)."""
    moments, eras, notes = [], [], []
    # a moment without unique_id never takes the address another event of the file asks for
    reserved = {item.unique_id[:80] for item in items if item.kind == "event" and item.unique_id}
    for item in items:
        if item.kind == "title":
            notes += _save_title(network, item)
            continue
        notes += item.notes
        if item.kind == "era":
            era, _created = Era.objects.update_or_create(
                network=network,
                name=item.headline[:120],
                defaults={"start": item.start.first_day, "end": item.end.last_day},
            )
            eras.append(era)
            continue
        milestone = None
        if item.unique_id:
            milestone = Milestone.objects.filter(network=network, slug=item.unique_id[:80]).first()
        created = milestone is None
        if created:
            milestone = new_milestone(network, item, by=by, state=state, reserved=reserved)
        fill_milestone(milestone, item)
        add_notes(milestone, item)
        milestone.save()
        record(Verb.IMPORT, milestone, by=by, data={"created": created})
        moments.append(milestone)
    return moments, eras, notes


def new_milestone(network, item, *, by, state=MilestoneState.ACCEPTED, reserved=()):
    """An unsaved moment for an imported event: its address is its unique_id when that is
    one, else made from its headline (never one of `reserved`)."""
    milestone = Milestone(network=network, state=state, proposed_by=by)
    milestone.organisation = by.organisation_in(network) if by else None
    milestone.slug = (
        item.unique_id[:80]
        if item.unique_id and item.unique_id[:80] == _slugish(item.unique_id[:80])
        else unique_slug(network, item.headline, reserved=reserved)
    )
    return milestone


def fill_milestone(milestone, item):
    """Set the fields an imported event gives (not its notes, address or state)."""
    milestone.title = item.headline[:200]
    milestone.text = item.text
    milestone.set_start(item.start)
    milestone.set_end(item.end)
    milestone.start_time, milestone.end_time = item.start_time, item.end_time
    milestone.display_date = item.display_date[:80]
    milestone.caption, milestone.credit = item.caption[:300], item.credit[:200]
    milestone.alt_text = item.alt[:300]
    own = _own_media(item.media) if item.media else ""
    if own:
        milestone.image.name = own
        milestone.media_url = ""
    else:
        milestone.media_url = item.media[:1000]
    milestone.quotation = item.quotation
    milestone.media_thumbnail = item.thumbnail[:1000]
    milestone.background = item.background[:1000]
    milestone.tags = ", ".join(item.tags)[:300]


def add_notes(milestone, item):
    """Keep in the moment's notes what the import could not keep."""
    if item.notes:
        lines = "\n".join(f"- {note}" for note in item.notes)
        heading = _("Not kept from the imported file:")
        milestone.notes = "\n\n".join(filter(None, [milestone.notes, f"{heading}\n{lines}"]))


def _save_title(network, item):
    """The title slide: its text becomes the network's description only when that is empty
    (nothing a person wrote is overwritten); otherwise a note says it was not kept."""
    same = item.headline in ("", network.name) and item.text in ("", network.description)
    if same:
        return []
    if item.text and not network.description:
        network.description = item.text
        network.save(update_fields=["description"])
        return [Problem(0, "", _("The title slide's text became the network's description."))]
    return [
        Problem(
            0,
            "",
            _(
                "The title slide (“%(headline)s”) was not kept: the timeline's title is the "
                "network's name and description."
            )
            % {"headline": item.headline or item.text[:80]},
        )
    ]


def _slugish(value):
    return slugify(value)


def import_file(network, content, *, by, name=""):
    """Read and save a TimelineJS file, all or nothing; returns (moments, eras, notes), notes
    listing what was not kept. Raises ImportFailed."""
    items = read_file(content, name)
    moments, eras, notes = save_items(network, items, by=by)
    record(
        Verb.IMPORT,
        network,
        by=by,
        network=network,
        data={"file": name, "moments": len(moments), "eras": len(eras), "notes": len(notes)},
    )
    return moments, eras, notes
