"""Read a good-practice sheet written in Word: headings matched to the template's fields.

Matching ignores case, accents, punctuation and the language (English or
French wording). What cannot be matched goes to the "other" field, with its
heading, for the author to place: nothing is dropped.

Text is read as Word shows it: tracked insertions kept (deletions dropped), text inside
content controls kept, links kept as Markdown links. A paragraph in a quote style
(Quote, Intense Quote) goes to the quote fields, with the signatory line that follows
it ("— Name, role").
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

from .fields import DEFAULT_BY_KEY, OTHER

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# inline elements whose text Word shows: runs, tracked insertions and moves (not
# deletions, w:del / w:moveFrom), content controls, fields, smart tags, links
SHOWN = {
    W + tag
    for tag in (
        "r", "ins", "moveTo", "sdt", "sdtContent", "fldSimple", "smartTag", "customXml",
        "dir", "bdo",
    )
}  # fmt: skip
RUN_TEXT = {
    W + "t": None,
    W + "tab": "\t",
    W + "br": "\n",
    W + "cr": "\n",
    W + "noBreakHyphen": "-",
}
BLOCK_CONTAINERS = {W + "sdt", W + "sdtContent", W + "customXml"}
QUOTE_STYLES = {"quote", "intense quote", "citation", "citation intense"}
SIGNATURE = re.compile(r"\s*[—–―-]\s*(\S.*)")
QUOTE_MARKS = re.compile(r'^[“"«„]\s*|\s*[”"»]$')


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
    fields: dict = field(default_factory=dict)  # {key: text} read by style (the quote)

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
        keys = {spec.key for spec in specs}
        for key, text in self.fields.items():
            if key in keys:
                content[key] = text
            else:  # a template without quote fields: the author places it
                other.append(f"**{DEFAULT_BY_KEY[key].label}**\n\n{text}")
        if other:
            content[OTHER] = "\n\n".join(other)
        return title, content


def _style(paragraph):
    return (paragraph.style.name or "").lower() if paragraph.style is not None else ""


def _is_heading(paragraph, text):
    style = _style(paragraph)
    if style.startswith(("heading", "titre", "title")):
        return True
    if not text or len(text) > 120:
        return False
    runs = [r for r in paragraph.runs if r.text.strip()]
    if runs and all(r.bold for r in runs):
        return True
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _shown_text(element, part, links=True):
    """The text Word shows for a paragraph (or a part of it); links as Markdown."""
    out = []
    for child in element:
        if child.tag in RUN_TEXT:
            out.append(child.text or "" if RUN_TEXT[child.tag] is None else RUN_TEXT[child.tag])
        elif child.tag == W + "hyperlink":
            text = _shown_text(child, part, links)
            target = _link_target(child, part) if links else ""
            out.append(f"[{text}]({target})" if target and text.strip() else text)
        elif child.tag in SHOWN:
            out.append(_shown_text(child, part, links))
    return "".join(out)


def _link_target(hyperlink, part):
    rel = part.rels.get(hyperlink.get(RELATIONSHIP_ID) or "")
    target = rel.target_ref if rel is not None and rel.is_external else ""
    if not target.startswith(("http://", "https://", "mailto:")):
        return ""
    return target.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _blocks(container):
    """Paragraphs and tables, including those inside content controls."""
    for child in container:
        if child.tag in (W + "p", W + "tbl"):
            yield child
        elif child.tag in BLOCK_CONTAINERS:
            yield from _blocks(child)


def _quote_fields(lines, signatory):
    fields = {"quote": QUOTE_MARKS.sub("", "\n\n".join(lines).strip())}
    if signatory:
        speaker, _comma, role = signatory.partition(",")
        fields["quote_speaker"], fields["quote_role"] = speaker.strip(), role.strip()
    return {key: value for key, value in fields.items() if value}


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
    part = document.part
    heading, lines = "", []
    quote, signatory, after_quote = [], "", False

    def flush():
        text = "\n\n".join(lines).strip()
        if heading or text:
            imported.sections.append((heading, text))

    for child in _blocks(document.element.body):
        if child.tag == W + "tbl":
            for row in Table(child, document).rows:
                texts = [
                    "\n".join(_shown_text(p, part) for p in _blocks(c._tc) if p.tag == W + "p")
                    for c in row.cells
                ]
                cells = [text.strip() for text in texts if text.strip()]
                if cells:
                    lines.append(" | ".join(dict.fromkeys(cells)))
            continue
        paragraph = Paragraph(child, document)
        style, text = _style(paragraph), _shown_text(child, part).strip()
        if not text:
            continue
        signature = SIGNATURE.fullmatch(text)
        if style in QUOTE_STYLES and not signature:
            quote.append(text)
            after_quote = True
            continue
        if after_quote and signature and not signatory:
            signatory = signature[1]
            continue
        after_quote = False
        plain = _shown_text(child, part, links=False).strip()
        if style == "title":
            imported.title = imported.title or plain
        elif _is_heading(paragraph, plain):
            flush()
            heading, lines = plain, []
        else:
            lines.append(f"- {text}" if "list" in style else text)
    flush()
    if quote:
        imported.fields = _quote_fields(quote, signatory)
    return imported
