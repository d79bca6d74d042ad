"""Render a composed report (a JSON-able document, see domain.compose) to PDF and DOCX.

PDF: Typst with the fonts shipped in carnet/fonts; the document is passed as JSON
and read by report.typ, never spliced into markup. DOCX: python-docx with Word's
own styles (Title, Heading 1-3, List Bullet, Quote, Caption) so reviewers get real
headings and a table of contents.
"""

import io
from pathlib import Path

from django.core.files.storage import default_storage
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from PIL import Image

from carnet.lib import typst as typst_render
from carnet.lib import worddoc

TEMPLATES = Path(__file__).parent / "typst"


class RenderError(Exception):
    def __init__(self, message, *, chapter="", item=""):
        super().__init__(message)
        self.chapter, self.item = chapter, item


def _files(document):
    """The charts and photos Typst reads, by name; a broken photo names its chapter."""
    files = {name: svg.encode() for name, svg in document.get("assets", {}).items()}
    for chapter in document["chapters"]:
        for block in chapter["blocks"]:
            if block["t"] != "image":
                continue
            source = block["media"]
            try:
                with default_storage.open(source, "rb") as handle:
                    data = handle.read()
                with Image.open(io.BytesIO(data)) as image:
                    image.verify()
            except Exception as exc:  # a missing or broken image names its chapter and item
                raise RenderError(
                    f"image {source!r} cannot be read ({exc.__class__.__name__})",
                    chapter=chapter["title"],
                    item=block.get("caption") or source,
                ) from None
            files[block["src"]] = data
    return files


def render_pdf(document):
    try:
        return typst_render.render(TEMPLATES / "report.typ", document, files=_files(document))
    except typst_render.RenderError as exc:
        raise RenderError(f"the PDF could not be typeset: {str(exc)[:500]}") from None


def svg_to_png(svg, *, width_cm=16):
    """Raster an SVG chart for Word, with Typst (no other converter needed)."""
    return typst_render.render(
        TEMPLATES / "chart.typ",
        {"width": width_cm},
        files={"chart.svg": svg.encode()},
        fmt="png",
        ppi=144,
    )


def _add_runs(paragraph, runs):
    for run in runs:
        piece = paragraph.add_run(run["text"])
        piece.bold = run.get("b") or None
        piece.italic = run.get("i") or None
        if run.get("code"):
            piece.font.name = "Courier New"
        if run.get("href"):
            piece.underline = True


def _add_block(doc, block, document):
    """Write one block; returns the heading's paragraph for a heading (to bookmark it)."""
    kind = block["t"]
    if kind == "h":
        return doc.add_heading(block["text"], level=min(block["level"], 3))
    elif kind == "p":
        _add_runs(doc.add_paragraph(), block["runs"])
    elif kind == "list":
        style = "List Number" if block["ordered"] else "List Bullet"
        for item in block["items"]:
            for inner in item:
                if inner["t"] == "p":
                    _add_runs(doc.add_paragraph(style=style), inner["runs"])
                else:
                    _add_block(doc, inner, document)
    elif kind == "quote":
        for inner in block.get("blocks", []):
            if inner["t"] == "p":
                _add_runs(doc.add_paragraph(style="Quote"), inner["runs"])
        if block.get("runs"):
            _add_runs(doc.add_paragraph(style="Quote"), block["runs"])
        if block.get("by"):
            doc.add_paragraph(f"— {block['by']}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif kind == "table":
        head, rows = block["head"], block["rows"]
        table = doc.add_table(rows=1, cols=max(1, len(head)))
        table.style = "Light Grid Accent 1"
        for cell, value in zip(table.rows[0].cells, head, strict=False):
            cell.text = value
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=False):
                cell.text = value
        if block.get("caption"):
            doc.add_paragraph(block["caption"], style="Caption")
    elif kind == "figure":
        png = svg_to_png(document["assets"][block["src"]])
        doc.add_picture(io.BytesIO(png), width=Cm(16))
        doc.add_paragraph(block.get("caption", ""), style="Caption")
    elif kind == "image":
        with default_storage.open(block["media"], "rb") as handle:
            doc.add_picture(io.BytesIO(handle.read()), width=Cm(12))
        caption = block.get("caption", "")
        if block.get("credit"):
            caption = f"{caption} — {block['credit']}"
        doc.add_paragraph(caption, style="Caption")
    elif kind == "code":
        doc.add_paragraph(block["text"]).runs[0].font.name = "Courier New"
    elif kind == "pagebreak":
        doc.add_page_break()


def _contents(document):
    """[(level, text, bookmark)] of the table of contents: each chapter, and the level-2
    headings at the top of its blocks, in the order render_docx writes them."""
    entries = []
    for chapter in document["chapters"]:
        entries.append((1, chapter["title"], f"_carnet_{len(entries) + 1}"))
        for block in chapter["blocks"]:
            if block["t"] == "h" and block["level"] <= 2:
                entries.append((2, block["text"], f"_carnet_{len(entries) + 1}"))
    return entries


# What comes after w:bidi in a paragraph's properties, and after w:rtl in a run's (the
# schema's order: Word refuses a file whose elements are out of it).
AFTER_BIDI = (
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
    "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()
AFTER_RTL = "cs em lang eastAsianLayout specVanish oMath rPrChange".split()


def _insert(parent, name, successors):
    if parent.find(qn(name)) is not None:
        return
    element = OxmlElement(name)
    for child in parent:
        if child.tag in {qn(f"w:{s}") for s in successors}:
            child.addprevious(element)
            return
    parent.append(element)


def right_to_left(doc):
    """Every paragraph of the body right to left (an Arabic edition), its runs too."""
    for paragraph in doc.paragraphs:
        _insert(paragraph._p.get_or_add_pPr(), "w:bidi", AFTER_BIDI)
        for run in paragraph.runs:
            _insert(run._r.get_or_add_rPr(), "w:rtl", AFTER_RTL)


def render_docx(document):
    """The report as an A4 Word file: the title page, the table of contents, the chapters;
    a running header (the network and the title) and page numbers on every page."""
    doc = worddoc.Styled(Document())
    worddoc.a4(doc)
    doc.core_properties.title = document["title"]
    doc.core_properties.author = document["network"]
    normal = doc.styles["Normal"]
    normal.font.name = "Noto Serif"
    normal.font.size = Pt(10.5)
    worddoc.header_and_footer(
        doc,
        header=f"{document['network']} · {document['title']}",
        page_of=document["labels"].get("page_of", "{page} / {pages}"),  # older versions: none
    )
    doc.add_paragraph(document["network"])
    doc.add_heading(document["title"], level=0)
    if document.get("subtitle"):
        doc.add_paragraph(document["subtitle"], style="Subtitle")
    doc.add_paragraph(f"{document['version_label']} · {document['date']}")
    doc.add_page_break()
    doc.add_paragraph(document["labels"]["contents"], style="TOC Heading")
    contents = _contents(document)
    worddoc.table_of_contents(doc, contents)
    marks = iter(enumerate(contents, start=1))

    def mark(paragraph):
        number, (_level, _text, name) = next(marks)
        worddoc.bookmark(paragraph, name, number)

    edition = document.get("edition")
    if edition:
        doc.add_page_break()
        doc.add_paragraph(edition["title"], style="Intense Quote")
        doc.add_paragraph(edition["text"])
        for line in edition["lines"]:
            doc.add_paragraph(line, style="List Bullet")
    for chapter in document["chapters"]:
        doc.add_page_break()
        mark(doc.add_heading(chapter["title"], level=1))
        if chapter.get("note"):
            doc.add_paragraph().add_run(chapter["note"]).italic = True
        for block in chapter["blocks"]:
            try:
                paragraph = _add_block(doc, block, document)
            except Exception as exc:
                raise RenderError(
                    f"{exc.__class__.__name__}: {exc}", chapter=chapter["title"], item=block["t"]
                ) from None
            if block["t"] == "h" and block["level"] <= 2:
                mark(paragraph)
    if document.get("dir") == "rtl":
        right_to_left(doc)
    worddoc.update_fields_on_open(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
