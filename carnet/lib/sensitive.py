"""Find what may put a person in danger before anything is published.

scan() flags e-mail addresses, phone numbers and what look like people's names
(a title followed by capitalised words, or two or three capitalised words that
are not known names of organisations, places or the like), in every script with
capitals (Latin, Cyrillic, Greek, Armenian) and, by title, given name, patronymic
or surname ending, in Arabic and Georgian. A name is never assembled across two
lines or list items. It is a net, not a judge: a coordinator confirms or fixes
each flag.
"""

import re
import unicodedata
from dataclasses import dataclass

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\d[\d .\-/()]{7,}\d(?!\w)")
# A word: letters (any script, with their combining marks), inner apostrophes and hyphens.
WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f\u064b-\u065f\u0670]|['’-](?=[^\W\d_]))*")
# Between two words of one name: spaces on one line, never a line break (list items, lines).
GAP = re.compile(r"[ \t\u00a0\u202f]+")
TITLE_GAP = re.compile(r"\.?[ \t\u00a0\u202f]+")

# Titles and honorifics, compared in lowercase without a final full stop.
TITLES = set(
    """
    mr mrs ms miss dr mme mlle m sr fr sister father mister madame monsieur
    г-н г-жа господин госпожа гражданин гражданка пан пани д-р
    κ κος κα κύριος κυρία κυρ δρ
    պարոն տիկին օրիորդ դոկտոր
    ბატონი ქალბატონი ბ-ნი ქ-ნი დოქტორი
    السيد السيدة الآنسة الدكتور الدكتورة الأستاذ الأستاذة الحاج الحاجة الشيخ د
    """.split()
)
# Arabic and Georgian have no capital letters: a name is found after a title, after a
# common given name, around a patronymic word (bin, bint) or before a Georgian surname ending.
GIVEN_NAMES = set(
    """
    محمد أحمد علي حسن حسين عمر يوسف إبراهيم خالد مصطفى محمود عبد عبدالله سعيد سمير كريم
    طارق ياسين رشيد مراد جمال فاطمة مريم عائشة خديجة زينب سارة ليلى نور أمينة سلمى هدى
    رانيا ياسمين سعاد نادية
    გიორგი დავით ნიკა ლუკა ლევან ირაკლი ზურაბ ალექსანდრე ნინო მარიამ თამარ ანა ეკატერინე
    ნათია სალომე მაკა ქეთევან ელენე ნანა ლალი
    """.split()
)
PATRONYMIC = {"بن", "بنت", "ابن", "ابنة"}  # bin, bint: "Yusuf bin Ali"
GEORGIAN_SURNAME = re.compile(r"(?:შვილი|ძე|ავა|უა)$")  # -ia, -ani end common nouns too

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


def is_capitalised(word):
    """Ana, Анна, Άννα, Աննա: a capital then small letters, in any script with case."""
    return word[0].isupper() and len(word) > 1 and word[1:] == word[1:].lower()


def is_caseless(word):
    """A word of a script without capitals in use (Arabic, Georgian)."""
    name = unicodedata.name(word[0], "")
    return name.startswith(("ARABIC", "GEORGIAN"))


def is_title(word, dotted):
    """Mr, Dr., г-н, κ., պարոն, ბატონი, السيد…; a one-letter title needs its full stop."""
    return word.lower() in TITLES and (len(word) > 1 or dotted)


def _words(text):
    """The words of text with, for each, whether it follows the previous one on the same
    line with only spaces between (a name never spans two lines or list items)."""
    previous_end = None
    for match in WORD.finditer(text):
        gap = text[previous_end : match.start()] if previous_end is not None else None
        yield match, gap
        previous_end = match.end()


def _names(text):
    """Spans of what looks like a person's name, in any of the scripts Carnet meets."""
    words = list(_words(text))
    found = []
    i = 0
    while i < len(words):
        match, _gap = words[i]
        word = match.group(0)
        j = i + 1

        def joined(k, *, title=False):
            return k < len(words) and (TITLE_GAP if title else GAP).fullmatch(words[k][1] or "")

        if joined(j, title=True) and is_title(word, words[j][1].startswith(".")):
            # A title, then up to three words of the name (caseless scripts: up to two).
            part = is_capitalised if is_capitalised(words[j][0].group(0)) else is_caseless
            limit = 3 if part is is_capitalised else 2
            end = j
            while end < len(words) and end - j < limit and part(words[end][0].group(0)):
                if end > j and not joined(end):
                    break
                end += 1
            if end > j:
                found.append((match.start(), words[end - 1][0].end()))
                i = end
                continue
        if is_caseless(word) and joined(j):
            following = words[j][0].group(0)
            if following in PATRONYMIC and joined(j + 1):
                found.append((match.start(), words[j + 1][0].end()))
                i = j + 2
                continue
            if is_caseless(following) and (
                word in GIVEN_NAMES or GEORGIAN_SURNAME.search(following)
            ):
                found.append((match.start(), words[j][0].end()))
                i = j + 1
                continue
        if is_capitalised(word) and word not in COMMON:
            end = j
            while (
                joined(end)
                and is_capitalised(words[end][0].group(0))
                and words[end][0].group(0) not in COMMON
            ):
                end += 1
            if end - i >= 2:
                found.append((match.start(), words[end - 1][0].end()))
                i = end
                continue
        i += 1
    return found


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
    for start, end in _names(masked):
        add("name", start, end)
    return sorted(flags, key=lambda f: f.start)
