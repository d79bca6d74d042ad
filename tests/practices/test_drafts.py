"""A half-written sheet saves; what the template requires is asked for on "Submit for
review", with an error summary at the top that links to each field (issue 14, item 6)."""

import pytest

from carnet.practices.enums import SheetState
from carnet.practices.models import Sheet

from .factories import make_sheet
from .test_views import edit_url, form_data


@pytest.fixture
def draft(network, org_a, ana):
    return make_sheet(network=network, organisation=org_a, by=ana, content={"summary": "We train."})


def test_a_half_written_sheet_saves_as_a_new_version(client, ana, draft):
    client.force_login(ana)
    response = client.post(edit_url(draft), form_data(draft, context="Few knew the signs."))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.content["context"] == "Few knew the signs."
    assert draft.content.get("activities", "") == ""
    assert draft.versions.count() == 2


def test_submitting_an_incomplete_sheet_lists_what_to_fill_in_at_the_top(client, ana, draft):
    client.force_login(ana)
    response = client.post(
        edit_url(draft), form_data(draft, context="Few knew the signs.", then="submit")
    )
    assert response["Location"] == edit_url(draft) + "?missing=1"
    draft.refresh_from_db()
    assert draft.state == SheetState.DRAFT
    assert draft.content["context"] == "Few knew the signs."  # saved all the same
    page = client.get(response["Location"]).content.decode()
    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    assert "Saved, not submitted yet" in summary
    assert [link.split('"')[0] for link in summary.split('href="#')[1:]] == [
        "id_activities",
        "id_impact",
        "id_advice",
    ]
    assert 'id="id_activities"' in page


def test_the_submit_button_of_the_sheet_page_also_asks_for_what_is_missing(client, ana, draft):
    client.force_login(ana)
    response = client.post(f"/euromed/sheets/{draft.slug}/state/", {"state": "submitted"})
    assert response["Location"] == edit_url(draft) + "?missing=1"
    assert Sheet.objects.get(pk=draft.pk).state == SheetState.DRAFT


def test_a_complete_sheet_is_saved_and_submitted_in_one_click(client, ana, network, org_a):
    sheet = make_sheet(network=network, organisation=org_a, by=ana)
    client.force_login(ana)
    response = client.post(edit_url(sheet), form_data(sheet, summary="Better.", then="submit"))
    assert response["Location"] == sheet.get_absolute_url()
    sheet.refresh_from_db()
    assert (sheet.state, sheet.content["summary"]) == (SheetState.SUBMITTED, "Better.")


def test_the_edit_page_marks_the_fields_needed_to_submit(client, ana, draft):
    client.force_login(ana)
    page = client.get(edit_url(draft)).content.decode()
    label = page.split('for="id_activities"')[1].split("</label>")[0]
    assert 'class="req"' in label
    label = page.split('for="id_results"')[1].split("</label>")[0]
    assert 'class="req"' not in label
    assert "Save and submit for review" in page
