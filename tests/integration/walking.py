"""What the persona walks share: their clicks counted per step, a page that records every
failed response and console error, the e-mails they receive and the links they follow."""

import re

from django.conf import settings
from django.core import mail

from carnet.reports import domain as reports
from carnet.reports.enums import ChapterKind
from carnet.reports.models import Report

PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}


class Clicks:
    """A persona's clicks (or taps), per step: each call is one; an e-mail's link is one."""

    def __init__(self):
        self.steps = {}
        self.step = None

    def __call__(self, locator):
        self.steps[self.step] += 1
        locator.click()

    def choose(self, select, value):
        """A choice in a list: one tap (the phone's picker), counted as one click. The page's
        deferred scripts run first (a list that sends itself on change needs carnet.js)."""
        self.steps[self.step] += 1
        select.page.wait_for_load_state("load")
        select.select_option(value)

    def start(self, step):
        self.step = step
        self.steps[step] = 0

    def follow(self, page, link, server):
        """A link of an e-mail, opened on the live server instead of settings.BASE_URL."""
        assert link.startswith(settings.BASE_URL + "/")  # absolute: it can be clicked
        self.steps[self.step] += 1
        page.goto(link.replace(settings.BASE_URL, server.url, 1))


def watched_page(browser, viewport, failed, errors, requested=None):
    """A new context and page at `viewport`; every response of 400 or more goes to `failed`,
    every console error to `errors`, every path asked for to `requested` (if given)."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    if requested is not None:
        from urllib.parse import urlparse

        page.on("request", lambda request: requested.append(urlparse(request.url).path))
    page.on(
        "response",
        lambda response: (
            failed.append((response.status, response.url)) if response.status >= 400 else None
        ),
    )
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return context, page


def log_in(page, click, username, password):
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    click(page.get_by_role("button", name="Log in"))


def mail_to(address, subject):
    """The one e-mail sent to `address` whose subject contains `subject`; the outbox is
    emptied."""
    (message,) = [m for m in mail.outbox if m.to == [address] and subject in m.subject]
    mail.outbox.clear()
    return message


def last_link(message):
    return re.findall(r"https?://\S+", message.body)[-1]


def a_built_version(network, farid):
    report = Report.objects.create(network=network, title="Nine years", subtitle="Learnings")
    reports.add_chapter(
        report, by=farid, kind=ChapterKind.TEXT, title="Introduction", body="Why we *capitalised*."
    )
    return reports.build_now(report, by=farid)[0]


def fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
