import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

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
    # Said once at the field, and repeated in the error summary at the top, which links to it
    assert html.count("This file is not a Word document (.docx) we can read") == 2
    summary = html.split('class="error-summary"')[1].split("</div>")[0]
    assert 'href="#id_file"' in summary
    assert Sheet.objects.count() == 0


# --- what people really send: tracked changes, content controls, links, quotes ----------


def xml(document, body_xml):
    """Append raw WordprocessingML (one element) to the body of the document."""
    element = parse_xml(f"<w:wrap {nsdecls('w', 'r')}>{body_xml}</w:wrap>")[0]
    document.element.body.append(element)


def docx_bytes(document):
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def read(document):
    return read_docx(io.BytesIO(docx_bytes(document))).to_sheet(DEFAULT_FIELDS)[1]


def test_text_of_tracked_insertions_is_kept_and_tracked_deletions_are_not():
    document = Document()
    document.add_heading("Results", level=1)
    xml(
        document,
        '<w:p><w:r><w:t xml:space="preserve">We signed </w:t></w:r>'
        '<w:ins w:id="1" w:author="Ana" w:date="2024-01-01T00:00:00Z">'
        '<w:r><w:t xml:space="preserve">a memorandum </w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="Ana" w:date="2024-01-01T00:00:00Z">'
        "<w:r><w:delText>an agreement </w:delText></w:r></w:del>"
        "<w:r><w:t>with the Ministry.</w:t></w:r></w:p>",
    )
    assert read(document) == {"results": "We signed a memorandum with the Ministry."}


def test_text_inside_content_controls_is_kept():
    document = Document()
    document.add_heading("Context", level=1)
    xml(
        document,
        '<w:p><w:r><w:t xml:space="preserve">Country: </w:t></w:r>'
        '<w:sdt><w:sdtPr><w:alias w:val="Country"/></w:sdtPr>'
        "<w:sdtContent><w:r><w:t>Albania</w:t></w:r></w:sdtContent></w:sdt></w:p>",
    )
    xml(
        document,
        '<w:sdt><w:sdtPr><w:alias w:val="Story"/></w:sdtPr><w:sdtContent>'
        "<w:p><w:r><w:t>A block written in a form field.</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>",
    )
    assert read(document) == {"context": "Country: Albania\n\nA block written in a form field."}


def test_links_keep_their_targets_as_markdown_links():
    document = Document()
    document.add_heading("Results", level=1)
    rid = document.part.relate_to("https://example.org/mou", RT.HYPERLINK, is_external=True)
    bad = document.part.relate_to("javascript:alert(1)", RT.HYPERLINK, is_external=True)
    xml(
        document,
        '<w:p><w:r><w:t xml:space="preserve">Read </w:t></w:r>'
        f'<w:hyperlink r:id="{rid}"><w:r><w:t>the memorandum</w:t></w:r></w:hyperlink>'
        '<w:r><w:t xml:space="preserve"> and </w:t></w:r>'
        f'<w:hyperlink r:id="{bad}"><w:r><w:t>this</w:t></w:r></w:hyperlink>'
        "<w:r><w:t>.</w:t></w:r></w:p>",
    )
    assert read(document) == {"results": "Read [the memorandum](https://example.org/mou) and this."}


@pytest.mark.parametrize("style", ["Quote", "Intense Quote"])
def test_a_quote_and_its_signatory_fill_the_quote_fields(style):
    document = Document()
    document.add_heading("What worked", level=1)
    document.add_paragraph("Meeting every month.")
    document.add_paragraph("“The network gave us colleagues,", style)
    document.add_paragraph("not only partners.”", style)
    document.add_paragraph("— Maria Hoxha, social worker")
    document.add_paragraph("Meeting in person helped too.")
    assert read(document) == {
        "what_worked": "Meeting every month.\n\nMeeting in person helped too.",
        "quote": "The network gave us colleagues,\n\nnot only partners.",
        "quote_speaker": "Maria Hoxha",
        "quote_role": "social worker",
    }


def test_the_sheet_docx_we_write_is_read_back_with_its_quote(network, org_a, ana):
    from carnet.practices import outputs

    from .factories import make_sheet

    sheet = make_sheet(
        network=network,
        organisation=org_a,
        by=ana,
        title="Working with the Ministry",
        content={
            "results": "A memorandum.",
            "quote": "We are not alone any more.",
            "quote_speaker": "Maria",
            "quote_role": "social worker",
        },
    )
    imported = read_docx(io.BytesIO(outputs.sheet_docx(sheet, internal=True)))
    title, content = imported.to_sheet(DEFAULT_FIELDS)
    assert title == "Working with the Ministry"
    assert {k: content[k] for k in ("results", "quote", "quote_speaker", "quote_role")} == {
        "results": "A memorandum.",
        "quote": "We are not alone any more.",
        "quote_speaker": "Maria",
        "quote_role": "social worker",
    }
