import pytest

pytestmark = pytest.mark.browser


def test_network_page_opens_in_a_browser(live_server, page, org_a, org_b):
    page.goto(f"{live_server.url}/euromed/")
    assert page.title() == "Euro-Mediterranean network · Carnet"
    assert page.get_by_role("heading", level=1).inner_text() == "Euro-Mediterranean network"
    chart = page.get_by_role("img", name="Membership over time")
    assert chart.is_visible()
    page.get_by_text("The chart's data as a table").click()
    assert page.get_by_role("row", name="Caritas Armenia").is_visible()


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
    assert page.get_by_role("cell", name="Added").count() == 13
    page.get_by_role("button", name="Confirm the import").click()
    assert page.get_by_text("13 member(s) added, 0 updated.").is_visible()
    assert page.get_by_role("rowheader").count() == 13
    assert page.get_by_role("link", name="Organisation 13", exact=True).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
