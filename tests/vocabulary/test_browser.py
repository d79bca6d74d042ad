import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_coordinator_adjusts_the_themes_on_a_phone(live_server, page, claire):
    from carnet.vocabulary.models import Term

    from ..practices.test_browser import log_in

    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page.context, live_server, claire)
    page.goto(f"{live_server.url}/euromed/vocabulary/")
    themes = page.locator("#theme")
    themes.get_by_label("Label").fill("Labour exploitation")
    themes.get_by_role("button", name="Add to sheet themes").click()
    expect(page.get_by_text("“Labour exploitation” is added.")).to_be_visible()
    page.locator("#theme").get_by_role("link", name="Rename Prevention").click()
    page.get_by_label("Label").fill("Preventing exploitation")
    page.get_by_role("button", name="Rename").click()
    page.locator("#theme").get_by_role("button", name="Archive Capacity building").click()
    expect(page.get_by_role("button", name="Restore Capacity building")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    labels = dict(Term.objects.filter(kind="theme").values_list("key", "label"))
    assert labels["prevention"] == "Preventing exploitation"
    assert "labour-exploitation" in labels
