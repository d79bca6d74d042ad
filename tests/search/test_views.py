"""The search page: linked from the network's navigation, works without JS, never errors."""

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from playwright.sync_api import expect

from tests.browsing import log_in


def test_the_network_navigation_links_to_the_search(client, network):
    response = client.get("/euromed/")
    assert b'href="/euromed/search/"' in response.content


def test_the_page_groups_results_with_escaped_snippets_and_links(client, knowledge, claire):
    client.force_login(claire)
    response = client.get("/euromed/search/", {"q": "hotline"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="kind-document"' in page and 'id="kind-interview"' in page
    assert f'href="{knowledge["document"].get_absolute_url()}"' in page
    assert "<mark>hotline</mark>" in page


def test_filters_are_read_from_the_address(client, knowledge, claire, org_b):
    client.force_login(claire)
    response = client.get("/euromed/search/", {"q": "hotline", "organisation": org_b.pk})
    page = response.content.decode()
    assert 'id="kind-interview"' in page and 'id="kind-document"' not in page
    # An invalid filter is shown and ignored; the search still runs.
    response = client.get("/euromed/search/", {"q": "hotline", "since": "not a date"})
    assert response.status_code == 200
    assert 'id="kind-document"' in response.content.decode()


def test_the_theme_filter_offers_the_network_s_themes(client, knowledge, network, claire):
    from carnet.vocabulary.domain import seed

    seed(network)
    sheet = knowledge["sheet_a"]
    sheet.themes = ["prevention"]
    sheet.save()
    client.force_login(claire)
    page = client.get("/euromed/search/", {"q": "victims"}).content.decode()
    assert '<option value="prevention">' in page and 'id="kind-document"' in page
    page = client.get("/euromed/search/", {"q": "victims", "theme": "prevention"}).content.decode()
    assert 'id="kind-sheet"' in page and 'id="kind-document"' not in page
    assert '<option value="prevention" selected>' in page
    # A theme the network does not have is shown as an error and ignored.
    response = client.get("/euromed/search/", {"q": "victims", "theme": "nonsense"})
    assert response.status_code == 200 and 'id="kind-document"' in response.content.decode()


def test_a_capped_count_says_more_than(client, knowledge, network, claire, monkeypatch):
    from carnet.capitalisation.models import Learning
    from carnet.search import engine

    for number in range(3):
        Learning.objects.create(
            network=network, statement=f"Hotline lesson {number}.", category="x"
        )
    monkeypatch.setattr(engine, "COUNT_CAP", 2)
    client.force_login(claire)
    page = client.get("/euromed/search/", {"q": "hotline"}).content.decode()
    assert "more than 2" in page and "More than" in page


def test_one_kind_shows_its_results_and_the_others_link_to_theirs(client, knowledge, claire):
    client.force_login(claire)
    page = client.get("/euromed/search/", {"q": "hotline", "kind": "chapter"}).content.decode()
    assert 'id="kind-chapter"' in page and 'id="kind-document"' not in page


QUERIES = [
    "",
    " ",
    '"',
    '"""',
    "AND OR NOT",
    "NEAR(a b)",
    "a* -b +c ^d",
    "\x00",
    "hot\x00line",
    "\u202ehotline\u202c",
    "ложь hotline ملجأ",
    "x" * 10_000,
    "hotline " * 2000,
    "'; DROP TABLE search_entry; --",
    "title:hotline",
    "(((",
    "\\",
    "🙂 ",
    "\ufeff\u200b",
]


@pytest.mark.parametrize("query", QUERIES)
def test_odd_queries_give_results_or_a_message(client, knowledge, claire, query):
    client.force_login(claire)
    response = client.get("/euromed/search/", {"q": query})
    assert response.status_code == 200


@hsettings(max_examples=60, deadline=None)
@given(query=st.text(max_size=200))
def test_any_query_gives_a_page_never_an_error(network, claire, query):
    client = Client()
    client.force_login(claire)
    response = client.get("/euromed/search/", {"q": query})
    assert response.status_code == 200
    assert b'role="search"' in response.content


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_page_fits_a_phone_and_passes_axe(
    live_server, browser, axe_violations, knowledge, claire, language
):
    context = browser.new_context(
        bypass_csp=True, viewport={"width": 360, "height": 740}, locale=language
    )
    log_in(context, live_server, claire)
    page = context.new_page()
    page.goto(f"{live_server.url}/euromed/search/")
    page.get_by_role("searchbox").fill("hotlines")
    page.get_by_role("searchbox").press("Enter")
    page.wait_for_url("**/search/?q=hotlines*")
    expect(page.locator("#kind-document")).to_be_visible()
    expect(page.locator(".search-results mark").first).to_be_visible()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_a_partner_on_a_phone_searches_from_any_network_page_in_one_tap(
    live_server, browser, knowledge, ana
):
    """From the network's page: the search button in the header (not behind the menu), the
    box ready to type in, Enter; the results' address holds what was typed and no empty
    filter."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    log_in(context, live_server, ana)
    page = context.new_page()
    page.goto(f"{live_server.url}/euromed/")
    page.wait_for_load_state("load")  # carnet.js (deferred) shortens the address
    page.get_by_role("link", name="Search Euro-Mediterranean").click()
    expect(page.get_by_role("searchbox")).to_be_focused()
    page.keyboard.type("victims")
    page.keyboard.press("Enter")
    page.wait_for_url("**/euromed/search/?q=victims")
    expect(page.locator("#kind-sheet")).to_be_visible()
    assert page.url == f"{live_server.url}/euromed/search/?q=victims"
    page.get_by_text("Filters").click()
    page.get_by_label("Kind").select_option("sheet")  # a filter chosen is kept, the rest is not
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/euromed/search/?q=victims&kind=sheet")
    expect(page.locator("#kind-sheet")).to_be_visible()
    context.close()


def test_wide_screens_keep_search_in_the_network_s_links(live_server, browser, network):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}/euromed/")
    expect(page.locator("header .bar-search")).to_be_hidden()
    expect(
        page.get_by_role("navigation", name="Site").get_by_role("link", name="Search")
    ).to_be_visible()
    context.close()
