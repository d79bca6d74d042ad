"""Ana, who has no password, validates her sheet on a 360 px phone from the validation
round's e-mail: open the link, choose, send (3 clicks)."""

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from carnet.practices.enums import SheetState
from carnet.practices.models import Sheet
from carnet.reports import domain
from tests.practices.factories import make_sheet

pytestmark = pytest.mark.browser

LINK = re.compile(r"^- Sheet “Training judges”: https?://[^/\s]+(/answer/[\w-]+/)$", re.MULTILINE)


@pytest.fixture
def asked(network, org_a, ana, farid):
    sheet = make_sheet(network=network, organisation=org_a, by=ana, title="Training judges")
    Sheet.objects.filter(pk=sheet.pk).update(state=SheetState.APPROVED)
    mail.outbox.clear()
    domain.send_validation_round(network, by=farid, due_on=timezone.localdate())
    (message,) = [m for m in mail.outbox if m.to == [ana.email]]
    (path,) = LINK.findall(message.body)
    return sheet, path


def test_ana_validates_her_sheet_from_the_e_mail_without_a_password_on_a_phone(
    live_server, browser, asked, ana
):
    sheet, path = asked
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}{path}")  # click 1: the link in the e-mail
    expect(page.get_by_role("heading", level=1)).to_have_text("Your sheet “Training judges”")
    expect(page.get_by_text("Caritas trained 120 social workers")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_label("We validate it").check()  # click 2
    page.get_by_role("button", name="Send our answer").click()  # click 3
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    sheet.refresh_from_db()
    assert (sheet.state, sheet.validated_by) == (SheetState.VALIDATED, ana)
    assert errors == []
    context.close()


def test_ana_signs_in_with_an_e_mailed_link_on_a_phone(live_server, browser, ana):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="E-mail me a sign-in link").click()
    page.get_by_label("Your e-mail address").fill(ana.email)
    page.get_by_role("button", name="Send me the link").click()
    expect(page.get_by_role("status")).to_contain_text("a sign-in link is on its way")
    (path,) = re.findall(r"https?://[^/\s]+(/accounts/login/link/[\w-]+/)", mail.outbox[0].body)
    page.goto(f"{live_server.url}{path}")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/accounts/waiting/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
