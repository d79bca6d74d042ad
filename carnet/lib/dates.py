"""Dates known to a year, a month or a day ("in 2013", "in March 2015", "on 12 May 2016").

Pure helpers, no Django: a PartialDate keeps the precision with the date, gives the
value of an HTML <time datetime> attribute, checks that the date exists, and reads
the ways people and TimelineJS spreadsheets write dates: parse() is the one reader of
every date typed in Carnet (see carnet.lib.datefields for the form field).
"""

import calendar
import contextlib
import datetime
import math
import re
import unicodedata
from dataclasses import dataclass

YEAR, MONTH, DAY = "year", "month", "day"
PRECISIONS = (YEAR, MONTH, DAY)


class BadDate(ValueError):
    """A date that does not exist or cannot be read; str() says why (in English).

    `code` and `params` let an app say it in the reader's language:
    its own translation of TEMPLATES[code] % params.
    """

    def __init__(self, code, **params):
        self.code, self.params = code, params
        super().__init__(TEMPLATES[code] % params)

    @property
    def part(self):
        """The part at fault ("year", "month" or "day"), or None for the whole date."""
        return self.params.get("part") or PART_AT_FAULT.get(self.code)


TEMPLATES = {
    "not_a_number": "%(part)s is not a number: %(value)s",
    "not_whole": "%(part)s is not a whole number: %(value)s",
    "year_range": "year %(year)s is out of range (1 to 9999)",
    "before_common_era": "year %(year)s is before the common era: moments start in year 1",
    "day_without_month": "a day needs a month",
    "no_such_month": "month %(month)s does not exist",
    "no_such_day": "%(date)s does not exist",
    "no_year": "the year is missing",
    "unreadable": "“%(text)s” is not a date (write e.g. 2015, October 2015, 10/2015 or 12/10/2015)",
    "ambiguous": "“%(text)s” could be %(one)s or %(other)s: write the date year-month-day",
    "end_before_start": "the end (%(end)s) is before the start (%(start)s)",
}
PART_AT_FAULT = {
    "year_range": YEAR,
    "before_common_era": YEAR,
    "no_year": YEAR,
    "day_without_month": MONTH,
    "no_such_month": MONTH,
    "no_such_day": DAY,
}


def _number(value, what):
    if value is None:
        return None
    if isinstance(value, bool):
        raise BadDate("not_a_number", part=what, value=value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):  # NaN, Infinity, 1e400
            raise BadDate("not_a_number", part=what, value=value)
        if value != int(value):
            raise BadDate("not_whole", part=what, value=value)
        return int(value)
    text = str(value).strip()
    if text == "":
        return None
    match = re.fullmatch(r"([+-]?\d{1,100})(\.0+)?", text)
    if match:
        return int(match[1])
    raise BadDate("not_a_number", part=what, value=text[:100])


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self):
        if self.year < 1:
            raise BadDate("before_common_era", year=self.year)
        if self.year > 9999:
            raise BadDate("year_range", year=self.year)
        if self.month is None and self.day is not None:
            raise BadDate("day_without_month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise BadDate("no_such_month", month=self.month)
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                date = f"{self.year}-{self.month:02d}-{self.day:02d}"
                raise BadDate("no_such_day", date=date)

    @classmethod
    def from_parts(cls, year, month=None, day=None):
        """From numbers or strings ("2015", "03", ""); raises BadDate."""
        y = _number(year, "year")
        if y is None:
            raise BadDate("no_year")
        return cls(y, _number(month, "month"), _number(day, "day"))

    @classmethod
    def from_date(cls, date, precision=DAY):
        if precision == YEAR:
            return cls(date.year)
        if precision == MONTH:
            return cls(date.year, date.month)
        return cls(date.year, date.month, date.day)

    @property
    def precision(self):
        if self.day is not None:
            return DAY
        if self.month is not None:
            return MONTH
        return YEAR

    @property
    def first_day(self):
        """The first day the date covers (for storing and sorting)."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self):
        if self.day is not None:
            return self.first_day
        if self.month is not None:
            return datetime.date(
                self.year, self.month, calendar.monthrange(self.year, self.month)[1]
            )
        return datetime.date(self.year, 12, 31)

    def iso(self):
        """The value of an HTML <time datetime>: 2015, 2015-03 or 2015-03-12."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def parts(self):
        """{"year": ..., "month": ..., "day": ...} without the parts it does not have."""
        out = {"year": self.year}
        if self.month is not None:
            out["month"] = self.month
        if self.day is not None:
            out["day"] = self.day
        return out

    def __str__(self):
        return self.iso()


TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"  # a spreadsheet's midnight after a date
ISO = re.compile(r"(\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?" + TIME)
SLASHED_ISO = re.compile(r"(\d{4})/(\d{1,2})(?:/(\d{1,2}))?" + TIME)
COMMAS = re.compile(r"(\d{1,4})\s*,\s*(\d{1,2})(?:\s*,\s*(\d{1,2}))?")
DAY_MONTH = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{1,4})" + TIME)
MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{4})")
# Month names as people type them, in the interface languages (English, French), with
# or without accents, in full or cut short ("Oct", "oct.", "févr.").
MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan", "janvier", "janv"),
            ("february", "feb", "fevrier", "fevr", "fev"),
            ("march", "mar", "mars"),
            ("april", "apr", "avril", "avr"),
            ("may", "mai"),
            ("june", "jun", "juin"),
            ("july", "jul", "juillet", "juil"),
            ("august", "aug", "aout"),
            ("september", "sep", "sept", "septembre"),
            ("october", "oct", "octobre"),
            ("november", "nov", "novembre"),
            ("december", "dec", "decembre"),
        ],
        start=1,
    )
    for name in names
}
WORD = r"([^\W\d_]+)\.?"
DAY_NUMBER = r"(\d{1,2})(?:st|nd|rd|th|er|e)?"
NAMED = [  # (pattern, order of its groups: which is the year, the month, the day)
    (re.compile(WORD + r"\s+(\d{1,4})"), ("month", "year")),
    (re.compile(DAY_NUMBER + r"\s+" + WORD + r"\s+(\d{1,4})"), ("day", "month", "year")),
    (re.compile(WORD + r"\s+" + DAY_NUMBER + r",?\s+(\d{1,4})"), ("month", "day", "year")),
]


def _plain(text):
    """Lower case, without accents: "Février" -> "fevrier"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _named(text):
    """A date written with the month's name, or None."""
    plain = " ".join(_plain(text).replace(",", ", ").split()).replace(" ,", ",")
    for pattern, order in NAMED:
        match = pattern.fullmatch(plain)
        if match:
            parts = dict(zip(order, match.groups(), strict=True))
            month = MONTH_NAMES.get(parts["month"])
            if month is None:
                return None
            return PartialDate.from_parts(parts["year"], month, parts.get("day"))
    return None


def parse(text, *, day_first=False):
    """Read 2015, 2015-03, 2015-03-12, 2015/03/12, 2015,3,12 (TimelineJS), 03/2015,
    12/3/2015, "March 2015", "mars 2015", "12 March 2015", "March 12, 2015".

    A date written with the year last (12/3/2015, 3/12/2015) has one reading when the
    other does not exist (13/3/2015 or 3/13/2015, or the same day both ways). When both
    exist (5/6/2015: 5 June or 6 May), a person typing in Carnet means the day first, as
    everywhere the interface languages are written (day_first=True, what forms ask); a
    spreadsheet may come from anywhere, so by default it is refused with a message
    asking for year-month-day.
    Returns None for blank text; raises BadDate for anything else it cannot read.
    """
    text = (text or "").strip()
    if not text:
        return None
    for pattern in (ISO, SLASHED_ISO, COMMAS):
        match = pattern.fullmatch(text)
        if match:
            return PartialDate.from_parts(*match.groups())
    match = MONTH_YEAR.fullmatch(text)
    if match:
        return PartialDate.from_parts(match[2], match[1])
    match = DAY_MONTH.fullmatch(text)
    if match:
        first, second, year = match.groups()
        readings = []
        for month, day in ((second, first), (first, second)):
            with contextlib.suppress(BadDate):
                readings.append(PartialDate.from_parts(year, month, day))
        if len(set(readings)) == 1 or (readings and day_first):
            return readings[0]
        if readings:
            raise BadDate("ambiguous", text=text, one=readings[1], other=readings[0])
        PartialDate.from_parts(year, second, first)  # says what is wrong with it
    named = _named(text)
    if named is not None:
        return named
    raise BadDate("unreadable", text=text[:100])


def check_order(start, end):
    """Raise BadDate when a period ends before it starts (compared by their first days)."""
    if end is not None and end.first_day < start.first_day:
        raise BadDate("end_before_start", end=end, start=start)
