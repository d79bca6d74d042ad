"""Members imported from a CSV or XLSX file: pure functions, no database.

read_table() turns an upload into rows of text keyed by column; parse_rows() checks each
row and returns the clean rows (JSON-friendly: dates as ISO text, kept in the session
between the preview and the confirmation) and the errors, each with its row number (as the
spreadsheet shows it: the header is row 1), its column and its reason.
"""

import csv
import datetime
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from carnet.lib import zipguard
from carnet.lib.datefields import date_problem
from carnet.lib.dates import BadDate, parse
from carnet.lib.spreadsheets import csv_bytes, read_cell, xlsx_bytes, xlsx_rows
from carnet.lib.uploads import zip_refusal

from .enums import MembershipRole

# Each column: its key, and its header as people read it (the template's first row is in the
# interface language; a file may name a column by its key or its header in any language).
COLUMNS = {
    "name": _("Organisation"),
    "short_name": _("Short name"),
    "country": _("Country"),
    "city": _("City"),
    "website": _("Website"),
    "role": _("Role in the network"),
    "joined_on": _("Joined on"),
    "left_on": _("Left on"),
}
EXAMPLE = [
    "Caritas Albania",
    "",
    "Albania",
    "Tirana",
    "https://example.org",
    "member",
    datetime.date(2011, 3, 1),
    "",
]
MAX_ROWS = 2000


class ImportRefused(Exception):
    """The file as a whole cannot be read; the message is for people."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    reason: str


def template_csv():
    return csv_bytes([[str(label) for label in COLUMNS.values()], EXAMPLE])


def template_xlsx():
    return xlsx_bytes([[str(label) for label in COLUMNS.values()], EXAMPLE], title="members")


def column_key(header):
    """The key of a column named by its key or by its header in any interface language."""
    text = str(header or "").strip().casefold()
    for key, label in COLUMNS.items():
        if text == key:
            return key
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                if text == str(label).casefold():
                    return key
    return text


def column_label(key):
    return str(COLUMNS.get(key, key))


def read_table(uploaded):
    """[(row number, {column: text})] from a .csv or .xlsx upload. Raises ImportRefused."""
    name = (getattr(uploaded, "name", "") or "").lower()
    uploaded.seek(0)
    if name.endswith(".xlsx"):
        lines = _xlsx_lines(uploaded)
    elif name.endswith(".csv"):
        try:
            text = uploaded.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportRefused(_("The CSV file is not in UTF-8.")) from None
        lines = [[read_cell(cell) for cell in line] for line in csv.reader(io.StringIO(text))]
    else:
        raise ImportRefused(_("Choose a .csv or .xlsx file."))
    if not lines:
        raise ImportRefused(_("The file is empty."))
    header = [column_key(cell) for cell in lines[0]]
    missing = [column for column in ("name", "country", "joined_on") if column not in header]
    if missing:
        raise ImportRefused(
            _("The first row must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(column_label(column) for column in missing)}
        )
    if len(lines) - 1 > MAX_ROWS:
        raise ImportRefused(_("The file has more than %(n)s rows.") % {"n": MAX_ROWS})
    table = []
    for number, line in enumerate(lines[1:], start=2):
        row = {column: _text(value) for column, value in zip(header, line, strict=False)}
        if any(row.values()):
            table.append((number, row))
    return table


def _xlsx_lines(uploaded):
    try:
        return xlsx_rows(uploaded)
    except zipguard.ZipRefused as exc:
        if exc.reason == "not_zip":
            raise ImportRefused(_("The XLSX file cannot be read.")) from None
        raise ImportRefused(zip_refusal(exc).messages[0]) from None
    except ValueError:
        raise ImportRefused(_("The XLSX file cannot be read.")) from None


def _text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def parse_country(text):
    """The ISO code of a country given by its code or its English or French name, or ""."""
    if text.upper() in dict(countries):
        return text.upper()
    return countries.by_name(text) or countries.by_name(text, language="fr")


def parse_role(text):
    if not text:
        return MembershipRole.MEMBER.value
    for value, label in MembershipRole.choices:
        if text.lower() in (value, str(label).lower()):
            return value
    return None


def parse_rows(table):
    """(clean rows, errors) from read_table()'s rows. Names are matched without case."""
    clean, errors, seen = [], [], {}
    for number, row in table:
        problems = []

        def fail(column, reason, number=number, problems=problems):
            problems.append(RowError(number, column_label(column), str(reason)))

        name = row.get("name", "")
        if not name:
            fail("name", _("The name is missing."))
        elif len(name) > 200:
            fail("name", _("The name is longer than 200 characters."))
        elif name.lower() in seen:
            fail(
                "name",
                _("The organisation is already in row %(row)s.") % {"row": seen[name.lower()]},
            )
        else:
            seen[name.lower()] = number
        country = parse_country(row.get("country", ""))
        if not country:
            fail("country", _("Unknown country: “%(text)s”.") % {"text": row.get("country", "")})
        role = parse_role(row.get("role", ""))
        if role is None:
            fail("role", _("The role must be member, pilot or observer."))
        website = row.get("website", "")
        if website:
            try:
                URLValidator()(website)
            except ValidationError:
                fail("website", _("The website is not a web address."))
        dates = {}
        for column in ("joined_on", "left_on"):
            text = row.get(column, "")
            try:  # the one reader of typed dates; a spreadsheet's 5/6/2015 is refused
                partial = parse(text)
            except BadDate as exc:
                fail(column, date_problem(exc))
            else:
                dates[column] = partial.first_day if partial else None
        if "joined_on" in dates and dates["joined_on"] is None:
            fail("joined_on", _("The date of joining is missing."))
        joined, left = dates.get("joined_on"), dates.get("left_on")
        if joined and left and left < joined:
            fail("left_on", _("The member leaves before it joined."))
        if problems:
            errors += problems
            continue
        clean.append(
            {
                "row": number,
                "name": name,
                "short_name": row.get("short_name", "")[:60],
                "country": country,
                "city": row.get("city", "")[:100],
                "website": website,
                "role": role,
                "joined_on": joined.isoformat(),
                "left_on": left.isoformat() if left else None,
            }
        )
    return clean, errors
