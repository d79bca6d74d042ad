"""The public library on a 360 px phone, in English, French and Arabic, without JavaScript
needed: filters sent as a plain form, axe clean, nothing wider than the screen."""

import pytest
from playwright.sync_api import expect

from .test_library import published_sheet

pytestmark = pytest.mark.browser


@pytest.fixture
def shelf(network, org_a, author):
    return [published_sheet(network, org_a, author, f"Shelter practice {n}") for n in range(25)]


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_the_public_library_fits_a_phone_and_passes_axe(
    live_server, browser, axe_violations, shelf, language
):
    context = browser.new_context(bypass_csp=True, viewport={"width": 360, "height": 740})
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/library/")
    expect(page.locator(".publications > li")).to_have_count(20)
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_the_filters_work_without_javascript(live_server, browser, shelf):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server.url}/library/")
    page.locator("#f-q").fill("practice 7")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**/library/?q=practice+7*")
    expect(page.locator(".publications > li")).to_have_count(1)
    expect(page.locator(".publications h2")).to_have_text("Shelter practice 7")
    context.close()


def test_on_a_phone_the_first_publication_shows_above_the_folded_filters(
    live_server, browser, shelf
):
    """The five lists are folded under "Filters" (open once one is chosen): a reader on a
    phone sees the words box and the first card without scrolling; the address keeps only
    the filter chosen."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server.url}/library/")
    page.wait_for_load_state("load")  # carnet.js (deferred) shortens the address
    expect(page.get_by_label("Kind")).to_be_hidden()
    expect(page.locator(".publications > li").first).to_be_in_viewport()
    page.get_by_text("Filters").click()
    page.get_by_label("Kind").select_option("sheet")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**/library/?kind=sheet")
    expect(page.get_by_label("Kind")).to_be_visible()  # open: a filter is chosen
    expect(page.get_by_label("Kind")).to_have_value("sheet")
    context.close()
