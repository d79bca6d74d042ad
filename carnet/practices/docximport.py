"""Read a good-practice sheet written in Word: headings matched to the template's fields.

Matching ignores case, accents, punctuation and the language (English or
French wording). What cannot be matched goes to the "other" field, with its
heading, for the author to place: nothing is dropped.
"""

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from carnet.lib import zipguard

from .fields import OTHER


class DocxUnreadable(Exception):
    pass


# Key -> word groups; a heading matches when it contains every word of one group.
ALIASES = [
    ("advice", [["advice"], ["advise"], ["recommend"], ["conseil"]]),
    ("impact", [["impact"], ["effet", "participation"]]),
    ("results", [["result"], ["resultat"], ["achievement"]]),
    ("what_worked", [["worked"], ["lesson"], ["marche"], ["fonctionne"], ["lecon"]]),
    ("challenges", [["challeng"], ["difficult"], ["obstacle"], ["defi"]]),
    (
        "next_steps",
        [
            ["sustainab"],
            ["next"],
            ["intend"],
            ["future"],
            ["durabilit"],
            ["perennit"],
            ["suite"],
            ["prochaine"],
        ],
    ),  # fmt: skip
    ("activities", [["what", "we", "did"], ["activit"], ["nous", "avons", "fait"]]),
    ("context", [["context"], ["problem"], ["background"], ["contexte"], ["probleme"]]),
    ("summary", [["summary"], ["resume"], ["abstract"], ["synthese"]]),
    ("quote_speaker", [["speaker"], ["name", "quote"]]),
    ("quote", [["quote"], ["citation"], ["testimon"], ["temoignage"]]),
    ("contact", [["contact"]]),
    ("authors", [["author"], ["auteur"], ["reviewer"], ["written", "by"], ["redige"]]),
]


def normalise(text):
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def match_field(heading, specs):
    """The key of the template field a heading names, or None."""
    norm = normalise(heading)
    if not norm:
        return None
    keys = {spec.key for spec in specs}
    for spec in specs:  # a template's own label, exactly
        if normalise(str(spec.label)) == norm:
            return spec.key
    words = norm.split()
    for key, groups in ALIASES:
        if key not in keys:
            continue
        for group in groups:
            if all(any(w.startswith(part) for w in words) for part in group):
                return key
    return None


@dataclass
class Imported:
    title: str = ""
    sections: list = field(default_factory=list)  # [(heading or "", text)]

    def to_sheet(self, specs):
        content, other, title = {}, [], self.title
        sections = list(self.sections)
        if not title and sections and sections[0][0] and not match_field(sections[0][0], specs):
            title, first_text = sections[0]
            sections[0] = ("", first_text)
        for heading, text in sections:
            key = match_field(heading, specs) if heading else None
            if key is None or key == OTHER:
                part = f"**{heading}**\n\n{text}" if heading else text
                if part.strip():
                    other.append(part.strip())
                continue
            content[key] = "\n\n".join(filter(None, [content.get(key, ""), text.strip()]))
        if other:
            content[OTHER] = "\n\n".join(other)
        return title, content


def _is_heading(paragraph):
    style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    text = paragraph.text.strip()
    if style.startswith(("heading", "titre", "title")):
        return True
    if not text or len(text) > 120:
        return False
    runs = [r for r in paragraph.runs if r.text.strip()]
    if runs and all(r.bold for r in runs):
        return True
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _text(paragraph):
    text = paragraph.text.strip()
    style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    if text and "list" in style:
        return f"- {text}"
    return text


def read_docx(file):
    """The sheet in a Word file. Raises DocxUnreadable (a zip bomb, a damaged file…)."""
    try:
        zipguard.check(file)  # its sizes, declared and real, before python-docx reads it
        return _read(Document(file))
    except zipguard.ZipRefused as exc:
        raise DocxUnreadable(str(exc)) from None
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise DocxUnreadable(str(exc)) from exc
    except Exception as exc:  # python-docx raises many kinds on a damaged file
        raise DocxUnreadable(str(exc) or type(exc).__name__) from exc


def _read(document):
    imported = Imported(title=(document.core_properties.title or "").strip())
    heading, lines = "", []

    def flush():
        text = "\n\n".join(lines).strip()
        if heading or text:
            imported.sections.append((heading, text))

    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
            if style == "title" and paragraph.text.strip():
                imported.title = imported.title or paragraph.text.strip()
                continue
            if _is_heading(paragraph):
                flush()
                heading, lines = paragraph.text.strip(), []
            elif paragraph.text.strip():
                lines.append(_text(paragraph))
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells = [c.text.strip() for c in row.cells if c.text.strip()]
                if cells:
                    lines.append(" | ".join(dict.fromkeys(cells)))
    flush()
    return imported
