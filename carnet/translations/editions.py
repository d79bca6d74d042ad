"""Editions of the outputs: the report, the published synthesis and the static site built in
one of the network's content languages, with one bookkeeping of what fell back.

Every translatable text of the report (a chapter's title and body, the report's title, a
phase, a key moment, an era, a learning, a category, a sheet) is read through the edition
being built: its reviewed translation into the edition's language when there is one, else
the reference text — block by block — and the edition keeps a list of what fell back, so
that the document says so (a note at its start, a line under each chapter concerned, and
the reference language on each block shown in it, for its font and direction).

Only reviewed translations are printed: carnet.translations holds texts saved by people
(and an outdated one, made from an earlier reference text, counts as missing);
Milestone.translation() never returns a machine draft; a sheet's translated copy counts once
validated or published.

The blocks read the edition being built with `current()`; outside a build (or for the
reference language) it is a plain edition that returns every text as it is. Inside a build,
the pages' own reading of translations (`carnet.translations.domain.text()`, hence
`localise()` and `{{ obj.tr.name }}`) goes through the edition too: the synthesis and the
static site render the apps' pages as they are, and `page_note()` says what fell back on each.
"""

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from carnet.lib.languages import direction, language_name

from . import domain as translations

_current = contextvars.ContextVar("edition", default=None)


def languages(network):
    """The languages the report can be built in: the reference language first, then the
    network's other content languages."""
    reference = translations.reference_language(network)
    return [reference, *translations.target_languages(network)]


def is_known(code):
    try:
        translation.get_language_info(code)
    except KeyError:
        return False
    return True


@dataclass
class Edition:
    network: object = None
    language: str = ""  # the edition's language; "" for the reference edition
    reference: str = ""
    fallbacks: list = field(default_factory=list)  # [(part, title)], in the order met

    @property
    def translated(self):
        return bool(self.language) and self.language != self.reference

    def fallback(self, part, title):
        item = (str(part), " ".join(str(title).split())[:90])
        if item not in self.fallbacks:
            self.fallbacks.append(item)

    def text(self, obj, name, *, part, title=None, value=None):
        """(text, language): obj's field `name` in the edition's language, else the
        reference text (noted as fallen back under `part`, named by `title`); language is
        "" when the text is in the edition's language (or the edition is the reference)."""
        value = getattr(obj, name, "") if value is None else value
        if not self.translated or not str(value or "").strip():
            return value, ""
        found = translations.reviewed(
            obj, name, self.language, network=self.network, reference=value
        )
        if found is not None:
            return found, ""
        self.fallback(part, title if title is not None else value)
        return value, self.reference

    def page_text(self, obj, name, value):
        """obj's field for a page read through carnet.translations.domain.text(): as text(),
        the part named after the kind of object, the title the text itself when short."""
        short = " ".join(str(value or "").split())
        title = short if len(short) <= 90 else str(obj)
        return self.text(obj, name, part=capfirst(obj._meta.verbose_name), title=title, value=value)

    def untranslatable(self, part, title):
        """A text no one can translate (a partner's own words, a name...) printed as it is:
        the edition says it is in the reference language."""
        if self.translated:
            self.fallback(part, title)
        return self.reference if self.translated else ""

    def moment(self, milestone):
        """(reviewed MilestoneTranslation or None, language of the moment's texts)."""
        if not self.translated:
            return None, ""
        item = milestone.translation(self.language)  # never a machine draft
        if item is None or not (item.title or item.text):
            self.fallback(_("Key moment"), milestone.title)
            return None, self.reference
        return item, ""

    def sheet(self, sheet, *, published=False):
        """The sheet's validated or published copy in the edition's language (published only,
        for readers outside the network), else the sheet itself (noted)."""
        if not self.translated:
            return sheet
        copy = reviewed_copy(sheet, self.language, published=published)
        if copy is None:
            self.fallback(_("Good-practice sheet"), sheet.title)
            copy = sheet
        return copy

    def sheet_language(self, sheet):
        return "" if not self.translated or sheet.language == self.language else sheet.language


def reviewed_copy(sheet, language, *, published=False):
    """The translated copy of a sheet into language that may be printed: validated or
    published (a draft copy, or one under review, is not; published only when asked). None
    when there is none."""
    from carnet.practices.enums import SheetState

    if sheet.language == language:
        return sheet
    states = {SheetState.PUBLISHED} if published else {SheetState.VALIDATED, SheetState.PUBLISHED}
    copies = [
        copy
        for copy in sheet.translations.all()
        if copy.language == language and copy.state in states
    ]
    return copies[0] if copies else None


def current():
    return _current.get() or Edition()


@contextmanager
def building(network, language):
    """Build inside this block in language (None or the reference: the reference edition)."""
    reference = translations.reference_language(network)
    edition = Edition(network, language or reference, reference)
    # The translations as they are now, not as a page read them earlier on this object.
    translations.forget(network)
    token = _current.set(edition)
    try:
        yield edition
    finally:
        _current.reset(token)


def mark(blocks, lang):
    """Give each block the language it is written in when that is not the edition's."""
    if lang:
        for block in blocks:
            block["lang"], block["dir"] = lang, direction(lang)
    return blocks


MAX_TITLES = 4


def note(edition):
    """The edition's note: what it is in, and which parts are in the reference language."""
    if not edition.translated:
        return None
    names = _names(edition)
    lines = _lines(edition)
    if not lines:
        intro = _("This is the %(language)s edition of the report: every part is translated.")
    else:
        intro = _(
            "This is the %(language)s edition of the report. The parts below have no reviewed "
            "%(language)s translation yet: they are printed in %(reference)s, the language "
            "they were written in, and their chapters say so."
        )
    return {"title": _("About this edition"), "text": intro % names, "lines": lines}


def page_note(edition):
    """What a page of the static site or the published synthesis says when some of its parts
    fell back: None when nothing did (or for the reference language)."""
    if not edition.translated or not edition.fallbacks:
        return None
    text = _(
        "The parts below have no reviewed %(language)s translation yet: they are shown in "
        "%(reference)s, the language they were written in."
    )
    return {
        "title": _("About this edition"),
        "text": text % _names(edition),
        "lines": _lines(edition),
        "reference": edition.reference,
        "reference_dir": direction(edition.reference),
    }


def _names(edition):
    return {
        "language": language_name(edition.language),
        "reference": language_name(edition.reference),
    }


def _lines(edition):
    """One line per part: how many of its texts fell back, and the first few of them."""
    parts = {}
    for part, title in edition.fallbacks:
        parts.setdefault(part, []).append(title)
    lines = []
    for part, titles in parts.items():
        shown = ", ".join(f"“{title}”" for title in titles[:MAX_TITLES])
        more = len(titles) - MAX_TITLES
        if more > 0:
            shown += " " + _("and %(n)s more") % {"n": more}
        lines.append(f"{part} ({len(titles)}): {shown}")
    return lines


def chapter_note(edition):
    """The line under a chapter some of whose parts fell back to the reference language."""
    return _(
        "Parts of this chapter have no reviewed %(language)s translation yet: they are in "
        "%(reference)s."
    ) % {"language": language_name(edition.language), "reference": language_name(edition.reference)}
