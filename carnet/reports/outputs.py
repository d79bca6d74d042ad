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


def _toc(doc):
    paragraph = doc.add_paragraph()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = 'TOC \\o "1-2" \\h \\z \\u'
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "Right-click to update the table of contents."
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run = paragraph.add_run()._r
    for element in (begin, instruction, separate, placeholder, end):
        run.append(element)


def _add_block(doc, block, document):
    kind = block["t"]
    if kind == "h":
        doc.add_heading(block["text"], level=min(block["level"], 3))
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


def render_docx(document):
    doc = Document()
    doc.core_properties.title = document["title"]
    doc.core_properties.author = document["network"]
    normal = doc.styles["Normal"]
    normal.font.name = "Noto Serif"
    normal.font.size = Pt(10.5)
    doc.add_paragraph(document["network"])
    doc.add_heading(document["title"], level=0)
    if document.get("subtitle"):
        doc.add_paragraph(document["subtitle"], style="Subtitle")
    doc.add_paragraph(f"{document['version_label']} · {document['date']}")
    doc.add_page_break()
    doc.add_paragraph(document["labels"]["contents"], style="TOC Heading")
    _toc(doc)
    for chapter in document["chapters"]:
        doc.add_page_break()
        doc.add_heading(chapter["title"], level=1)
        for block in chapter["blocks"]:
            try:
                _add_block(doc, block, document)
            except Exception as exc:
                raise RenderError(
                    f"{exc.__class__.__name__}: {exc}", chapter=chapter["title"], item=block["t"]
                ) from None
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
