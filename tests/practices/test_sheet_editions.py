"""A sheet's PDF and DOCX in a language (?language=): its validated or published copy in
that language, else the original with a note saying so; the template's labels in it."""

import io
import re
import subprocess

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext, override
from docx import Document

from carnet.lib.languages import language_name
from carnet.practices import domain
from carnet.practices.enums import SheetState
from carnet.practices.models import Sheet
from carnet.translations.models import Translation
from tests.practices.factories import make_sheet


@pytest.fixture
def sheet(network, org_a, ana):
    network.languages = "en, sq, ar"
    network.save()
    sheet = make_sheet(network=network, organisation=org_a, by=ana)
    Sheet.objects.filter(pk=sheet.pk).update(state=SheetState.PUBLISHED)
    sheet.refresh_from_db()
    copy = domain.add_translation(sheet, by=ana, language="sq")
    copy.title = "Identifikimi i viktimave së bashku"
    copy.save()
    return sheet


NOTE = (
    "This sheet has no reviewed %(language)s translation yet: it is shown in %(original)s, "
    "the language it was written in."
)


def docx_text(response):
    assert response.status_code == 200, response.status_code
    doc = Document(io.BytesIO(response.content))
    return "\n".join(p.text for p in doc.paragraphs)


def url(sheet, language, fmt="docx"):
    return f"/{sheet.network.slug}/sheets/{sheet.slug}/sheet.{fmt}?language={language}"


def test_the_copy_in_the_language_is_used_once_validated_else_the_original_says_so(
    client, sheet, ana
):
    copy = sheet.translations.get()
    client.force_login(ana)
    # A draft copy is not an edition: the original, with a note (in Albanian) saying so.
    text = docx_text(client.get(url(sheet, "sq")))
    assert "Identifying victims together" in text and "Identifikimi" not in text
    with override("sq"):
        note = gettext(NOTE) % {"language": language_name("sq"), "original": language_name("en")}
    assert note in text

    Sheet.objects.filter(pk=copy.pk).update(state=SheetState.VALIDATED)
    text = docx_text(client.get(url(sheet, "sq")))
    assert "Identifikimi i viktimave së bashku" in text
    assert "Identifying victims together" not in text

    # A reader outside the network does not see a copy that is only validated.
    client.logout()
    text = docx_text(client.get(url(sheet, "sq")))
    assert "Identifying victims together" in text and "Identifikimi" not in text


def test_the_template_labels_are_in_the_editions_language(client, sheet, ana, tmp_path):
    template = sheet.template
    key = "summary"  # a field the sheet has text in
    template.fields = [
        {**item, "label": "What we did"} if item["key"] == key else item for item in template.fields
    ]
    template.save()
    Translation.objects.create(
        network=sheet.network,
        content_type=ContentType.objects.get_for_model(template),
        object_id=str(template.pk),
        field=f"label:{key}",
        language="ar",
        text="ما فعلناه",
        source="What we did",
    )
    client.force_login(ana)
    text = docx_text(client.get(url(sheet, "ar")))
    assert "ما فعلناه" in text  # the label in Arabic
    assert "Identifying victims together" in text  # no Arabic copy: the original, noted
    response = client.get(url(sheet, "ar", "pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "sheet.pdf"
    path.write_bytes(response.content)
    pdf = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    pdf = re.sub(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", pdf)
    assert "ما فعلناه" in pdf and "Identifying victims together" in pdf


@pytest.mark.parametrize("code", ["xx", "de", "sq%27%3E"])
def test_a_language_the_network_does_not_write_in_is_not_found(client, sheet, ana, code):
    client.force_login(ana)
    assert client.get(url(sheet, code)).status_code == 404
    assert client.get(url(sheet, code, "pdf")).status_code == 404
