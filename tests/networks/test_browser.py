import pytest

pytestmark = pytest.mark.browser


def test_network_page_opens_in_a_browser(live_server, page, org_a, org_b):
    page.goto(f"{live_server.url}/euromed/")
    assert page.title() == "Euro-Mediterranean network · Carnet"
    assert page.get_by_role("heading", level=1).inner_text() == "Euro-Mediterranean network"
    chart = page.get_by_role("img", name="Membership over time")
    assert chart.is_visible()
    page.get_by_text("The chart's data as a table").click()
    assert page.get_by_role("row", name="Caritas Armenia").is_visible()
