"""The browser tests' own helpers (tests/browsing.py), under Carnet's Content-Security-Policy."""

import re
from pathlib import Path

import pytest

from tests.browsing import wait_until

TESTS = Path(__file__).parent


def test_waiting_for_a_condition_works_under_the_pages_policy(live_server, page):
    page.goto(f"{live_server.url}/accounts/login/")  # a page served with Carnet's CSP
    page.evaluate("window.later = false; setTimeout(() => { window.later = true; }, 300)")
    wait_until(page, "window.later")
    with pytest.raises(AssertionError, match="still false"):
        wait_until(page, "window.never === true", timeout=200)


def test_no_browser_test_waits_by_eval():
    """Playwright's wait_for_function polls by eval, which the policy refuses: it passes only
    when the condition is already true, so it fails now and then (it failed CI once)."""
    callers = [
        path.relative_to(TESTS).as_posix()
        for path in TESTS.rglob("*.py")
        if re.search(r"\.wait_for_function\(", path.read_text())
    ]
    assert callers == []
