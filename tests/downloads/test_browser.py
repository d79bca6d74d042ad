import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_coordinator_downloads_the_archive_from_the_network_page_on_a_phone(
    live_server, page, claire, org_a
):
    from ..practices.test_browser import log_in

    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page.context, live_server, claire)
    page.goto(f"{live_server.url}/euromed/")
    page.get_by_role("link", name="Download the archive or the static site").click()
    # The test settings run the task as soon as the request commits; with a worker, the
    # page would refresh itself until the file is ready.
    page.get_by_role("button", name="Download the archive").click()
    expect(page.get_by_text("The file is ready.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    with page.expect_download() as taken:
        page.get_by_role("link", name="Download euromed-archive-").click()
    assert taken.value.suggested_filename.startswith("euromed-archive-")
    page.get_by_role("link", name="All the downloads of the network").click()
    expect(page.get_by_role("link", name="Archive of the network")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
