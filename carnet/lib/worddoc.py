"""Word files people print: A4 pages, a running header, "page X of Y" in the footer, and a
table of contents that already lists the chapters (with links to them) before Word fills in
the page numbers, which it does on opening (the document asks it to update its fields)."""

from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

A4_WIDTH, A4_HEIGHT = Cm(21), Cm(29.7)


class Styled:
    """A python-docx Document whose add_paragraph(style=...) and add_heading() look each style
    up once. python-docx looks the style up in the whole styles part for every paragraph it is
    given one for, by name or as an object (about 1 ms each: most of a report's Word build).
    Everything else is the document's own (`Styled(Document())` is used as the Document)."""

    def __init__(self, document):
        self._document = document
        self._ids = {}

    def __getattr__(self, name):
        return getattr(self._document, name)

    def add_paragraph(self, text="", style=None):
        paragraph = self._document.add_paragraph(text)
        if style is not None:
            if style not in self._ids:
                self._ids[style] = self._document.styles[style].style_id
            paragraph._p.style = self._ids[style]
        return paragraph

    def add_heading(self, text="", level=1):
        """As Document.add_heading: "Title" for level 0, else "Heading <level>"."""
        return self.add_paragraph(text, "Title" if level == 0 else f"Heading {level}")


def a4(document, *, margin_cm=2.5):
    for section in document.sections:
        section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
        section.left_margin = section.right_margin = Cm(margin_cm)
        section.top_margin = section.bottom_margin = Cm(margin_cm)


def _fld_char(kind):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def _run_with(paragraph, *elements):
    run = paragraph.add_run()
    for element in elements:
        run._r.append(element)
    return run


def field_begin(paragraph, instruction):
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    _run_with(paragraph, _fld_char("begin"))
    _run_with(paragraph, text)
    _run_with(paragraph, _fld_char("separate"))


def field_end(paragraph):
    _run_with(paragraph, _fld_char("end"))


def field(paragraph, instruction, shown=""):
    """A field (PAGE, NUMPAGES, PAGEREF x…) showing `shown` until Word computes it."""
    field_begin(paragraph, instruction)
    paragraph.add_run(shown)
    field_end(paragraph)


def header_and_footer(document, *, header, page_of):
    """`header`: the text at the top of each page; `page_of`: e.g. "Page {page} of {pages}"
    in the document's language."""
    for section in document.sections:
        top = section.header.paragraphs[0]
        top.text = header
        top.style = document.styles["Header"]
        bottom = section.footer.paragraphs[0]
        bottom.style = document.styles["Footer"]
        before, _, rest = page_of.partition("{page}")
        middle, _, after = rest.partition("{pages}")
        bottom.add_run(before)
        field(bottom, "PAGE", "1")
        bottom.add_run(middle)
        field(bottom, "NUMPAGES", "1")
        bottom.add_run(after)


def bookmark(paragraph, name, number):
    """Mark a paragraph (a heading) so the table of contents can link to it."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    paragraph._p.insert(0, start)
    paragraph._p.append(end)


def table_of_contents(document, entries):
    """entries: [(level 1 or 2, text, bookmark name)]. A TOC field whose current result is
    the list of entries, each a link to its heading, the page numbers left to Word."""
    if not entries:
        return
    paragraphs = []
    for level, text, name in entries:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            A4_WIDTH - Cm(5), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        paragraphs.append((paragraph, text, name))
    field_begin(paragraphs[0][0], 'TOC \\o "1-2" \\h \\z \\u')
    for paragraph, text, name in paragraphs:
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), name)
        run = OxmlElement("w:r")
        label = OxmlElement("w:t")
        label.set(qn("xml:space"), "preserve")
        label.text = text
        run.append(label)
        link.append(run)
        paragraph._p.append(link)
        paragraph.add_run("\t")
        field(paragraph, f"PAGEREF {name} \\h", "")
    field_end(paragraphs[-1][0])


def update_fields_on_open(document):
    """Ask Word to compute the page numbers and the table of contents when the file opens."""
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
