import pytest
from playwright.sync_api import expect

from carnet.practices import domain
from carnet.practices.enums import SheetState, SuggestionStatus
from carnet.practices.models import Sheet
from tests.browsing import log_in

from .factories import make_sheet

pytestmark = pytest.mark.browser


@pytest.fixture
def sheet(network, org_a, ana):
    return make_sheet(network=network, organisation=org_a, by=ana)


def edit_url(live_server, sheet):
    return f"{live_server.url}/euromed/sheets/{sheet.slug}/edit/"


def test_writing_a_sheet_on_a_360px_phone(live_server, page, sheet, ana):
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page.context, live_server, ana)
    page.goto(edit_url(live_server, sheet))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    impact = page.get_by_label("Impact of our participation in the network")
    impact.fill("We **met** the police and the schools.")
    assert page.locator("#id_impact-count").inner_text() == "7 / 200 words"
    preview = page.locator("#id_impact ~ button.preview-toggle")
    preview.click()
    assert page.locator("#id_impact-preview strong").inner_text() == "met"
    page.get_by_text("Draft kept on this device.").wait_for()
    # Leaving and coming back: the draft kept on the phone comes back.
    page.goto(f"{live_server.url}/euromed/sheets/")
    page.goto(edit_url(live_server, sheet))
    page.get_by_text("Your unsaved changes were brought back: save them.").wait_for()
    assert impact.input_value() == "We **met** the police and the schools."
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Saved as version 2.").wait_for()
    assert Sheet.objects.get(pk=sheet.pk).content["impact"] == (
        "We **met** the police and the schools."
    )


def test_leaving_with_unsaved_changes_asks_first(live_server, page, sheet, ana):
    log_in(page.context, live_server, ana)
    page.goto(edit_url(live_server, sheet))
    page.get_by_label("Results (with figures)").fill("120 people trained")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"]


def test_suggesting_on_a_selected_passage(live_server, page, sheet, ana, farid):
    domain.set_state(sheet, "submitted", by=ana)
    log_in(page.context, live_server, farid)
    page.goto(f"{live_server.url}/euromed/sheets/{sheet.slug}/")
    page.evaluate(
        """() => {
          const p = document.querySelector('.text[data-field=summary] p');
          const node = p.firstChild, start = node.textContent.indexOf('120 social workers');
          const range = document.createRange();
          range.setStart(node, start); range.setEnd(node, start + '120 social workers'.length);
          const s = window.getSelection(); s.removeAllRanges(); s.addRange(range);
          p.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
        }"""
    )
    # the toolbar next to the selection opens the form under the passage
    page.locator("#selection-tools").get_by_role("button", name="Suggest a change").click()
    expect(page.locator("#selection-panel").get_by_label("Proposed text")).to_be_focused()
    assert page.locator("#id_field").input_value() == "summary"
    assert page.get_by_label("Passage", exact=True).input_value() == "120 social workers"
    page.get_by_label("Proposed text").fill("120 social workers and 40 police officers")
    page.get_by_label("Comment", exact=True).first.fill("Add the police.")
    page.get_by_role("button", name="Send the suggestion").click()
    page.get_by_text("Suggestion sent.").wait_for()
    suggestion = sheet.suggestions.get()
    assert (suggestion.field, suggestion.passage, suggestion.author) == (
        "summary",
        "120 social workers",
        farid,
    )
    assert page.locator(".badge.suggestions").first.inner_text() == "1 open suggestion"


def test_accepting_a_suggestion(live_server, page, sheet, ana, farid):
    domain.suggest(sheet, by=farid, field="summary", passage="120", replacement="130")
    log_in(page.context, live_server, ana)
    page.goto(edit_url(live_server, sheet))
    page.locator(".suggestion").get_by_role("button", name="Accept").click()
    page.get_by_text("Accepted: version 2.").wait_for()
    assert page.get_by_label("Summary").input_value().startswith("Caritas trained 130 social")
    assert sheet.suggestions.get().status == SuggestionStatus.ACCEPTED


def test_concurrent_edit_shows_both_texts_to_merge(live_server, browser, sheet, ana, farid):
    pages = []
    for person in (ana, farid):
        context = browser.new_context()
        log_in(context, live_server, person)
        page = context.new_page()
        page.goto(edit_url(live_server, sheet))
        pages.append(page)
    first, second = pages
    first.get_by_label("Impact of our participation in the network").fill("Ana's impact")
    first.get_by_role("button", name="Save", exact=True).click()
    first.get_by_text("Saved as version 2.").wait_for()
    second.get_by_label("Impact of our participation in the network").fill("Farid's impact")
    second.get_by_role("button", name="Save", exact=True).click()
    second.get_by_role(
        "heading", name="Someone saved this sheet while you were editing it"
    ).wait_for()
    assert second.locator(".merge pre.theirs").inner_text() == "Ana's impact"
    assert second.locator(".merge pre.mine").inner_text() == "Farid's impact"
    assert Sheet.objects.get(pk=sheet.pk).content["impact"] == "Ana's impact"
    second.get_by_label("Impact of our participation in the network").fill(
        "Ana's impact, and Farid's"
    )
    second.get_by_role("button", name="Save", exact=True).click()
    second.get_by_text("Saved as version 3.").wait_for()
    assert Sheet.objects.get(pk=sheet.pk).content["impact"] == "Ana's impact, and Farid's"
    for page in pages:
        page.context.close()


def test_a_change_after_validation_resets_it(live_server, page, sheet, ana, farid):
    for state, person in [
        ("submitted", ana), ("in_review", farid), ("approved", farid), ("validated", ana)
    ]:  # fmt: skip
        domain.set_state(sheet, state, by=person)
    log_in(page.context, live_server, ana)
    page.goto(edit_url(live_server, sheet))
    page.get_by_text("Version 1 is validated: saving a change resets the validation.").wait_for()
    page.get_by_label("Results (with figures)").fill("120 people trained")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("the validation is reset and the sheet needs a new validation").wait_for()
    assert page.locator(".badge.state").first.inner_text() == "Approved"
    sheet.refresh_from_db()
    assert (sheet.state, sheet.validated_version) == (SheetState.APPROVED, None)


def test_review_round_trip_farid_asks_ana_answers_on_a_phone(
    live_server, browser, sheet, ana, farid, axe_violations
):
    """Farid (1280 px) suggests and asks for changes with a note; Ana (360 px) reads the note
    above the suggestions, accepts one, rejects the other with a reason; Farid then sees both
    among the resolved suggestions. Clicks are counted for the closing note of issue 14."""
    domain.set_state(sheet, "submitted", by=ana)
    domain.set_state(sheet, "in_review", by=farid)
    domain.suggest(sheet, by=farid, field="summary", passage="120", replacement="130")
    domain.suggest(sheet, by=farid, field="context", passage="Few", replacement="Hardly any")
    url = f"{live_server.url}/euromed/sheets/{sheet.slug}/"
    clicks = {"farid": 0, "ana": 0}

    desk = browser.new_context(viewport={"width": 1280, "height": 800})
    log_in(desk, live_server, farid)
    page = desk.new_page()
    page.goto(url)
    # he suggests only:
    expect(page.get_by_role("button", name="Accept", exact=True)).to_have_count(0)
    page.get_by_label("Note (optional").fill("Please add the results of 2019.")
    page.get_by_role("button", name="Ask for changes").click()
    clicks["farid"] += 1
    page.get_by_text("Please add the results of 2019.").wait_for()
    expect(page.get_by_role("button", name="Move to")).to_have_count(0)

    phone = browser.new_context(bypass_csp=True, viewport={"width": 360, "height": 740})  # axe
    log_in(phone, live_server, ana)
    mobile = phone.new_page()
    mobile.goto(url)
    note = mobile.locator(".review-note")
    assert "Please add the results of 2019." in note.inner_text()
    suggestions = mobile.locator("section.suggestions")
    assert note.bounding_box()["y"] < suggestions.bounding_box()["y"]
    assert axe_violations(mobile) == []
    first = mobile.locator(".suggestion").nth(0)
    first.get_by_role("button", name="Accept").click()
    clicks["ana"] += 1
    mobile.get_by_text("Accepted: version 2.").wait_for()
    second = mobile.locator("ol.notes .suggestion").first  # under its paragraph
    second.get_by_text("Reject…").click()
    second.get_by_label("Why?").fill("Some professionals did know the signs.")
    second.get_by_role("button", name="Reject the suggestion").click()
    clicks["ana"] += 2
    mobile.get_by_text("Suggestion rejected.").wait_for()
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 360
    mobile.get_by_role("button", name="Submit the revised sheet").click()
    clicks["ana"] += 1
    mobile.get_by_text("The sheet is now").wait_for()
    expect(mobile.locator(".review-note")).to_have_count(0)  # resubmitted: the note is done

    page.goto(url)
    resolved = page.locator("#resolved-suggestions")
    resolved.locator("summary").click()
    clicks["farid"] += 1
    assert "Rejected" in resolved.inner_text() and "Accepted" in resolved.inner_text()
    assert "Reason: Some professionals did know the signs." in resolved.inner_text()
    stored = Sheet.objects.get(pk=sheet.pk)
    assert stored.state == SheetState.RESUBMITTED
    assert sorted(stored.suggestions.values_list("status", flat=True)) == [
        SuggestionStatus.ACCEPTED,
        SuggestionStatus.REJECTED,
    ]
    assert clicks == {"farid": 2, "ana": 4}
