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


@dataclass(frozen=True)
class Flag:
    kind: str  # "email", "phone", "name"
    text: str
    start: int
    end: int


def scan(text, *, allowed=()):
    """Flags in text; `allowed` lists names that may appear (consent, organisations…)."""
    if not text:
        return []
    allowed_lower = {name.lower() for name in allowed if name}
    flags = []
    taken = []

    def add(kind, match):
        start, end = match.span()
        if any(start < t_end and end > t_start for t_start, t_end in taken):
            return
        taken.append((start, end))
        flags.append(Flag(kind, match.group(0), start, end))

    for match in EMAIL.finditer(text):
        add("email", match)
    for match in PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if len(digits) >= 8 and not re.fullmatch(r"(19|20)\d\d\D+(19|20)\d\d", match.group(0)):
            add("phone", match)
    for pattern in (TITLED_NAME, NAME_LIKE):
        for match in pattern.finditer(text):
            words = match.group(0).split()
            candidate = match.group(0)
            if candidate.lower() in allowed_lower:
                continue
            if any(candidate.lower() in a for a in allowed_lower):
                continue
            if pattern is NAME_LIKE and any(w.strip(".") in COMMON for w in words):
                continue
            add("name", match)
    return sorted(flags, key=lambda f: f.start)
