import io
import subprocess

from docx import Document
from docx.oxml.ns import qn

from carnet.reports import domain


def pdf_pages_text(data, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return pages, text.split("\f")


def test_the_pdf_has_a_cover_a_table_of_contents_chapters_and_page_numbers(version, tmp_path):
    pages, texts = pdf_pages_text(domain.read_file(version.pdf), tmp_path)
    assert len(pages) == 5  # cover, contents, one page per chapter
    assert all(page.stat().st_size > 1000 for page in pages)
    assert "Nine years" in texts[0] and "Version 1" in texts[0]
    assert "Contents" in texts[1]
    for title in ["1 Introduction", "2 The network over time", "3 Methodology"]:
        assert title in " ".join(texts[1].split())
    assert "Why we capitalised." in texts[2]
    assert texts[1].split()[-1] == "2/5" and texts[4].split()[-1] == "5/5"  # not on the cover
    assert "/5" not in texts[0]
    assert "Caritas Albania" in texts[3]  # the chart's table


def test_the_pdf_renders_armenian_arabic_and_cyrillic(report, farid, tmp_path):
    from carnet.reports.enums import ChapterKind

    domain.add_chapter(
        report,
        by=farid,
        kind=ChapterKind.TEXT,
        title="Languages",
        body="Կարիտաս Հայաստան — كاريتاس لبنان — Каритас Україна",
    )
    version = domain.build_now(report, by=farid)[0]
    _pages, texts = pdf_pages_text(domain.read_file(version.pdf), tmp_path)
    text = " ".join(texts)
    assert "Կարիտաս" in text
    assert "Каритас" in text
    assert "كاريتاس" in text or "ﻛﺎﺭﻳﺘﺎﺱ" in text or "ﺱﺎﺘﻳﺭﺎﻛ" in text


def test_the_docx_has_real_headings_and_the_chart_as_an_image(version):
    doc = Document(io.BytesIO(domain.read_file(version.docx)))
    headings = [
        (p.style.name, p.text)
        for p in doc.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings == [
        ("Title", "Nine years"),
        ("Heading 1", "Introduction"),
        ("Heading 2", "How"),
        ("Heading 1", "The network over time"),
        ("Heading 1", "Methodology"),
    ]
    assert len(doc.inline_shapes) == 1
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["interviews", "a workshop"]


def test_the_html_export_is_one_file_with_its_styles(report, farid):
    version, data = domain.build_now(report, by=farid, fmt="html")
    html = data.decode()
    assert html.startswith("<!doctype html>")
    assert "<style>" in html and "--accent" in html
    assert '<h2 id="chapter-1-title">1. Introduction</h2>' in html
    assert "<svg" in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")


def test_the_docx_is_a4_with_a_running_header_and_page_x_of_y(version):
    doc = Document(io.BytesIO(domain.read_file(version.docx)))
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert section.header.paragraphs[0].text.endswith(" · Nine years")
    footer = section.footer._element
    fields = [text.text.strip() for text in footer.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert section.footer.paragraphs[0].text == "Page 1 of 1"  # until Word counts them


def test_the_docx_contents_list_the_chapters_each_linked_to_its_heading(version):
    doc = Document(io.BytesIO(domain.read_file(version.docx)))
    body = doc.element.body
    bookmarks = {
        mark.get(qn("w:name")): "".join(t.text for t in mark.getparent().iter(qn("w:t")))
        for mark in body.iter(qn("w:bookmarkStart"))
    }
    entries = [
        ("".join(t.text for t in link.iter(qn("w:t"))), bookmarks[link.get(qn("w:anchor"))])
        for link in body.iter(qn("w:hyperlink"))
    ]
    assert entries == [
        ("Introduction", "Introduction"),
        ("How", "How"),
        ("The network over time", "The network over time"),
        ("Methodology", "Methodology"),
    ]
    assert "Right-click" not in "".join(p.text for p in doc.paragraphs)
    update = doc.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"  # Word fills the numbers
