"""Plain text out of a document: PDF (pypdf), DOCX (python-docx), ODT (its XML), TXT.

extract(data, kind) returns the text, or raises ExtractionFailed with a short reason.
Images have no text there: they return "". A DOCX or ODT is a zip: zipguard checks
its sizes before it is parsed (the worker reads files that may predate the upload checks).

extract_with_ocr(data, kind, languages=...) also reads scans (carnet.lib.ocr, worker only):
an image, and each page of a PDF without a text layer. It returns an Extracted: the text and
where OCR text is in it, as [page, start, end] spans (offsets into the text).
"""

import io
import time
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

from carnet.lib import ocr, zipguard

MAX_CHARS = 5_000_000

ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


class ExtractionFailed(Exception):
    pass


def _pdf(data):
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ExtractionFailed("the PDF is encrypted")
        return "\n\n".join((page.extract_text() or "").strip() for page in reader.pages)
    except PyPdfError as exc:
        raise ExtractionFailed(f"unreadable PDF: {exc}") from None


def _guard(data, kind):
    try:
        zipguard.check(io.BytesIO(data))
    except zipguard.ZipRefused as exc:
        raise ExtractionFailed(f"{kind} refused before reading: {exc}") from None


def _docx(data):
    import docx

    _guard(data, "DOCX")
    try:
        document = docx.Document(io.BytesIO(data))
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ExtractionFailed(f"unreadable DOCX: {exc}") from None
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _odt(data):
    _guard(data, "ODT")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            root = ElementTree.fromstring(archive.read("content.xml"))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError) as exc:
        raise ExtractionFailed(f"unreadable ODT: {exc}") from None
    blocks = []
    for element in root.iter():
        if element.tag in (f"{{{ODF_TEXT}}}p", f"{{{ODF_TEXT}}}h"):
            blocks.append("".join(element.itertext()))
    return "\n".join(blocks)


def _txt(data):
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ExtractionFailed("unknown text encoding")  # pragma: no cover - latin-1 decodes all


EXTRACTORS = {"pdf": _pdf, "docx": _docx, "odt": _odt, "txt": _txt}


def _clean(text):
    text = text.replace("\x00", "")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def extract(data, kind):
    """The text of a document of the given kind (pdf, docx, odt, txt; images give "")."""
    extractor = EXTRACTORS.get(kind)
    if extractor is None:
        return ""
    try:
        text = extractor(data)
    except ExtractionFailed:
        raise
    except Exception as exc:  # a damaged file may break a parser in any way
        raise ExtractionFailed(f"{kind.upper()} could not be read ({type(exc).__name__})") from None
    return _clean(text)[:MAX_CHARS]


OCR_IMAGE_KINDS = {"jpg", "jpeg", "png", "gif", "webp"}


@dataclass
class Extracted:
    text: str
    ocr_pages: list = field(default_factory=list)  # [[page, start, end], ...]
    note: str = ""  # what the person should know (e.g. pages left unread)


def _pdf_pages(data):
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ExtractionFailed("the PDF is encrypted")
        return [page.extract_text() or "" for page in reader.pages]
    except PyPdfError as exc:
        raise ExtractionFailed(f"unreadable PDF: {exc}") from None


def _read_pages(data, kind, languages):
    """[(page, text, by_ocr)], and a note."""
    if kind in OCR_IMAGE_KINDS:
        return [(1, ocr.image_text(data, languages), True)], ""
    if kind != "pdf":
        return [(1, extract(data, kind), False)], ""
    pages, note, read = [], "", 0
    deadline = time.monotonic() + ocr.TOTAL_TIMEOUT
    for number, text in enumerate(_pdf_pages(data), start=1):
        if _clean(text):
            pages.append((number, text, False))
        elif read < ocr.MAX_PAGES and time.monotonic() < deadline:
            pages.append((number, ocr.pdf_page_text(data, number, languages), True))
            read += 1
        elif not note:
            note = f"OCR stopped at page {number}: too many scanned pages to read them all"
    return pages, note


def extract_with_ocr(data, kind, *, languages=("en",)):
    """The text of a document, reading scans with OCR; ExtractionFailed with the reason."""
    try:
        pages, note = _read_pages(data, kind, languages)
    except ocr.OcrFailed as exc:
        raise ExtractionFailed(str(exc)) from None
    except ExtractionFailed:
        raise
    except Exception as exc:  # a damaged file may break a parser in any way
        raise ExtractionFailed(f"{kind.upper()} could not be read ({type(exc).__name__})") from None
    parts, spans, length = [], [], 0
    for number, text, by_ocr in pages:
        cleaned = _clean(text)
        if not cleaned:
            continue
        if parts:
            length += 1  # the line break between pages
        if by_ocr:
            spans.append([number, length, length + len(cleaned)])
        parts.append(cleaned)
        length += len(cleaned)
    text = "\n".join(parts)[:MAX_CHARS]
    spans = [[page, start, min(end, len(text))] for page, start, end in spans if start < len(text)]
    return Extracted(text, spans, note)
