"""carnet.js, autosubmit: the language switcher, list filters and votes act when a choice is made;
without JavaScript their button stays and does it; the arrow keys do not reload the page."""

import re

import pytest
from playwright.sync_api import expect

from .practices.test_browser import log_in

pytestmark = pytest.mark.browser


def test_choosing_a_language_changes_it_without_a_button(live_server, page, network):
    page.goto(f"{live_server.url}/euromed/")
    expect(page.get_by_role("button", name="Change")).to_be_hidden()
    page.get_by_label("Language").select_option("fr")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert page.url == f"{live_server.url}/euromed/"


def test_without_javascript_the_language_switcher_keeps_its_button(live_server, browser, network):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/euromed/")
        page.get_by_label("Language").select_option("fr")
        expect(page.locator("html")).to_have_attribute("lang", "en")  # nothing sent yet
        page.get_by_role("button", name="Change").click()
        expect(page.locator("html")).to_have_attribute("lang", "fr")
    finally:
        context.close()


def test_an_arrow_key_does_not_reload_the_page_and_enter_sends_the_choice(
    live_server, page, network
):
    page.goto(f"{live_server.url}/euromed/")
    select = page.get_by_label("Language")
    select.focus()
    select.press("ArrowDown")
    expect(page.get_by_role("button", name="Change")).to_be_visible()  # for the keyboard
    assert page.locator("html").get_attribute("lang") == "en"
    expect(select).to_be_focused()
    select.press("Enter")
    expect(page.locator("html")).not_to_have_attribute("lang", "en")


def test_a_sheet_filter_applies_when_chosen(live_server, page, ana):
    log_in(page.context, live_server, ana)
    page.goto(f"{live_server.url}/euromed/sheets/")
    filters = page.get_by_role("search", name="Filter the sheets")
    expect(filters.get_by_role("button", name="Filter")).to_be_hidden()
    level = filters.get_by_label("Level")
    chosen = level.locator("option").nth(1).get_attribute("value")
    level.select_option(chosen)
    expect(page).to_have_url(re.compile(rf"level={chosen}"))
    expect(filters.get_by_label("Level")).to_have_value(chosen)
