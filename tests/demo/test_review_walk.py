"""The demo walked in a browser: Farid and Claire at 1280 px, Ana at 360 px, clicks counted
(issue 14: the suggestion flow, the reviewer's note, the confirmations)."""

import re

import pytest
from playwright.sync_api import expect

from carnet.accounts.models import User
from carnet.demo.loader import load
from carnet.practices.models import Suggestion
from tests import browsing

pytestmark = pytest.mark.browser


def log_in(browser, live_server, username, width, **options):
    context = browser.new_context(viewport={"width": width, "height": 800}, **options)
    browsing.log_in(context, live_server, User.objects.get(username=username))
    return context.new_page()


def test_the_demo_review_walked_by_farid_ana_and_claire(live_server, browser):
    load()
    # The walk reads the English interface; Ana's Albanian is pinned in test_waiting_demo.
    User.objects.filter(username="ana").update(language="en")
    base = f"{live_server.url}/euromed"
    clicks = {"farid": 0, "ana": 0, "claire": 0}

    farid = log_in(browser, live_server, "farid", 1280)
    farid.goto(f"{base}/sheets/responding-to-the-ukrainian-crisis/")
    assert "Thank you, this is clear." in farid.locator(".review-note").inner_text()
    farid.goto(f"{base}/sheets/supporting-syrian-armenian-families/")
    expect(farid.get_by_role("button", name="Accept", exact=True)).to_have_count(0)
    farid.locator("#resolved-suggestions summary").click()
    clicks["farid"] += 1
    resolved = farid.locator("#resolved-suggestions").inner_text()
    assert "by Bora Sargsyan on" in resolved
    assert "Reason: We prefer our own words: they say who we work with." in resolved

    ana = log_in(browser, live_server, "ana", 360)
    ana.goto(f"{base}/sheets/supporting-syrian-armenian-families/")  # a peer's open sheet
    expect(ana.get_by_role("button", name="Accept all")).to_have_count(0)
    ana.get_by_text("Suggest a change").click()
    ana.get_by_label("Field").select_option("advice")
    ana.get_by_label("Proposed text").fill("Ask the families what they need first.")
    ana.get_by_role("button", name="Send the suggestion").click()
    clicks["ana"] += 2
    ana.get_by_text("Suggestion sent.").wait_for()
    assert ana.evaluate("document.documentElement.scrollWidth") <= 360
    assert Suggestion.objects.filter(author__username="ana", field="advice").count() == 2

    claire = log_in(browser, live_server, "claire", 1280)
    claire.goto(f"{base}/report/")
    latest = max(int(n) for n in re.findall(r"/euromed/report/v/(\d+)/", claire.content()))
    claire.goto(f"{base}/report/v/{latest}/")
    claire.get_by_role("link", name="Publish this version…").click()
    clicks["claire"] += 1
    warning = claire.locator(".warning").inner_text()
    assert re.search(rf"\d+ organisations have not validated version {latest}:", warning)
    claire.get_by_role("button", name="No, go back").click()  # the dialog closes
    clicks["claire"] += 1
    claire.get_by_role("link", name="Send this version to every partner…").click()
    clicks["claire"] += 1
    expect(claire.get_by_text("have nobody to receive this: invite them")).to_have_count(1)
    assert clicks == {"farid": 1, "ana": 2, "claire": 3}
