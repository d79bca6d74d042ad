"""Organisers add their own fields to the sheet template, order them and remove them; a
removed field that sheets wrote in is archived, and nothing a person wrote is lost."""

import io

import pytest
from django.urls import reverse
from docx import Document

from carnet.capitalisation.models import Exercise
from carnet.practices import domain, outputs
from carnet.practices.forms import SheetForm
from carnet.practices.models import Sheet, SheetTemplate

from .factories import TEXT, make_sheet

URL = reverse("practices:template", args=["euromed"])


@pytest.fixture
def exercise(network):
    return Exercise.objects.create(network=network, title="2019")


def as_posted(form, **changes):
    """What a browser sends back for the template form as shown, with changes."""
    data = {}
    for name, field in form.fields.items():
        if isinstance(field.initial, bool):
            if field.initial:
                data[name] = "on"
        elif field.initial not in (None, ""):
            data[name] = field.initial
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def add_field(client, **changes):
    form = client.get(URL).context["form"]
    return client.post(URL, as_posted(form, **changes))


def template_of(network, exercise):
    return SheetTemplate.objects.get(network=network, exercise=exercise)


def added_key(network, exercise, label):
    return next(
        item["key"] for item in template_of(network, exercise).fields if item["label"] == label
    )


def test_an_added_field_is_offered_with_its_help_length_and_required(
    client, network, exercise, org_a, ana, farid
):
    client.force_login(farid)
    response = add_field(
        client,
        **{
            "new-label": "Partners involved",
            "new-help": "Name the local authorities you worked with.",
            "new-guide": 90,
            "new-required": "on",
        },
    )
    assert response.status_code == 302
    key = added_key(network, exercise, "Partners involved")
    assert key.startswith("added_")
    sheet = make_sheet(network=network, organisation=org_a, by=ana)
    form = SheetForm(sheet=sheet)
    field = form.fields[key]
    assert str(field.label) == "Partners involved"
    assert field.help_text == "Name the local authorities you worked with. About 90 words."
    # Enforced the same way as the default required fields (e.g. the summary): on submit,
    # since a draft saves with anything in it.
    assert field.needed_to_submit is True
    assert field.needed_to_submit == form.fields["summary"].needed_to_submit
    client.force_login(ana)
    html = client.get(reverse("practices:edit", args=["euromed", sheet.slug])).content.decode()
    assert f'name="{key}"' in html
    assert "Name the local authorities you worked with." in html


def test_an_empty_new_field_name_adds_nothing(client, network, exercise, farid):
    client.force_login(farid)
    before = len(domain.template_for(network, exercise).fields)
    assert add_field(client).status_code == 302
    assert len(template_of(network, exercise).fields) == before


def test_fields_are_reordered_by_their_position(client, network, exercise, farid):
    client.force_login(farid)
    add_field(client, **{"summary-position": 20, "advice-position": 1})
    keys = [item["key"] for item in template_of(network, exercise).fields]
    assert keys[0] == "advice"
    assert keys.index("summary") > keys.index("contact")
    assert keys[-1] == "other"  # "Other" always closes the sheet


def test_an_added_field_shows_on_the_page_pdf_and_docx(
    client, network, exercise, org_a, ana, farid
):
    client.force_login(farid)
    add_field(client, **{"new-label": "Partners involved"})
    key = added_key(network, exercise, "Partners involved")
    sheet = make_sheet(
        network=network,
        organisation=org_a,
        by=ana,
        content={**TEXT, key: "The municipality of Shkodër."},
    )
    client.force_login(ana)
    html = client.get(sheet.get_absolute_url()).content.decode()
    assert "Partners involved" in html and "The municipality of Shkodër." in html
    data, _photo = outputs.pdf_data(sheet)
    assert {
        "label": "Partners involved",
        "blocks": outputs.blocks("The municipality of Shkodër."),
    } in data["sections"]
    docx = Document(io.BytesIO(outputs.sheet_docx(sheet)))
    texts = [paragraph.text for paragraph in docx.paragraphs]
    assert "Partners involved" in texts and "The municipality of Shkodër." in texts


def test_removing_a_field_sheets_wrote_in_archives_it_and_keeps_their_text(
    client, network, exercise, org_a, ana, farid
):
    client.force_login(farid)
    add_field(client, **{"new-label": "Partners involved"})
    key = added_key(network, exercise, "Partners involved")
    old = make_sheet(
        network=network, organisation=org_a, by=ana, content={**TEXT, key: "The municipality."}
    )
    response = add_field(client, **{f"{key}-use": None})
    assert response.status_code == 302
    item = next(i for i in template_of(network, exercise).fields if i["key"] == key)
    assert item["archived"] is True
    # New sheets are not offered the field.
    new = make_sheet(network=network, organisation=org_a, by=ana, title="Another practice")
    assert key not in SheetForm(sheet=new).fields
    # The old sheet still shows its text, and saving it again keeps that text.
    client.force_login(ana)
    assert "The municipality." in client.get(old.get_absolute_url()).content.decode()
    old = Sheet.objects.get(pk=old.pk)
    domain.save_version(
        old, by=ana, content={**TEXT, "summary": "Shorter."}, base_revision=old.revision
    )
    assert Sheet.objects.get(pk=old.pk).content[key] == "The municipality."
    # The template page lists it as archived, and ticking "Use" brings it back.
    client.force_login(farid)
    assert "archived" in client.get(URL).content.decode()
    add_field(client, **{f"{key}-use": "on"})
    item = next(i for i in template_of(network, exercise).fields if i["key"] == key)
    assert "archived" not in item


def test_removing_an_unused_added_field_drops_it(client, network, exercise, farid):
    client.force_login(farid)
    add_field(client, **{"new-label": "Partners involved"})
    key = added_key(network, exercise, "Partners involved")
    add_field(client, **{f"{key}-use": None})
    assert key not in {i["key"] for i in template_of(network, exercise).fields}


def test_an_added_field_needs_a_name(client, network, exercise, farid):
    client.force_login(farid)
    add_field(client, **{"new-label": "Partners involved"})
    key = added_key(network, exercise, "Partners involved")
    response = add_field(client, **{f"{key}-label": ""})
    assert response.status_code == 200
    assert response.context["form"].errors[f"{key}-label"]
    assert added_key(network, exercise, "Partners involved") == key


def test_partners_cannot_change_the_template(client, network, exercise, ana):
    client.force_login(ana)
    assert client.post(URL, {"new-label": "Mine"}).status_code == 403
