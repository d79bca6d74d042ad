import pytest

from carnet.lib.textextract import ExtractionFailed, extract

from .files import docx_bytes, odt_bytes, pdf_bytes

TEXT = "Joint advocacy at the United Nations in Geneva"


def test_extract_reads_pdf():
    assert extract(pdf_bytes(TEXT), "pdf") == TEXT


def test_extract_reads_docx_paragraphs():
    assert extract(docx_bytes(f"{TEXT}\nSecond line"), "docx") == f"{TEXT}\nSecond line"


def test_extract_reads_odt_paragraphs():
    assert extract(odt_bytes(f"{TEXT}\nSecond line"), "odt") == f"{TEXT}\nSecond line"


def test_extract_reads_txt_in_utf8_and_cp1252():
    assert extract("Prishtinë  café\n\n".encode(), "txt") == "Prishtinë café"
    assert extract("Caf\xe9".encode("cp1252"), "txt") == "Café"


def test_extract_gives_no_text_for_images():
    assert extract(b"\x89PNG...", "png") == ""


@pytest.mark.parametrize("kind", ["pdf", "docx", "odt"])
def test_extract_refuses_damaged_files_with_a_reason(kind):
    with pytest.raises(ExtractionFailed):
        extract(b"%PDF-1.4 this is not really a document", kind)
