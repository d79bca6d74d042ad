"""Issue 14, "Done when": Claire's journey of the method, end to end: she publishes.

Claire, coordinator, owns the report and publishes. On her phone (360 px), from "Waiting for
you", she goes to publish version 1 of the report while one organisation has not validated
it: the confirmation says so ("1 organisation has not validated version 1") and she waits.
When the last organisation validates, the e-mail that tells her brings her, on her laptop
(1280 px), to the version; she publishes it, and the confirmation has nothing missing. Then
a partner validates its good-practice sheet: the e-mail brings her to it and she publishes
it, after a confirmation; and she publishes a key moment Farid accepted, after its
confirmation. What the others do happens through the domain. Her clicks are
counted per step, printed (`pytest -s`) and asserted exactly.
"""

import pytest
from django.core import mail
from playwright.sync_api import expect

from carnet.practices import domain as practices
from carnet.practices.enums import SheetState
from carnet.reports import domain as reports
from carnet.reports.enums import DecisionState
from carnet.timeline import domain as timeline
from carnet.timeline.enums import MilestoneState
from tests.integration import walking
from tests.integration.walking import (
    LAPTOP,
    PHONE,
    Clicks,
    a_built_version,
    fits,
    last_link,
    watched_page,
)
from tests.practices.factories import make_sheet
from tests.timeline.factories import MilestoneFactory

pytestmark = pytest.mark.browser

TITLE = "A hotline for victims"


def mail_to(user, subject):
    return walking.mail_to(user.email, subject)


def test_claire_publishes_the_report_and_a_sheet_with_their_confirmations(
    live_server, browser, transactional_db, network, org_a, org_b, claire, farid, ana, bora
):
    url = live_server.url
    click = Clicks()
    failed, errors = [], []
    network.memberships.filter(organisation=org_b).update(left_on=None)  # both are members

    def new_page(viewport):
        return watched_page(browser, viewport, failed, errors)

    def log_in(page):
        walking.log_in(page, click, "claire", "secret-pass-123")

    # Farid built version 1 and sent it; Ana validated it for Caritas Albania.
    version = a_built_version(network, farid)
    review = reports.send_for_review(version, by=farid, message="Please read chapter 1.")
    reports.decide(review, organisation=org_a, state=DecisionState.VALIDATED, by=ana)

    # 1. On her phone, from "Waiting for you": she would publish, but the confirmation says
    #    that Caritas Armenia has not validated version 1; she goes back and waits.
    click.start("1. would publish, on her phone")
    context, page = new_page(PHONE)
    page.goto(f"{url}/accounts/login/")
    log_in(page)
    page.wait_for_url(f"{url}/accounts/waiting/")
    fits(page)
    # The waiting line leads straight to the version, which lists every organisation's answer.
    click(page.get_by_role("link", name="1 organisation has not answered on version 1"))
    click(page.get_by_role("link", name="Publish this version…"))
    expect(page.get_by_text("1 organisation has not validated version 1:")).to_be_visible()
    expect(page.locator(".warning li")).to_have_text(["Caritas Armenia"])
    fits(page)
    click(page.get_by_role("button", name="No, go back"))  # the confirmation is a dialog
    context.close()
    version.refresh_from_db()
    assert not version.is_published

    # 2. Bora validates for Caritas Armenia: the e-mail that tells Claire every organisation
    #    validated brings her, on her laptop, to the version; she publishes it.
    mail.outbox.clear()
    reports.decide(review, organisation=org_b, state=DecisionState.VALIDATED, by=bora)
    told = mail_to(claire, "every organisation validated version 1 of the report")
    click.start("2. publishes the report")
    context, page = new_page(LAPTOP)
    click.follow(page, last_link(told), live_server)
    log_in(page)
    page.wait_for_url(f"{url}{version.get_absolute_url()}")
    click(page.get_by_role("link", name="Publish this version…"))
    expect(page.get_by_role("heading", name="Publish version 1 of the report?")).to_be_visible()
    expect(page.locator(".warning")).to_have_count(0)  # nothing is missing
    click(page.get_by_role("button", name="Publish version 1"))
    expect(page.get_by_text("Version 1 is published.")).to_be_visible()
    version.refresh_from_db()
    assert version.is_published

    # 3. Ana validates her organisation's sheet; the e-mail brings Claire to it; she publishes
    #    it.
    sheet = make_sheet(network=network, organisation=org_a, by=ana, title=TITLE)
    for state in (SheetState.SUBMITTED, SheetState.IN_REVIEW, SheetState.APPROVED):
        practices.set_state(sheet, state, by=ana if state == SheetState.SUBMITTED else farid)
    mail.outbox.clear()
    practices.set_state(sheet, SheetState.VALIDATED, by=ana)
    click.start("3. publishes the sheet")
    click.follow(page, last_link(mail_to(claire, TITLE)), live_server)
    click(page.get_by_role("button", name="Publish"))
    expect(page.get_by_role("heading", name=f"Publish “{TITLE}”?")).to_be_visible()
    click(page.get_by_role("button", name="Publish the sheet"))
    expect(page.get_by_text("The sheet is now “Published”.")).to_be_visible()
    sheet.refresh_from_db()
    assert sheet.state == SheetState.PUBLISHED

    # 4. Farid accepted a key moment for the timeline; publishing it is hers: from "Waiting
    #    for you", through the network's page and the proposals.
    moment = MilestoneFactory(network=network, slug="founding", title="Founding meeting")
    timeline.set_state(moment, MilestoneState.ACCEPTED, by=farid)
    click.start("4. publishes a key moment")
    page.goto(f"{url}/accounts/waiting/")
    click(page.get_by_role("link", name=network.name))
    click(page.get_by_role("link", name="Proposals, votes and tallies"))
    click(page.get_by_role("link", name="Founding meeting"))
    click(page.get_by_role("button", name="Publish", exact=True))
    expect(
        page.get_by_role("heading", name="Publish “Founding meeting” on the timeline?")
    ).to_be_visible()
    click(page.get_by_role("button", name="Publish the moment"))
    expect(page.get_by_text("The moment is now “Published”.")).to_be_visible()
    moment.refresh_from_db()
    assert moment.state == MilestoneState.PUBLISHED
    context.close()

    print(f"\nClaire's clicks: {click.steps}, in all {sum(click.steps.values())}")
    assert click.steps == {
        "1. would publish, on her phone": 4,
        "2. publishes the report": 4,  # was 6: no e-mail told her, she looked for it
        "3. publishes the sheet": 3,  # was 2: publishing confirms first
        "4. publishes a key moment": 5,  # was 5: one link less, a confirmation more
    }
    assert (failed, errors) == ([], [])  # no page refused her, no script failed
