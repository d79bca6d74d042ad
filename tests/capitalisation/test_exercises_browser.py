import datetime

import pytest
from playwright.sync_api import expect

from carnet.capitalisation.domain import create_exercise

from .test_browser import log_in

pytestmark = pytest.mark.browser


def test_a_coordinator_changes_a_phases_dates_and_adds_a_phase(live_server, page, claire, network):
    exercise = create_exercise(network=network, title="Nine years of the network")
    log_in(page, live_server, claire)
    page.goto(f"{live_server.url}/euromed/")
    page.get_by_role("link", name="Exercises and their phases").click()
    page.get_by_role("link", name="Nine years of the network").click()
    page.get_by_role("link", name="Edit Rebuild the history").click()
    page.fill("#id_planned_start", "2026-02-01")
    page.fill("#id_planned_end", "2026-01-15")  # before the start: refused on the field
    page.click("main form button[type=submit]")
    error = page.locator("#id_planned_end-error")
    assert "The end cannot come before the start" in error.inner_text()
    assert page.input_value("#id_planned_start") == "2026-02-01"  # kept as typed
    page.fill("#id_planned_end", "2026-04-30")
    page.select_option("#id_status", "in_progress")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/euromed/exercises/{exercise.pk}/")
    row = page.locator("tr", has_text="Rebuild the history")
    assert "1 Feb. 2026 – 30 April 2026" in row.locator("td").nth(1).inner_text()

    page.get_by_role("link", name="Add a phase").click()
    page.fill("#id_name", "Share the results")
    page.fill("#id_goal", "Present the report at the partners' events.")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/euromed/exercises/{exercise.pk}/")
    expect(page.get_by_role("row", name="6. Share the results")).to_be_visible()

    phase = exercise.phases.get(name="Rebuild the history")
    assert (phase.planned_start, phase.planned_end, phase.status) == (
        datetime.date(2026, 2, 1),
        datetime.date(2026, 4, 30),
        "in_progress",
    )
    assert exercise.phases.get(number=6).name == "Share the results"
