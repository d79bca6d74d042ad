"""Issue 14, "Done when": Farid's journey of the method, end to end, on a 1280 px laptop,
starting each step where he would really start: an e-mail's link (captured from the outbox,
followed) or his "Waiting for you" page.

Farid, facilitator: a partner submits a sheet; he follows the e-mail's link, starts the
review, suggests a change on a passage, comments, and asks for changes with a note that stands
on the sheet; Ana (through the domain) answers and resubmits; he accepts the sheet from the
next e-mail. Two organisations proposed the same key moment: he merges them from the
proposals page that "Waiting for you" leads to; he opens a vote round and later closes it.
He builds the report (the build runs inline in tests) and sends the version to every
partner, and the confirmation says which organisation has nobody to receive it. What the
others do happens through the domain. His clicks are counted per step, printed (`pytest -s`)
and asserted exactly: a change that adds a click fails here.
"""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from carnet.practices import domain as practices
from carnet.practices.enums import SheetState, SuggestionStatus
from carnet.reports import domain as reports
from carnet.reports.enums import BuildStatus, ChapterKind
from carnet.reports.models import Report
from carnet.timeline import domain as timeline
from carnet.timeline.enums import MilestoneState
from carnet.timeline.models import Milestone, VoteRound
from tests.factories import MembershipFactory, OrganisationFactory
from tests.integration import walking
from tests.integration.walking import LAPTOP, Clicks, last_link, watched_page
from tests.practices.factories import TEXT, make_sheet
from tests.timeline.factories import MilestoneFactory

pytestmark = pytest.mark.browser

TITLE = "A hotline for victims"
SUMMARY = "A free hotline answers victims day and night."


def mail_to(user, subject):
    return walking.mail_to(user.email, subject)


def test_farid_walks_his_part_of_the_method_on_a_laptop_from_the_e_mails(
    live_server, browser, transactional_db, network, org_a, org_b, farid, ana, bora
):
    url = live_server.url
    click = Clicks()
    failed, errors = [], []
    network.memberships.filter(organisation=org_b).update(left_on=None)  # both are members
    org_c = OrganisationFactory(name="Caritas Kosovo", country="XK")
    MembershipFactory(network=network, organisation=org_c)  # nobody of it has an account

    context, page = watched_page(browser, LAPTOP, failed, errors)

    def log_in():
        walking.log_in(page, click, "farid", "secret-pass-123")

    # 1. Ana submits her sheet; Farid follows the e-mail's link, logs in, starts the review,
    #    suggests a change on a passage, comments, and asks for changes with a note.
    sheet = make_sheet(
        network=network,
        organisation=org_a,
        by=ana,
        title=TITLE,
        content={**TEXT, "summary": SUMMARY},
    )
    mail.outbox.clear()
    practices.set_state(sheet, SheetState.SUBMITTED, by=ana)
    click.start("1. reviews the sheet")
    click.follow(page, last_link(mail_to(farid, TITLE)), live_server)
    log_in()
    page.wait_for_url(f"{url}{sheet.get_absolute_url()}")
    click(page.get_by_role("button", name="Start the review"))
    expect(page.get_by_text("The sheet is now “In review”.")).to_be_visible()
    click(page.get_by_text("Suggest a change"))
    suggest = page.locator("#suggest")
    click.choose(suggest.get_by_label("Field"), "summary")
    suggest.get_by_label("Passage").fill("day and night")
    suggest.get_by_label("Proposed text").fill("at any hour")
    click(page.get_by_role("button", name="Send the suggestion"))
    expect(page.locator(".suggestion").get_by_text("at any hour")).to_be_visible()
    page.locator("#comment-text").fill("Could you add who answers the calls?")
    click(page.get_by_role("button", name="Comment", exact=True))
    expect(page.locator(".comments")).to_contain_text("Could you add who answers the calls?")
    page.get_by_label("Note (optional").fill("Plain words, please, and who answers.")
    click(page.get_by_role("button", name="Ask for changes"))
    expect(page.locator(".review-note")).to_contain_text("Plain words, please, and who answers.")
    sheet.refresh_from_db()
    assert sheet.state == SheetState.CHANGES_REQUESTED
    assert sheet.review_note == "Plain words, please, and who answers."
    suggestion = sheet.suggestions.get()
    assert (suggestion.passage, suggestion.replacement) == ("day and night", "at any hour")
    assert [c.text for c in sheet.comments.all()] == ["Could you add who answers the calls?"]

    # 2. Ana accepts the suggestion and resubmits (through the domain); Farid follows the
    #    e-mail's link and accepts the sheet.
    practices.accept(suggestion, by=ana)
    sheet.refresh_from_db()
    mail.outbox.clear()
    practices.set_state(sheet, SheetState.RESUBMITTED, by=ana)
    click.start("2. accepts the sheet")
    click.follow(page, last_link(mail_to(farid, TITLE)), live_server)
    click(page.get_by_role("button", name="Accept the sheet"))
    expect(page.get_by_text("The sheet is now “Approved”.")).to_be_visible()
    sheet.refresh_from_db()
    assert sheet.state == SheetState.APPROVED
    assert sheet.suggestions.get().status == SuggestionStatus.ACCEPTED

    # 3. Ana and Bora proposed the same moment: from "Waiting for you", Farid merges them.
    founding = MilestoneFactory(
        network=network, slug="founding", title="Founding meeting", organisation=org_a
    )
    twin = MilestoneFactory(
        network=network, slug="first-meeting", title="First meeting", organisation=org_b
    )
    click.start("3. merges two moments")
    page.goto(f"{url}/accounts/waiting/")  # where he starts his day
    click(page.get_by_role("link", name="Accept or merge 2 proposed key moments"))
    click.choose(page.get_by_label("Merge “First meeting” into"), "founding")
    click(
        page.locator("form.merge")
        .filter(has=page.locator("#merge-first-meeting"))
        .get_by_role("button")
    )
    expect(
        page.get_by_role("heading", name="Merge “First meeting” into “Founding meeting”?")
    ).to_be_visible()
    click(page.get_by_role("button", name="Merge the moments"))
    expect(page.get_by_text("Merged: the votes and the proposer are kept.")).to_be_visible()
    twin.refresh_from_db()
    assert (twin.state, twin.merged_into) == (MilestoneState.MERGED, founding)

    # 4. He opens a vote round, from the proposals page...
    click.start("4a. opens a vote round")
    page.goto(f"{url}/accounts/waiting/")
    click(page.get_by_role("link", name=network.name))
    click(page.get_by_role("link", name="Proposals, votes and tallies"))
    click(page.get_by_role("link", name="Open a vote round"))
    expect(page.get_by_label("Closes on")).to_have_value(  # in two weeks, unless he says
        (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
    )
    click(page.get_by_role("button", name="Open the round and tell the partners"))
    expect(page.get_by_text("The vote round is open")).to_be_visible()
    assert VoteRound.objects.get().closed_at is None
    # ... and closes it when the partners have voted (Ana did; two organisations did not):
    #    "Waiting for you" leads there.
    timeline.vote(founding, organisation=org_a, weight=3, by=ana)
    click.start("4b. closes the vote round")
    page.goto(f"{url}/accounts/waiting/")
    click(page.get_by_role("link", name="have not voted on the key moments yet"))
    click(page.get_by_role("link", name="Close the round now"))
    expect(page.get_by_text("2 organisations have not voted")).to_be_visible()
    click(page.get_by_role("button", name="Close the round now"))
    expect(page.get_by_text("The vote round is closed: its result is kept.")).to_be_visible()
    assert VoteRound.objects.get().closed_at is not None

    # 5. The report: he builds a version and sends it to every partner; the confirmation
    #    says which organisation has nobody to receive it.
    report = Report.objects.create(network=network, title="Nine years", subtitle="Learnings")
    reports.add_chapter(
        report, by=farid, kind=ChapterKind.TEXT, title="Introduction", body="Why we *capitalised*."
    )
    click.start("5a. builds the report")
    page.goto(f"{url}/accounts/waiting/")
    click(page.get_by_role("link", name=network.name))
    click(page.get_by_role("link", name="Report", exact=True))
    click(page.get_by_role("button", name="Build a new version (PDF and DOCX)"))
    expect(page.get_by_role("link", name="Send this version to every partner…")).to_be_visible()
    version = report.versions.get()
    assert version.status == BuildStatus.READY
    click.start("5b. sends it to every partner")
    mail.outbox.clear()
    click(page.get_by_role("link", name="Send this version to every partner…"))
    expect(
        page.get_by_text("1 organisation has nobody to receive this: invite them.")
    ).to_be_visible()
    expect(page.locator(".warning li")).to_have_text(["Caritas Kosovo"])
    page.get_by_label("Message").fill("Please read chapter 1.")
    click(page.get_by_role("button", name="Send for review"))
    expect(page.get_by_text("Version 1 was sent to the partners.")).to_be_visible()
    review = version.rounds.get()
    assert review.message == "Please read chapter 1."
    assert sorted(m.to[0] for m in mail.outbox) == [ana.email, bora.email]
    assert all(re.search(r"https?://\S+/report/v/1/", m.body) for m in mail.outbox)
    context.close()

    print(f"\nFarid's clicks: {click.steps}, in all {sum(click.steps.values())}")
    assert click.steps == {
        "1. reviews the sheet": 8,
        "2. accepts the sheet": 2,
        "3. merges two moments": 4,  # was 5: from the tally to the moment's page to merge
        "4a. opens a vote round": 4,  # was 5: the network's page had no link to the proposals
        "4b. closes the vote round": 3,
        "5a. builds the report": 3,
        "5b. sends it to every partner": 2,
    }
    assert (failed, errors) == ([], [])  # no page refused him, no script failed
    assert Milestone.objects.filter(state=MilestoneState.MERGED).count() == 1
