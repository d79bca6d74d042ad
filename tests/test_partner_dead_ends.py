"""Ana (partner editor) on a 360 px phone, where she was stranded before (issue 14, item 6,
part A): she finds where to propose and vote on key moments, answers for her
organisation's video in the validation matrix, saves a half-written sheet and is told
what to fill in when she submits it, types a start date as she says it, and reads
languages by name."""

import pytest
from playwright.sync_api import expect

from carnet.capitalisation.models import Video
from carnet.practices.enums import SheetState
from carnet.reports.models import Validation
from carnet.timeline.models import Milestone
from tests.browsing import log_in
from tests.practices.factories import make_sheet

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def phone(page, live_server, ana):
    page.set_viewport_size(PHONE)
    log_in(page, live_server, ana)
    return page


def fits(page):
    """Nothing wider than the phone: no sideways scrolling."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_ana_proposes_a_key_moment_from_the_timeline_with_a_typed_month(phone, live_server, org_a):
    phone.goto(f"{live_server.url}/euromed/timeline/")
    assert fits(phone)
    phone.get_by_role("link", name="Propose a key moment").click()
    phone.get_by_label("Headline").fill("Joint advocacy in Geneva")
    phone.get_by_label("Start").fill("octobre 2016")
    phone.locator("#id_consent_scope").select_option("none")
    phone.get_by_label("Caritas Albania").check()
    phone.get_by_role("button", name="Propose").click()
    phone.wait_for_url("**/moments/joint-advocacy-in-geneva/")
    moment = Milestone.objects.get()
    assert (moment.start_date.isoformat(), moment.start_precision) == ("2016-10-01", "month")


def test_ana_votes_from_the_network_page(phone, live_server, network, org_a):
    Milestone.objects.create(
        network=network, slug="geneva", title="Advocacy in Geneva", start_date="2016-10-01"
    )
    phone.goto(f"{live_server.url}/euromed/")
    phone.get_by_role("link", name="Vote on the proposed key moments").click()
    phone.wait_for_load_state("load")  # carnet.js (deferred) listens before the choice
    phone.get_by_label("How much “Advocacy in Geneva” matters to your organisation").select_option(
        "3"
    )
    # the choice sends the vote: no button to press with JavaScript
    expect(phone.get_by_text("Your organisation's vote is recorded.")).to_be_visible()
    assert fits(phone)


def test_ana_validates_her_organisations_video_in_the_matrix(phone, live_server, network, org_a):
    video = Video.objects.create(
        network=network, organisation=org_a, title="Our testimony", language="sq"
    )
    phone.goto(f"{live_server.url}/euromed/validations/")
    phone.get_by_role("button", name="We validate it Our testimony").click()
    phone.wait_for_load_state()
    expect(phone.get_by_text("Your answer was recorded.")).to_be_visible()
    assert Validation.objects.get().state == "validated"
    phone.get_by_role("link", name="Our testimony").click()
    phone.wait_for_load_state()
    row = phone.locator(f"#video-{video.pk}")
    expect(row).to_be_visible()
    assert "Albanian" in row.inner_text()


def test_ana_saves_half_a_sheet_then_is_shown_what_to_fill_in(
    phone, live_server, network, org_a, ana
):
    sheet = make_sheet(
        network=network, organisation=org_a, by=ana, content={"summary": "We train."}
    )
    phone.goto(f"{live_server.url}/euromed/sheets/{sheet.slug}/edit/")
    phone.get_by_label("Context and problem addressed").fill("Few knew the signs.")
    phone.get_by_role("button", name="Save", exact=True).click()
    phone.wait_for_load_state()
    expect(phone.get_by_text("Saved as version 2.")).to_be_visible()
    phone.get_by_role("button", name="Save and submit for review").click()
    phone.wait_for_url("**/edit/?missing=1")
    summary = phone.locator(".error-summary")
    expect(summary).to_be_visible()
    assert summary.evaluate("node => node === document.activeElement")  # focused first
    assert fits(phone)
    summary.get_by_role("link", name="What we did").click()
    assert phone.evaluate("document.activeElement.id") == "id_activities"
    sheet.refresh_from_db()
    assert sheet.state == SheetState.DRAFT
