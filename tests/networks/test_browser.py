import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_network_page_opens_in_a_browser(live_server, page, org_a, org_b):
    page.goto(f"{live_server.url}/euromed/")
    assert page.title() == "Euro-Mediterranean network · Carnet"
    assert page.get_by_role("heading", level=1).inner_text() == "Euro-Mediterranean network"
    chart = page.get_by_role("img", name="Membership over time")
    expect(chart).to_be_visible()
    page.get_by_text("The chart's data as a table").click()
    expect(page.get_by_role("row", name="Caritas Armenia")).to_be_visible()


def test_the_coordinator_imports_13_members_from_an_xlsx_file_on_a_360px_phone(
    live_server, page, claire
):
    from carnet.lib.spreadsheets import xlsx_bytes
    from carnet.networks.imports import COLUMNS

    from ..practices.test_browser import log_in

    rows = [COLUMNS] + [
        [f"Organisation {n:02d}", "", "France", "Lyon", "", "member", f"20{n + 10}-01-01", ""]
        for n in range(1, 14)
    ]
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page.context, live_server, claire)
    page.goto(f"{live_server.url}/euromed/")
    page.get_by_role("link", name="Manage the members").click()
    page.get_by_role("link", name="Import members").click()
    page.get_by_label("CSV or XLSX file").set_input_files(
        {
            "name": "members.xlsx",
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "buffer": xlsx_bytes(rows, title="members"),
        }
    )
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("cell", name="Added")).to_have_count(13)
    page.get_by_role("button", name="Confirm the import").click()
    expect(page.get_by_text("13 members added, 0 updated.")).to_be_visible()
    expect(page.get_by_role("rowheader")).to_have_count(13)
    expect(page.get_by_role("link", name="Organisation 13", exact=True)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_superuser_creates_a_network_from_the_home_page_on_a_phone(live_server, page, db):
    from carnet.networks.models import Network
    from tests.factories import UserFactory

    UserFactory(username="root", is_superuser=True, is_staff=True)
    visited = []
    page.on("request", lambda request: visited.append(request.url))
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("root")
    page.get_by_label("Password").fill("secret-pass-123")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/accounts/waiting/")  # where everyone lands
    page.get_by_role("link", name="Create a network").click()
    page.get_by_role("textbox", name="Name", exact=True).fill("Youth Balkans")
    page.get_by_role("textbox", name="Address", exact=True).fill("youth-balkans")
    page.get_by_role("group", name="Content languages").get_by_label("Shqip (Albanian)").check()
    page.get_by_role("button", name="Create the network").click()
    page.wait_for_url(f"{live_server.url}/youth-balkans/")
    assert page.get_by_role("heading", level=1).inner_text() == "Youth Balkans"
    assert Network.objects.get(slug="youth-balkans").is_published is False
    assert not [url for url in visited if "/admin/" in url]


def test_the_coordinator_follows_two_steps_of_the_set_up_checklist_on_a_phone(
    live_server, page, claire
):
    from ..practices.test_browser import log_in

    def state(step):
        return page.locator(".task-list li").filter(has_text=step).locator(".status").inner_text()

    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page.context, live_server, claire)
    page.goto(f"{live_server.url}/euromed/")
    expect(page.get_by_role("heading", name="Set up the network")).to_be_visible()
    assert state("Describe the network") == "Not started"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.get_by_role("link", name="Describe the network").click()
    page.get_by_label("Description").fill("Twelve organisations against trafficking.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The network's description is saved.")).to_be_visible()
    assert state("Describe the network") == "Done"
    assert state("Add the members") == "Not started"

    page.get_by_role("link", name="Add the members").click()
    page.get_by_role("link", name="Add a member").click()
    page.locator("#id_name").fill("Caritas Kosovo")
    page.get_by_label("Country").select_option("XK")
    page.get_by_label("Joined on").fill("2014-01-15")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Back to the network").click()
    assert state("Add the members") == "Done"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_set_up_pages_have_no_accessibility_fault_at_360_px(
    live_server, browser, axe_violations, claire, org_a
):
    from carnet.accounts.enums import RoleKind
    from carnet.networks.models import Membership

    from ..factories import ReasonFactory, RoleFactory, UserFactory
    from ..practices.test_browser import log_in

    membership = Membership.objects.get(organisation=org_a)
    reason = ReasonFactory(membership=membership)
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    RoleFactory(user=root, network=membership.network, kind=RoleKind.COORDINATOR)
    pages = [
        "/euromed/",
        "/euromed/edit/",
        "/euromed/publish/",
        f"/euromed/organisations/{org_a.pk}/",
        f"/euromed/members/{membership.pk}/reasons/add/",
        f"/euromed/reasons/{reason.pk}/delete/",
        "/networks/creators/",
    ]
    context = browser.new_context(bypass_csp=True, viewport={"width": 360, "height": 740})
    log_in(context, live_server, root)
    page = context.new_page()
    found = {}
    for path in pages:
        assert page.goto(f"{live_server.url}{path}").status == 200, path
        violations = axe_violations(page)
        wide = page.evaluate("document.documentElement.scrollWidth")
        if violations or wide > 360:
            found[path] = (violations, wide)
    context.close()
    assert found == {}
