"""Issue 16, "Done when": Ana's journey in Albanian and a reader's in Arabic, in a browser on a
360 px phone, on the demo network, starting where each really starts (the login page; the
network's page), axe clean on every page, nothing sideways."""

import pytest
from playwright.sync_api import expect

from carnet.demo.loader import load
from carnet.timeline.models import Milestone

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def fits_and_passes_axe(page, axe_violations):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []


def test_ana_works_in_albanian_from_the_login_page(live_server, browser, axe_violations):
    load()  # Ana's profile says Albanian
    # bypass_csp: only for injecting axe-core; the pages run under their own CSP.
    context = browser.new_context(viewport=PHONE, locale="en-GB", bypass_csp=True)
    page = context.new_page()
    clicks = 0
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "ana")
    page.fill("#id_password", "carnet-demo")
    page.click("main button[type=submit]")
    clicks += 1
    page.wait_for_url("**/accounts/waiting/")
    # Her browser asks for English; her profile wins: "waiting for you" in Albanian.
    expect(page.locator("html")).to_have_attribute("lang", "sq")
    fits_and_passes_axe(page, axe_violations)

    page.locator('main a[href="/euromed/timeline/moments/"]').first.click()  # the vote round
    clicks += 1
    page.wait_for_url("**/euromed/timeline/moments/")
    expect(page.locator("html")).to_have_attribute("lang", "sq")
    fits_and_passes_axe(page, axe_violations)

    page.goto(f"{live_server.url}/euromed/timeline/")  # the published timeline, in Albanian
    albanian = Milestone.objects.get(slug="founding-meeting").translation("sq")
    expect(page.get_by_text(albanian.title).first).to_be_attached()
    expect(page.locator("html")).to_have_attribute("lang", "sq")
    fits_and_passes_axe(page, axe_violations)
    assert clicks == 2
    context.close()


def test_a_reader_reads_the_network_in_arabic_right_to_left(live_server, browser, axe_violations):
    load()
    context = browser.new_context(viewport=PHONE, locale="ar", bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/euromed/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    fits_and_passes_axe(page, axe_violations)

    page.locator('main a[href^="/euromed/timeline/"]').first.click()
    page.wait_for_url("**/euromed/timeline/**")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    # The demo's Arabic moment, in Arabic.
    expect(page.get_by_text("الاجتماع التأسيسي في باريس").first).to_be_attached()
    fits_and_passes_axe(page, axe_violations)
    context.close()
