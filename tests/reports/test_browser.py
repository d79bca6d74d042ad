import pytest
from django.conf import settings
from django.core import mail

from carnet.accounts.models import User
from carnet.reports import domain
from carnet.reports.enums import DecisionState
from tests.browsing import log_in

pytestmark = pytest.mark.browser


def test_farid_sends_and_claire_publishes_after_confirming(
    live_server, browser, farid, claire, ana, bora, version, axe_violations
):
    """At 1280 px: each step says what will happen and what is missing before it acts."""
    clicks = {"farid": 0, "claire": 0}
    desk = browser.new_context(viewport={"width": 1280, "height": 800})
    log_in(desk, live_server, farid)
    page = desk.new_page()
    page.goto(f"{live_server.url}/euromed/report/v/1/")
    page.get_by_role("link", name="Send this version to every partner…").click()
    clicks["farid"] += 1
    page.get_by_text("The partner editors of 2 organisations will receive it").wait_for()
    assert mail.outbox == []
    page.get_by_label("Message to the partners").fill("Please validate by Friday.")
    page.get_by_role("button", name="Send for review").click()
    clicks["farid"] += 1
    page.get_by_text("Version 1 was sent to the partners.").wait_for()
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "bora@example.org"]

    review = version.latest_round
    domain.decide(
        review,
        organisation=ana.organisation_in(version.network),
        state=DecisionState.VALIDATED,
        by=ana,
    )
    other = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 800})  # axe
    log_in(other, live_server, claire)
    page = other.new_page()
    page.goto(f"{live_server.url}/euromed/report/v/1/")
    page.get_by_role("link", name="Publish this version…").click()
    clicks["claire"] += 1
    page.get_by_text("1 organisation has not validated version 1:").wait_for()
    assert "Caritas Armenia" in page.locator(".warning").inner_text()
    assert axe_violations(page) == []
    version.refresh_from_db()
    assert not version.is_published
    page.get_by_role("button", name="Publish version 1").click()
    clicks["claire"] += 1
    page.get_by_text("Version 1 is published.").wait_for()
    version.refresh_from_db()
    assert version.is_published
    assert clicks == {"farid": 2, "claire": 2}


def test_the_preview_is_no_wider_than_a_360px_phone_in_every_language(
    live_server, browser, farid, report
):
    """Its label "Preview: the generated chapters show today's data." was 6 px too wide once."""
    phone = browser.new_context(viewport={"width": 360, "height": 740})
    log_in(phone, live_server, farid)
    page = phone.new_page()
    wide = {}
    for language, _name in settings.LANGUAGES:
        User.objects.filter(pk=farid.pk).update(language=language)
        page.goto(f"{live_server.url}/euromed/report/preview/")
        assert page.locator("html").get_attribute("lang") == language
        label = page.locator("main p.badge").bounding_box()
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360 or label["x"] < 0 or label["x"] + label["width"] > 360:
            wide[language] = (width, label)
    phone.close()
    assert wide == {}
