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


def test_a_superuser_creates_a_network_from_the_home_page_on_a_phone(live_server, page, db):
    from carnet.networks.models import Network
    from tests.factories import UserFactory

    UserFactory(username="root", is_superuser=True, is_staff=True)
    visited = []
    page.on("request", lambda request: visited.append(request.url))
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("root")
    page.get_by_label("Password").fill("secret-pass-123")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")  # home
    page.get_by_role("link", name="Create a network").click()
    page.get_by_role("textbox", name="Name", exact=True).fill("Youth Balkans")
    page.get_by_role("textbox", name="Address", exact=True).fill("youth-balkans")
    page.get_by_label("Content languages").fill("en, sq")
    page.get_by_role("button", name="Create the network").click()
    page.wait_for_url(f"{live_server.url}/youth-balkans/")
    assert page.get_by_role("heading", level=1).inner_text() == "Youth Balkans"
    assert Network.objects.get(slug="youth-balkans").is_published is False
    assert not [url for url in visited if "/admin/" in url]
