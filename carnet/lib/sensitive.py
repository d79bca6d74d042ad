"""Find what may put a person in danger before anything is published.

scan() flags e-mail addresses, phone numbers and what look like people's names
(a title followed by capitalised words, or two or three capitalised words that
are not known names of organisations, places or the like). It is a net, not a
judge: a coordinator confirms or fixes each flag.
"""

import re
from dataclasses import dataclass

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\d[\d .\-/()]{7,}\d(?!\w)")
TITLE = r"(?:Mr|Mrs|Ms|Miss|Dr|Mme|Mlle|M\.|Sr|Fr|Sister|Father|Mister|Madame|Monsieur)"
WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][a-zß-öø-ÿā-ž'’-]+"
TITLED_NAME = re.compile(rf"\b{TITLE}\.?\s+(?:{WORD}\s+){{0,2}}{WORD}")
NAME_LIKE = re.compile(rf"\b{WORD}(?:\s+{WORD}){{1,2}}\b")

# Capitalised words that start many sentences or name no one.
COMMON = set(
    """
    The A An In On At Of For And But Or With From To By As Our We They This That These Those
    Caritas Network Ministry Security State Coordinator Office Council Union Nations United
    European Euro Mediterranean International National Regional Catholic Secours France
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Spring Summer Autumn Winter
    Human Trafficking Beings Geneva Day Workshop Project Programme Report Sheet Good Practice
    """.split()
)


NAME_RUN = re.compile(rf"\b{WORD}(?:\s+{WORD})+\b")
YEAR = re.compile(r"(?:19|20)\d\d")
DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:[ .,\u00a0\u202f]\d{3})+")


@dataclass(frozen=True)
class Flag:
    kind: str  # "email", "phone", "name"
    text: str
    start: int
    end: int


def looks_like_phone(candidate):
    """A run of digits and separators that is a phone number, not years, a date or an amount."""
    digits = re.sub(r"\D", "", candidate)
    if not 8 <= len(digits) <= 15:
        return False
    if candidate.startswith(("+", "00")):
        return True
    groups = [g for g in re.split(r"[^\d]+", candidate) if g]
    if all(YEAR.fullmatch(g) for g in groups):
        return False  # 2015-2016, 2011 2012 2013
    if DATE.fullmatch(candidate.strip()):
        return False  # 12/03/2019, 2019-09-02
    return not THOUSANDS.fullmatch(candidate.strip())  # 10 000 000


def _mask(text, allowed):
    """text with every allowed name replaced by lowercase filler of the same length."""
    for name in sorted(allowed, key=len, reverse=True):
        if len(name) < 2:
            continue
        text = re.sub(
            rf"(?<!\w){re.escape(name)}(?!\w)",
            lambda m: "x" * len(m.group(0)),
            text,
            flags=re.IGNORECASE,
        )
    return text


def _name_runs(text):
    """Runs of two or more capitalised words that are not common words."""
    for match in NAME_RUN.finditer(text):
        run = []
        for word in re.finditer(WORD, match.group(0)):
            if word.group(0).strip(".") in COMMON:
                yield from _emit(run, match.start())
                run = []
            else:
                run.append(word)
        yield from _emit(run, match.start())


def _emit(run, offset):
    if len(run) >= 2:
        yield offset + run[0].start(), offset + run[-1].end()


def scan(text, *, allowed=()):
    """Flags in text; `allowed` lists names that may appear (consent, organisations…)."""
    if not text:
        return []
    allowed = [name.strip() for name in allowed if name and name.strip()]
    flags = []
    taken = []

    def add(kind, start, end):
        if any(start < t_end and end > t_start for t_start, t_end in taken):
            return
        taken.append((start, end))
        flags.append(Flag(kind, text[start:end], start, end))

    for match in EMAIL.finditer(text):
        add("email", *match.span())
    for match in PHONE.finditer(text):
        if looks_like_phone(match.group(0)):
            add("phone", *match.span())
    masked = _mask(text, allowed)
    for match in TITLED_NAME.finditer(masked):
        add("name", *match.span())
    for start, end in _name_runs(masked):
        add("name", start, end)
    return sorted(flags, key=lambda f: f.start)
