"""TimelineJS (Knight Lab) in both directions: its JSON and its spreadsheet's CSV.

Mapping (Carnet field <-> TimelineJS):
    slug <-> unique_id          title <-> text.headline       text (Markdown) <-> text.text (HTML)
    start/end with precision <-> start_date/end_date {year, month, day}
    display_date <-> display_date   image or media link <-> media.url
    caption, credit, alt text <-> media.caption, media.credit, media.alt
    tags <-> group (comma-separated; the CSV's legacy Tag column too)
    eras <-> eras (CSV: rows of Type "era")

Imports are all-or-nothing: every bad row is reported (row number, column, reason) and
nothing is saved unless every row is good. Blank rows are skipped.
"""

import csv
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


def _date_dict(partial, display=""):
    out = {key: str(value) for key, value in partial.parts().items()}
    if display:
        out["display_date"] = display
    return out


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
            "start_date": _date_dict(m.start),
            "text": {"headline": _plain(m.title), "text": markdown_to_html(m.text)},
        }
        if m.end:
            slide["end_date"] = _date_dict(m.end)
        if m.display_date:
            slide["display_date"] = _plain(m.display_date)
        url = media_url_of(m, base_url)
        if url:
            slide["media"] = {
                "url": url,
                "caption": _plain(m.caption),
                "credit": _plain(m.credit),
                "alt": m.alt_text,
            }
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
        }
        for prefix, partial in (("", m.start), ("End ", m.end)):
            if partial is not None:
                parts = partial.parts()
                row[f"{prefix}Year"] = parts["year"]
                row[f"{prefix}Month"] = parts.get("month", "")
                row[f"{prefix}Day"] = parts.get("day", "")
        url = media_url_of(m, base_url)
        if url:
            row.update(
                {
                    "Media": url,
                    "Media Credit": _plain(m.credit),
                    "Media Caption": _plain(m.caption),
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


def read_json(data):
    """Items and problems from a TimelineJS JSON document (already parsed)."""
    items, problems = [], []
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
    if not headline:
        problems.append(Problem(number, f"{label} text.headline", _("the headline is missing")))
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
    media = slide.get("media") if isinstance(slide.get("media"), dict) else {}
    bad_media = _media_problem(_text(media.get("url")))
    if bad_media:
        problems.append(Problem(number, f"{label} media.url", bad_media))
    if problems:
        return None, problems
    start_date = slide.get("start_date")
    display = _clean_line(slide.get("display_date")) or _clean_line(
        start_date.get("display_date") if isinstance(start_date, dict) else ""
    )
    return (
        Item(
            kind=kind,
            headline=headline,
            start=start,
            end=end,
            text=html_to_markdown(_text(text.get("text"))),
            display_date=display,
            media=_text(media.get("url")),
            credit=_clean_line(media.get("credit")),
            caption=_clean_line(media.get("caption")),
            alt=_clean_line(media.get("alt")),
            tags=_split_tags(slide.get("group")),
            unique_id=_text(slide.get("unique_id")),
            row=number,
        ),
        [],
    )


def _media_problem(url):
    """Why a media link is refused, or None: blank, or an http(s) address that never runs
    script (javascript:) and never climbs out of a folder (/media/../)."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. http://[ : an unclosed IPv6 address
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        return _("not a web address (http or https)")
    if len(url) > 200:
        return _("the address is longer than 200 characters")
    if ".." in unquote(parts.path).split("/"):
        return _("the address climbs out of its folder (“..”)")
    return None


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
            continue
        row_problems = []
        start = _csv_date(get, row, "", number, row_problems)
        end = _csv_date(get, row, "End ", number, row_problems)
        headline = _clean_line(get(row, "Headline"))
        if not headline:
            row_problems.append(Problem(number, "Headline", _("the headline is missing")))
        if start and end:
            try:
                check_order(start, end)
            except BadDate as exc:
                row_problems.append(Problem(number, "End Year", date_problem(exc)))
        if kind == "era" and start and end is None:
            row_problems.append(Problem(number, "End Year", _("an era needs an end date")))
        bad_media = _media_problem(get(row, "Media"))
        if bad_media:
            row_problems.append(Problem(number, "Media", bad_media))
        if row_problems:
            problems += row_problems
            continue
        tags = _split_tags(get(row, "Group")) + _split_tags(get(row, "Tag"))
        items.append(
            Item(
                kind="era" if kind == "era" else "event",
                headline=headline,
                start=start,
                end=end,
                text=html_to_markdown(get(row, "Text")),
                display_date=_clean_line(get(row, "Display Date")),
                media=get(row, "Media"),
                credit=_clean_line(get(row, "Media Credit")),
                caption=_clean_line(get(row, "Media Caption")),
                alt=_clean_line(get(row, "Alt Text")),
                tags=list(dict.fromkeys(tags)),
                unique_id=get(row, "Unique ID"),
                row=number,
            )
        )
    problems += _duplicates(items, "Unique ID", "Headline")
    return items, problems


WHOLE_DATE = re.compile(r"\d\s*[-/,]\s*\d")


def _csv_date(get, row, prefix, number, problems):
    """The date of a row: Year, Month and Day columns, or a whole date in the Year column
    (as a spreadsheet formats it) or in the legacy Start Date / End Date column."""
    year, month, day = (get(row, f"{prefix}{part}") for part in ("Year", "Month", "Day"))
    legacy_column = f"{prefix}Date" if prefix else "Start Date"
    column, names = f"{prefix}Year", {}
    try:
        if year and not month and not day and WHOLE_DATE.search(year):
            return parse(year)
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
    """Create or update (by unique_id) the moments and eras; return (moments, eras)."""
    moments, eras = [], []
    # a moment without unique_id never takes the address another event of the file asks for
    reserved = {item.unique_id[:80] for item in items if item.kind == "event" and item.unique_id}
    for item in items:
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
            milestone = Milestone(network=network, state=state, proposed_by=by)
            milestone.organisation = by.organisation_in(network) if by else None
        milestone.title = item.headline[:200]
        milestone.text = item.text
        milestone.set_start(item.start)
        milestone.set_end(item.end)
        milestone.display_date = item.display_date[:80]
        milestone.caption, milestone.credit = item.caption[:300], item.credit[:200]
        milestone.alt_text = item.alt[:300]
        own = _own_media(item.media) if item.media else ""
        if own:
            milestone.image.name = own
            milestone.media_url = ""
        else:
            milestone.media_url = item.media[:200]
        milestone.tags = ", ".join(item.tags)[:300]
        if created:
            milestone.slug = (
                item.unique_id[:80]
                if item.unique_id and item.unique_id[:80] == _slugish(item.unique_id[:80])
                else unique_slug(network, item.headline, reserved=reserved)
            )
        milestone.save()
        record(Verb.IMPORT, milestone, by=by, data={"created": created})
        moments.append(milestone)
    return moments, eras


def _slugish(value):
    return slugify(value)


def import_file(network, content, *, by, name=""):
    """Read and save a TimelineJS file, all or nothing. Raises ImportFailed."""
    items = read_file(content, name)
    moments, eras = save_items(network, items, by=by)
    record(
        Verb.IMPORT,
        network,
        by=by,
        network=network,
        data={"file": name, "moments": len(moments), "eras": len(eras)},
    )
    return moments, eras
