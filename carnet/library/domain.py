"""The network's document library: adding documents and extracting their text."""

from django.db import transaction

from carnet.accounts.domain import record
from carnet.accounts.enums import Verb
from carnet.lib import textextract
from carnet.lib.uploads import (
    DOCUMENT_KINDS,
    EXTENSIONS,
    IMAGE_KINDS,
    check_document,
    clean_image,
    random_path,
    safe_name,
    store_image,
)

from .enums import ExtractionStatus
from .models import Document


def add_document(*, network, uploaded, by, **fields):
    """Check and store an uploaded document, then queue its text extraction."""
    kind = check_document(uploaded, kinds=DOCUMENT_KINDS | IMAGE_KINDS)
    document = Document(network=network, created_by=by, file_kind=kind, **fields)
    document.full_clean(exclude=["file"])
    if kind in IMAGE_KINDS:
        clean = clean_image(uploaded)
        document.file.name = store_image(clean, document.file.storage, "documents")
        document.file_kind = clean.content.name.rsplit(".", 1)[-1]
        # A scan or a photo of a flip-chart: its text is read by OCR in the worker.
    else:
        name = safe_name(getattr(uploaded, "name", "document"), EXTENSIONS[kind])
        uploaded.seek(0)
        document.file.save(random_path("documents", name), uploaded, save=False)
    document.save()
    record(Verb.CREATE, document, by=by, data={"kind": document.file_kind})
    if document.extraction == ExtractionStatus.PENDING:
        queue_extraction(document)
    return document


def queue_extraction(document):
    from .tasks import extract_document_text

    transaction.on_commit(lambda: extract_document_text.enqueue(document.pk))


def extract_text(document):
    """Extract a document's text, reading scans (images, PDF pages without a text layer)
    with OCR in the document's language first, then the network's other languages; a
    failure keeps the document, with the reason."""
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
        extracted = textextract.extract_with_ocr(
            data,
            document.file_kind,
            languages=list(
                dict.fromkeys([document.text_language, *document.network.language_codes])
            ),
        )
    except (textextract.ExtractionFailed, OSError, ValueError) as exc:
        document.extraction = ExtractionStatus.FAILED
        document.extraction_error = str(exc)[:300]
        document.save(update_fields=["extraction", "extraction_error"])
        return document.extraction
    document.text = extracted.text
    document.ocr_pages = extracted.ocr_pages
    document.extraction = (
        ExtractionStatus.DONE if extracted.text.strip() else ExtractionStatus.EMPTY
    )
    document.extraction_error = extracted.note[:300]
    document.save(update_fields=["text", "ocr_pages", "extraction", "extraction_error"])
    return document.extraction


def saved(document, *, by, created):
    """Write the action log line for a document just created or changed in a form."""
    record(Verb.CREATE if created else Verb.CHANGE, document, by=by)
    return document


def extract_again(document, *, by):
    """Queue a document's text extraction again (after a failure, or when it is stuck)."""
    document.extraction = ExtractionStatus.PENDING
    document.save(update_fields=["extraction"])
    record(Verb.STATE, document, by=by, data={"to": ExtractionStatus.PENDING})
    queue_extraction(document)
