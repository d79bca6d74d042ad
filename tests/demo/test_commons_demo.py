"""The demo's public library lists euromed's published sheets; its scanned document is read by
OCR, page by page."""

from carnet.demo.commons import TITLE
from carnet.demo.loader import load
from carnet.library.enums import ExtractionStatus
from carnet.library.models import Document
from carnet.practices.models import Sheet


def test_the_demo_public_library_lists_euromeds_published_sheets(client, db):
    load()
    published = list(Sheet.objects.published().filter(network__slug="euromed"))
    assert published
    page = client.get("/library/?network=euromed&kind=sheet").content.decode()
    for sheet in published:
        assert f'href="{sheet.get_absolute_url()}"' in page
    unpublished = Sheet.objects.filter(network__slug="euromed").exclude(state="published")
    for sheet in unpublished:
        assert f'href="{sheet.get_absolute_url()}"' not in page
    feed = client.get("/library/feed.atom").content.decode()
    assert published[0].title in feed


def test_the_demo_scanned_document_is_read_by_ocr(client, db):
    load()
    document = Document.objects.get(title=TITLE)
    assert document.extraction == ExtractionStatus.DONE
    assert "Each shelter names one person for referrals" in document.text
    assert [page for page, _start, _end in document.ocr_pages] == [1, 2]
    assert document.page_at(document.text.index("contact list")) == 2
