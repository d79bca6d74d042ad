"""Plain text out of a document: PDF (pypdf), DOCX (python-docx), ODT (its XML), TXT.

extract(data, kind) returns the text, or raises ExtractionFailed with a short reason.
Images have no text here (no OCR): they return "". A DOCX or ODT is a zip: zipguard checks
its sizes before it is parsed (the worker reads files that may predate the upload checks).
"""

import io
import zipfile
from xml.etree import ElementTree

from carnet.lib import zipguard

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
    text = text.replace("\x00", "")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    cleaned = "\n".join(line for line in lines if line)
    return cleaned[:MAX_CHARS]
