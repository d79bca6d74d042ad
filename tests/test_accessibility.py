"""Every public page of the demo network, audited by axe-core on a phone-sized screen."""

import pytest

from carnet.demo.loader import load
from carnet.practices.models import Sheet
from carnet.reports import domain as reports
from carnet.reports.models import ReportVersion

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db):
    ctx = load()
    network = ctx["network"]
    version = ReportVersion.objects.filter(report__network=network).order_by("-number").first()
    network.sensitive_flags.filter(object_id=str(version.pk)).delete()
    reports.publish(version, by=ctx["people"]["claire"])
    sheet = Sheet.objects.published().filter(network=network).first()
    return {
        "network page": "/euromed/",
        "sheets": "/euromed/sheets/",
        "a sheet": sheet.get_absolute_url(),
        "published synthesis": "/euromed/synthesis/published/",
        "published report": version.get_absolute_url(),
        "log in": "/accounts/login/",
    }


def test_public_pages_have_no_accessibility_fault_at_360_px(
    live_server, browser, axe_violations, demo
):
    context = browser.new_context(bypass_csp=True, viewport={"width": 360, "height": 740})
    page = context.new_page()
    found = {}
    for name, path in demo.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, name
        violations = axe_violations(page)
        wide = page.evaluate("document.documentElement.scrollWidth")
        if violations or wide > 360:
            found[name] = (violations, wide)
    context.close()
    assert found == {}
