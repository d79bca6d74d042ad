"""Text from scans: tesseract on images and on PDF pages without a text layer, in the worker."""

import io

import pytest

from carnet.demo import scans
from carnet.lib import ocr
from carnet.library.domain import extract_text
from carnet.library.enums import ExtractionStatus
from carnet.library.models import Document

from .files import pdf_bytes, upload


@pytest.fixture(autouse=True)
def _read_every_time(settings):
    """These tests read scans for real each time (the suite's OCR cache is off here), so a
    timeout or a missing tesseract is not hidden by a text read earlier."""
    settings.CARNET_OCR_CACHE = None


LINES = ["Minutes of the steering committee", "Shelters for survivors in Tirana"]


def add(client, user, name, data, capture):
    client.force_login(user)
    with capture(execute=True):
        response = client.post(
            "/euromed/capitalisation/documents/new/",
            {"title": "Scanned minutes", "kind": "minutes", "upload": upload(name, data)},
        )
    assert response.status_code == 302
    return Document.objects.get()


def test_a_scanned_image_is_read_by_ocr_in_the_worker(
    client, farid, network, django_capture_on_commit_callbacks
):
    document = add(client, farid, "scan.png", scans.png(LINES), django_capture_on_commit_callbacks)
    assert document.extraction == ExtractionStatus.DONE
    assert document.text == "\n".join(LINES)
    assert document.ocr_pages == [[1, 0, len(document.text)]]
    assert document.page_at(document.text.index("Tirana")) == 1
    page = client.get(document.get_absolute_url()).content.decode()
    assert 'id="page-1"' in page
    assert "OCR text" in page
    assert "Shelters for survivors in Tirana" in page


def test_a_pdf_without_a_text_layer_is_read_page_by_page(network, farid):
    data = scans.pdf(["Page one about hotlines"], ["Second page on referral"])
    document = Document.objects.create(network=network, title="Scan", file_kind="pdf")
    document.file.save("scan.pdf", io.BytesIO(data), save=True)
    assert extract_text(document) == ExtractionStatus.DONE
    document.refresh_from_db()
    assert document.text == "Page one about hotlines\nSecond page on referral"
    assert document.ocr_pages == [[1, 0, 23], [2, 24, 47]]
    assert document.page_at(document.text.index("referral")) == 2


def test_a_pdf_with_a_text_layer_is_not_read_by_ocr(network):
    document = Document.objects.create(network=network, title="Typed", file_kind="pdf")
    document.file.save("typed.pdf", io.BytesIO(pdf_bytes("Typed report")), save=True)
    assert extract_text(document) == ExtractionStatus.DONE
    document.refresh_from_db()
    assert (document.text, document.ocr_pages) == ("Typed report", [])


def test_an_unreadable_scan_keeps_its_document_with_the_reason_and_a_retry(
    client, farid, vera, network, django_capture_on_commit_callbacks
):
    document = Document.objects.create(network=network, title="Broken scan", file_kind="png")
    document.file.save("broken.png", io.BytesIO(b"\x89PNG not really"), save=True)
    assert extract_text(document) == ExtractionStatus.FAILED
    document.refresh_from_db()
    assert document.extraction_error == "the image cannot be read"
    client.force_login(vera)
    page = client.get(document.get_absolute_url()).content.decode()
    assert "the image cannot be read" in page
    assert "Try again" not in page  # a viewer may not change the document
    client.force_login(farid)
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Try again" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{document.get_absolute_url()}extract/")
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.extraction, document.extraction_error) == (
        ExtractionStatus.FAILED,
        "the image cannot be read",
    )


def test_ocr_that_takes_too_long_is_stopped_with_the_reason(network, monkeypatch):
    monkeypatch.setattr(ocr, "TIMEOUT", 0.01)
    document = Document.objects.create(network=network, title="Slow scan", file_kind="png")
    document.file.save("slow.png", io.BytesIO(scans.png(LINES * 20)), save=True)
    assert extract_text(document) == ExtractionStatus.FAILED
    document.refresh_from_db()
    assert document.extraction_error == "OCR took longer than 0.01 seconds"


def test_without_tesseract_the_document_says_so(network, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    document = Document.objects.create(network=network, title="Scan", file_kind="png")
    document.file.save("scan.png", io.BytesIO(scans.png(LINES)), save=True)
    assert extract_text(document) == ExtractionStatus.FAILED
    document.refresh_from_db()
    assert document.extraction_error == "OCR (tesseract) is not installed on this server"


@pytest.mark.parametrize(
    ("codes", "expected"),
    [(["en", "fr", "sq"], "eng+fra+sqi"), (["sr-latn", "uk"], "srp_latn+ukr"), (["xx"], "eng")],
)
def test_the_networks_languages_choose_the_ocr_languages(codes, expected):
    assert ocr.tesseract_languages(codes) == expected


def test_a_long_scan_is_read_up_to_the_page_limit_and_says_so(network, monkeypatch):
    monkeypatch.setattr(ocr, "MAX_PAGES", 1)
    data = scans.pdf(["Page one about hotlines"], ["Second page on referral"])
    document = Document.objects.create(network=network, title="Long scan", file_kind="pdf")
    document.file.save("long.pdf", io.BytesIO(data), save=True)
    assert extract_text(document) == ExtractionStatus.DONE
    document.refresh_from_db()
    assert (document.text, document.ocr_pages) == ("Page one about hotlines", [[1, 0, 23]])
    assert document.extraction_error == (
        "OCR stopped at page 2: too many scanned pages to read them all"
    )


def test_with_a_cache_identical_bytes_are_read_once(settings, tmp_path, monkeypatch):
    settings.CARNET_OCR_CACHE = str(tmp_path)
    data = scans.pdf(LINES)
    first = ocr.pdf_page_text(data, 1, ["en"])
    monkeypatch.setenv("PATH", "/nonexistent")  # tesseract gone: only the cache can answer
    assert ocr.pdf_page_text(data, 1, languages=("en",)) == first
    assert "Shelters" in first
    with pytest.raises(ocr.OcrFailed):
        ocr.pdf_page_text(data, 1, ["en", "fr"])  # other languages: read again
