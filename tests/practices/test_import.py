import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from carnet.accounts.enums import Verb
from carnet.accounts.models import Action
from carnet.practices.docximport import match_field, read_docx
from carnet.practices.fields import DEFAULT_FIELDS
from carnet.practices.models import Sheet

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def word_file():
    document = Document()
    document.add_paragraph("Caritas Bosnia and Herzegovina: working with the Ministry", "Title")
    document.add_paragraph("We start with words before any heading.")
    document.add_heading("IMPACT OF OUR PARTICIPATION", level=1)
    document.add_paragraph("Action-research run jointly with the Ministry of Security.")
    bold = document.add_paragraph().add_run(
        "My advice to other organizations wishing to implement a network:"
    )
    bold.bold = True
    document.add_paragraph("Build good professional and personal relations.", "List Bullet")
    document.add_heading("Résultats", level=2)
    document.add_paragraph("A memorandum of understanding with the State Coordinator.")
    document.add_heading("Partners we met", level=2)
    document.add_paragraph("The police and the social services.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("IMPACT OF OUR PARTICIPATION", "impact"),
        ("My advice to other organizations wishing to implement a network", "advice"),
        ("Mes conseils aux organisations", "advice"),
        ("What we intend to do next", "next_steps"),
        ("The practice and its context", "context"),
        ("Résultats (chiffres)", "results"),
        ("What we did", "activities"),
        ("Partners we met", None),
    ],
)
def test_headings_match_fields_whatever_case_language_or_punctuation(heading, key):
    assert match_field(heading, DEFAULT_FIELDS) == key


def test_read_docx_places_every_word():
    title, content = read_docx(io.BytesIO(word_file())).to_sheet(DEFAULT_FIELDS)
    assert title == "Caritas Bosnia and Herzegovina: working with the Ministry"
    assert content == {
        "impact": "Action-research run jointly with the Ministry of Security.",
        "advice": "- Build good professional and personal relations.",
        "results": "A memorandum of understanding with the State Coordinator.",
        "other": "We start with words before any heading.\n\n"
        "**Partners we met**\n\nThe police and the social services.",
    }


def test_import_view_creates_a_sheet_and_logs_it(client, network, org_a, ana):
    client.force_login(ana)
    response = client.post(
        reverse("practices:import", args=["euromed"]),
        {"file": SimpleUploadedFile("bih.docx", word_file(), DOCX), "organisation": org_a.pk},
        follow=True,
    )
    sheet = Sheet.objects.get()
    assert sheet.content["impact"] == "Action-research run jointly with the Ministry of Security."
    assert "Some text did not match a field" in response.content.decode()
    assert Action.objects.filter(verb=Verb.IMPORT, object_id=str(sheet.pk)).count() == 1
    assert sheet.versions.get().note == "Imported from bih.docx"


def zip_without_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<not really xml")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content",
    [b"PK\x03\x04 broken zip", b"%PDF-1.7 a pdf", b"plain text", zip_without_document()],
    ids=["corrupt", "pdf", "text", "damaged-docx"],
)
def test_import_refuses_what_is_not_a_readable_docx_with_one_message(
    client, network, org_a, ana, content
):
    client.force_login(ana)
    response = client.post(
        reverse("practices:import", args=["euromed"]),
        {"file": SimpleUploadedFile("sheet.docx", content, DOCX), "organisation": org_a.pk},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("This file is not a Word document (.docx) we can read") == 1
    assert Sheet.objects.count() == 0
