"""Publishing and removing ask first: in a <dialog> with JavaScript (carnet/carnet.js shows
the confirmation page's own words), on the confirmation page without it."""

import pytest
from playwright.sync_api import expect

from carnet.reports import domain
from carnet.reports.enums import DecisionState
from carnet.reports.models import Chapter

from ..practices.test_browser import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def sent(claire, ana, bora, version):
    """Version 1 sent for review; only Ana's organisation validated it."""
    review = domain.send_for_review(version, by=claire)
    domain.decide(
        review,
        organisation=ana.organisation_in(version.network),
        state=DecisionState.VALIDATED,
        by=ana,
    )
    return version


def test_publishing_opens_a_dialog_that_says_what_is_missing_and_cancel_does_nothing(
    live_server, page, claire, sent
):
    log_in(page.context, live_server, claire)
    page.goto(f"{live_server.url}/euromed/report/v/1/")
    opener = page.get_by_role("link", name="Publish this version…")
    opener.click()
    dialog = page.get_by_role("dialog", name="Publish version 1 of the report?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_text("1 organisation has not validated version 1:")).to_be_visible()
    expect(dialog.get_by_role("listitem")).to_have_text(["Caritas Armenia"])
    assert page.url == f"{live_server.url}/euromed/report/v/1/"  # still on the version page
    dialog.get_by_role("button", name="No, go back").click()
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()
    opener.press("Enter")  # the keyboard opens it again; Escape closes it
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()
    sent.refresh_from_db()
    assert not sent.is_published


def test_publishing_from_the_dialog_publishes(live_server, page, claire, sent):
    log_in(page.context, live_server, claire)
    page.goto(f"{live_server.url}/euromed/report/v/1/")
    page.get_by_role("link", name="Publish this version…").click()
    page.get_by_role("dialog").get_by_role("button", name="Publish version 1").click()
    expect(page.get_by_text("Version 1 is published")).to_be_visible()
    sent.refresh_from_db()
    assert sent.is_published


def test_without_javascript_publishing_goes_through_the_confirmation_page(
    live_server, browser, claire, sent
):
    context = browser.new_context(java_script_enabled=False)
    try:
        log_in(context, live_server, claire)
        page = context.new_page()
        page.goto(f"{live_server.url}/euromed/report/v/1/")
        page.get_by_role("link", name="Publish this version…").click()
        page.wait_for_url(f"{live_server.url}/euromed/report/v/1/publish/")
        expect(page.get_by_role("dialog")).to_have_count(0)
        expect(
            page.get_by_role("heading", level=1, name="Publish version 1 of the report?")
        ).to_be_visible()
        expect(page.get_by_text("1 organisation has not validated version 1:")).to_be_visible()
        page.get_by_role("button", name="Publish version 1").click()
        expect(page.get_by_text("Version 1 is published")).to_be_visible()
    finally:
        context.close()
    sent.refresh_from_db()
    assert sent.is_published


def test_removing_a_chapter_asks_in_a_dialog_then_removes_it(live_server, page, farid, report):
    log_in(page.context, live_server, farid)
    page.goto(f"{live_server.url}/euromed/report/")
    page.get_by_role("link", name="Remove… Methodology").click()
    dialog = page.get_by_role("dialog", name="Remove the chapter “Methodology”?")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Remove the chapter").click()
    expect(page.get_by_text("Chapter removed.")).to_be_visible()
    assert list(Chapter.objects.filter(report=report).values_list("title", flat=True)) == [
        "Introduction",
        "The network over time",
    ]
