"""The sheet PDF, checked the way a reader sees it: text extracted, pages rendered."""

import io
import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from carnet.lib import typst
from carnet.practices import outputs
from carnet.practices.models import SheetPhoto
from carnet.safeguarding.enums import ConsentScope

from .factories import TEXT, make_sheet

LONG = "\n\n".join(
    "Our staff met the police, the social services and the schools of the region. " * 6
    for _ in range(6)
)


def pdf_text(pdf, tmp_path):
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return path, text


def page_pngs(path, tmp_path):
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "page")], check=True)
    return sorted(tmp_path.glob("page-*.png"))


@pytest.fixture
def sheet(network, org_a, ana):
    content = {
        **TEXT,
        "impact": "Армения, Україна: the network gave us knowledge. Հայաստան. العربية",
        "quote": "The network made us stronger.",
        "quote_speaker": "Mira K.",
        "quote_role": "Programme officer",
    }
    sheet = make_sheet(network=network, organisation=org_a, by=ana, content=content)
    sheet.consent_scope, sheet.consent_by = ConsentScope.PUBLICATION, "Mira K."
    sheet.save()
    return sheet


def test_sheet_pdf_has_the_text_in_every_script_on_one_a4_page(sheet, tmp_path):
    path, text = pdf_text(outputs.sheet_pdf(sheet), tmp_path)
    assert "Identifying victims together" in text
    assert "Caritas Albania · Albania" in text
    assert "Impact of our participation in the network" in text
    assert "Армения, Україна" in text
    assert "Հայաստան" in text
    assert "العربية" in text
    assert "The network made us stronger." in text
    assert "Mira K., Programme officer" in text
    assert "Euro-Mediterranean network — Good-practice sheet" in text
    pages = page_pngs(path, tmp_path)
    assert len(pages) == 1
    with Image.open(pages[0]) as page:
        assert page.size == (331, 468)  # A4 at 40 dpi
        low, high = page.convert("L").getextrema()
        assert (low, high) == (0, 255) or high - low > 100  # ink on paper, not a blank page
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "NotoSans-Regular" in fonts
    assert "NotoSansArmenian" in fonts
    assert "NotoNaskhArabic" in fonts
    assert "NotoSerif-Italic" in fonts


def test_the_pdf_prints_the_characters_written_not_html_entities(sheet, tmp_path):
    sheet.content = {
        **sheet.content,
        "impact": "Research & advocacy with the <shelters>.",
        "quote": 'Us & them, "together".',
    }
    _path, text = pdf_text(outputs.sheet_pdf(sheet), tmp_path)
    assert "Research & advocacy with the <shelters>." in text
    assert 'Us & them, "together".' in text
    assert "&amp;" not in text and "&lt;" not in text and "&quot;" not in text


def test_a_long_sheet_flows_onto_a_second_page_with_its_footer(sheet, tmp_path):
    sheet.content = {**sheet.content, "activities": LONG, "results": LONG}
    path, text = pdf_text(outputs.sheet_pdf(sheet), tmp_path)
    assert len(page_pngs(path, tmp_path)) == 2
    compact = text.replace(" ", "")
    assert "1/2" in compact and "2/2" in compact


def test_pdf_leaves_out_a_photo_and_quote_without_consent_to_publish(sheet, tmp_path):
    buffer = io.BytesIO()
    Image.new("RGB", (800, 500), (200, 30, 30)).save(buffer, "JPEG")
    SheetPhoto.objects.create(
        sheet=sheet,
        image=SimpleUploadedFile("p.jpg", buffer.getvalue()),
        caption="Training in Shkodër",
        credit="Caritas Albania",
        consent_scope=ConsentScope.INTERNAL,
    )
    sheet.consent_scope = ConsentScope.INTERNAL
    _path, public = pdf_text(outputs.sheet_pdf(sheet), tmp_path)
    assert "Training in Shkodër" not in public
    assert "The network made us stronger." not in public
    _path, internal = pdf_text(outputs.sheet_pdf(sheet, internal=True), tmp_path)
    assert "Training in Shkodër — Caritas Albania" in internal
    assert "internal, not published (Draft)" in internal


def test_pdf_view_serves_a_pdf(client, sheet, ana):
    client.force_login(ana)
    response = client.get(reverse("practices:pdf", args=["euromed", sheet.slug]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_typst_data_is_never_markup(tmp_path):
    template = tmp_path / "t.typ"
    template.write_text("#let data = json(bytes(sys.inputs.data))\n#data.text\n")
    pdf = typst.render(template, {"text": '#panic("no") ]] *bold* $x$'})
    _path, text = pdf_text(pdf, tmp_path)
    assert '#panic("no") ]] *bold* $x$' in text


def test_fonts_are_shipped_with_their_licence():
    fonts = {p.name for p in Path(typst.FONTS_DIR).iterdir()}
    assert {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf",
            "NotoSerif-Regular.ttf", "NotoSansArmenian-Regular.ttf",
            "NotoNaskhArabic-Regular.ttf", "OFL.txt"} <= fonts  # fmt: skip


def test_typst_errors_are_render_errors(tmp_path):
    template = tmp_path / "t.typ"
    template.write_text('#panic("broken template")')
    with pytest.raises(typst.RenderError, match="broken template"):
        typst.render(template, {})
