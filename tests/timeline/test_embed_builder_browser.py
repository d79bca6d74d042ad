"""The embed builder in a browser: the preview and the code follow the settings; the dark
embed passes axe and asks nothing from another host."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .test_browser import moments  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("moments")]


def test_changing_settings_updates_the_preview_and_the_code(
    live_server,
    browser,
    axe_violations,
):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/euromed/timeline/")
    page.get_by_role("link", name="Embed this timeline").click()
    preview = page.locator("iframe[data-embed-preview]")
    code = page.get_by_label("Code to paste into your page")
    expect(preview).to_have_attribute("src", f"{live_server.url}/euromed/timeline/embed/")
    expect(page.get_by_role("button", name="Copy")).to_be_visible()  # shown by the script
    assert axe_violations(page) == []

    page.get_by_label("Dark").check()
    expect(preview).to_have_attribute("src", re.compile(r"\?theme=dark$"))
    expect(code).to_have_value(re.compile(r'embed/\?theme=dark" title="[^"]+" .*height="640"'))
    page.get_by_label("Start at").select_option("geneva")
    expect(preview).to_have_attribute("src", re.compile(r"\?start=geneva&theme=dark$"))
    page.get_by_label("Height (pixels)").fill("480")
    expect(preview).to_have_attribute("height", "480")
    expect(code).to_have_value(re.compile(r'\?start=geneva&amp;theme=dark" .*height="480"'))
    assert "height" not in preview.get_attribute("src")
    frame = page.frame_locator("iframe[data-embed-preview]")
    expect(frame.locator("html.tl-theme-dark")).to_have_count(1)
    expect(frame.locator(".tl-event.tl-current h2")).to_have_text("Advocacy in Geneva")
    assert "start=geneva" in page.url  # the address keeps the settings (reload, share)
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_the_dark_embed_passes_axe_and_stays_on_its_host(
    live_server,
    browser,
    axe_violations,
    width,
):
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 740})
    hosts = set()
    context.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page = context.new_page()
    page.goto(f"{live_server.url}/euromed/timeline/embed/?theme=dark&start=campaign")
    expect(page.locator("#timeline.tl-js")).to_have_count(1)
    if width > 600:
        expect(page.locator(".tl-event.tl-current h2")).to_have_text("Prevention campaign")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(20, 25, 28)"
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/euromed/timeline/embed/?theme=dark&lang=fr&tag=meeting")
    expect(page.locator(".tl-count")).to_contain_text(re.compile("2.*5"))
    assert axe_violations(page) == []
    assert hosts == {urlsplit(live_server.url).netloc}
    context.close()
