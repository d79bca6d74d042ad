"""Ana logs in on a phone and lands on what waits for her."""

import pytest
from playwright.sync_api import expect

from carnet.practices import domain as practices
from carnet.practices.enums import SheetState
from carnet.timeline.enums import MilestoneState
from tests.practices.factories import make_sheet
from tests.timeline.factories import MilestoneFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def ana_is_awaited(network, org_a, ana, farid):
    MilestoneFactory(network=network, state=MilestoneState.PROPOSED)
    MilestoneFactory(network=network, state=MilestoneState.PROPOSED)
    sheet = make_sheet(network=network, organisation=org_a, by=ana, title="Hotline for victims")
    practices.set_state(sheet, SheetState.SUBMITTED, by=ana)
    practices.set_state(sheet, SheetState.IN_REVIEW, by=farid)
    practices.suggest(sheet, by=farid, field="context", replacement="Shorter.")
    practices.set_state(sheet, SheetState.CHANGES_REQUESTED, by=farid)


def test_ana_logs_in_on_a_360px_phone_and_lands_on_what_waits_for_her(
    live_server, browser, ana_is_awaited
):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password").fill("secret-pass-123")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/accounts/waiting/")

    assert page.get_by_role("heading", level=1).inner_text() == "Waiting for you"
    menu = page.locator("details.menu > summary")  # the header's menu, closed on phones
    expect(menu).to_contain_text("3 waiting for you")
    menu.click()
    header_link = page.get_by_role("link", name="Waiting for you (3)")
    expect(header_link).to_be_visible()
    assert header_link.get_attribute("aria-current") == "page"
    network = page.get_by_role("region", name="Euro-Mediterranean network")
    expect(network.get_by_role("heading", level=2)).to_be_visible()
    assert network.get_by_role("listitem").get_by_role("link").all_inner_texts() == [
        "Vote on 2 proposed key moments",
        "Revise «Hotline for victims»: changes were requested",
        "Answer 1 suggestion on «Hotline for victims»",
    ]
    expect(network.get_by_text("waiting since")).to_have_count(3)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    network.get_by_role("link", name="Answer 1 suggestion on «Hotline for victims»").click()
    page.wait_for_url(f"{live_server.url}/euromed/sheets/hotline-for-victims/")
    assert errors == []
    context.close()
