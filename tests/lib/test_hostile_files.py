"""Hostile files cost little: zip bombs (DOCX, ODT) and decompression bombs (PNG) are refused
with a clear message before any parser or decoder sees their content, in the web process
(uploads, the DOCX import) and in the worker (text extraction)."""

import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from carnet.lib.textextract import ExtractionFailed, extract
from carnet.lib.uploads import UploadRefused, check_document, clean_image
from carnet.library.models import Document
from carnet.practices.docximport import DocxUnreadable, read_docx
from carnet.practices.models import Sheet
from tests.archive.test_limits import lie_about_size

from .bombs import MB, docx_bomb, docx_bytes, odt_bomb, png_bomb

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BOMB_MESSAGE = (
    "The file expands {found} times once uncompressed, more than the 100 times Carnet "
    "accepts: it may be a “zip bomb”."
)


def upload(data, name="practice.docx"):
    return SimpleUploadedFile(name, data)


@pytest.fixture(scope="module")
def bomb():
    """A real DOCX of about 20 KB whose document.xml expands to 20 MB."""
    return docx_bomb(20 * MB)


def ratio(data, member="word/document.xml"):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(member)
        return info.file_size // info.compress_size


def test_a_docx_zip_bomb_is_refused_on_upload_before_parsing(bomb):
    with pytest.raises(UploadRefused) as refusal:
        check_document(upload(bomb))
    assert refusal.value.code == "zip_bomb"
    assert refusal.value.messages == [BOMB_MESSAGE.format(found=ratio(bomb))]


def test_a_document_larger_than_the_limit_once_unzipped_is_refused(settings):
    settings.DOCUMENT_MAX_UNZIPPED_MB = 1
    buffer = io.BytesIO(docx_bytes())
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("word/media/noise.bin", os.urandom(2 * MB))  # does not compress
    with pytest.raises(UploadRefused) as refusal:
        check_document(upload(buffer.getvalue()))
    assert refusal.value.messages == [
        "The file is larger than 1.0\xa0MB once uncompressed, the most Carnet reads: it may be "
        "a “zip bomb”."
    ]


def test_a_document_whose_zip_directory_lies_about_sizes_is_refused_as_damaged(tmp_path):
    path = tmp_path / "liar.docx"
    path.write_bytes(docx_bomb(3 * MB))
    lie_about_size(path, "word/document.xml", 1000)  # passes every declared limit
    with pytest.raises(UploadRefused) as refusal:
        check_document(upload(path.read_bytes()))
    assert refusal.value.messages == ["The file is damaged or encrypted and cannot be read."]


def test_text_extraction_in_the_worker_refuses_zip_bombs_before_parsing(bomb):
    with pytest.raises(ExtractionFailed) as docx_refusal:
        extract(bomb, "docx")
    assert str(docx_refusal.value).startswith("DOCX refused before reading: ratio: ")
    with pytest.raises(ExtractionFailed) as odt_refusal:
        extract(odt_bomb(20 * MB), "odt")
    assert str(odt_refusal.value).startswith("ODT refused before reading: ratio: content.xml")


def test_the_docx_reader_refuses_a_zip_bomb(bomb):
    with pytest.raises(DocxUnreadable) as refusal:
        read_docx(io.BytesIO(bomb))
    assert str(refusal.value).startswith("ratio: word/document.xml")


def test_the_docx_import_form_answers_400_with_the_reason(client, network, org_a, ana, bomb):
    client.force_login(ana)
    response = client.post(
        "/euromed/sheets/import/",
        {"file": SimpleUploadedFile("bomb.docx", bomb, DOCX), "organisation": org_a.pk},
    )
    assert response.status_code == 400
    assert BOMB_MESSAGE.format(found=ratio(bomb)) in response.content.decode()
    assert Sheet.objects.count() == 0


def test_the_library_refuses_a_zip_bomb_with_a_400(client, farid, network, bomb):
    client.force_login(farid)
    response = client.post(
        "/euromed/capitalisation/documents/new/",
        {"title": "Report", "kind": "report", "upload": upload(bomb)},
    )
    assert response.status_code == 400
    assert BOMB_MESSAGE.format(found=ratio(bomb)) in response.content.decode()
    assert Document.objects.count() == 0


# --- images ----------------------------------------------------------------------------------


def test_a_png_that_would_take_too_much_memory_decoded_is_refused_before_decoding(settings):
    settings.IMAGE_MAX_DECODED_MB = 1
    with pytest.raises(UploadRefused) as refusal:
        clean_image(upload(png_bomb(1000, 600), "bomb.png"))  # 2.4 MB once decoded
    assert refusal.value.code == "too_many_pixels"
    assert refusal.value.messages == [
        "The image would take more than 1.0\xa0MB of memory once decoded (1000 × 600 pixels): "
        "it may be a “decompression bomb”. Send a smaller image."
    ]


def test_the_pixel_limit_is_a_setting(settings):
    settings.IMAGE_MAX_MEGAPIXELS = 1
    with pytest.raises(UploadRefused) as refusal:
        clean_image(upload(png_bomb(1500, 1000), "bomb.png"))
    assert refusal.value.messages == ["The image is too large (1500 × 1000 pixels)."]


def test_the_library_refuses_a_decompression_bomb_with_a_clear_form_error(
    client, farid, network, settings
):
    settings.IMAGE_MAX_DECODED_MB = 1
    client.force_login(farid)
    response = client.post(
        "/euromed/capitalisation/documents/new/",
        {"title": "Photo", "kind": "other", "upload": upload(png_bomb(1000, 600), "bomb.png")},
    )
    assert response.status_code == 400
    assert "it may be a “decompression bomb”" in response.content.decode()
    assert Document.objects.count() == 0
