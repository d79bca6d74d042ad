import re

import pytest
from django.conf import settings
from django.core import mail
from playwright.sync_api import expect

from carnet.accounts.models import Role

pytestmark = pytest.mark.browser


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("secret-pass-123")
    page.get_by_role("button", name="Log in").click()


def test_coordinator_invites_and_the_partner_joins_in_the_browser(live_server, page, claire, org_a):
    console_errors = []
    page.on(
        "console",
        lambda m: console_errors.append(f"{m.text} {m.location}") if m.type == "error" else None,
    )
    log_in(page, live_server, "claire")
    page.goto(f"{live_server.url}/euromed/people/")
    page.get_by_label("E-mail address").fill("elira@caritas.al")
    page.get_by_label("Role").last.select_option("partner_editor")
    page.get_by_label("Organisation", exact=True).select_option(label="Caritas Albania")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("Invitation sent to elira@caritas.al.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("elira@caritas.al"))).to_be_visible()
    link = re.search(r"(http://\S+/accounts/invitation/\S+/)", mail.outbox[0].body).group(1)
    link = link.replace(settings.BASE_URL, live_server.url)

    page.get_by_role("button", name="Log out").click()
    page.goto(link)
    page.get_by_label("Your name").fill("Elira Hoxha")
    page.get_by_label("Username").fill("elira")
    page.locator("#id_password1").fill("a-long-pass-phrase-42")
    page.get_by_label("Password confirmation").fill("a-long-pass-phrase-42")
    page.get_by_role("button", name="Create my account and join").click()
    page.wait_for_url(f"{live_server.url}/accounts/waiting/")
    expect(page.get_by_text("Welcome to Euro-Mediterranean network.")).to_be_visible()
    assert Role.objects.get(user__username="elira").kind == "partner_editor"

    page.goto(link)
    assert page.get_by_role("heading", level=1).inner_text() == (
        "This invitation link does not work"
    )
    assert [
        e for e in console_errors if "/accounts/invitation/" not in e
    ] == []  # 410 page itself aside
