"""Issue 15, item 2: every page of the permission matrix, on a 360 × 740 phone, in English,
French and Arabic (right to left), as the persona with the widest view of it (and as an
anonymous reader when the page is public).

A page fails when the document scrolls sideways (wide content may only scroll inside a
labelled region: role="region", an aria-label or aria-labelledby, tabindex="0" and
overflow-x auto), when a visible control lies outside the screen's 0..360 px (outside such a
region), or when axe-core reports a WCAG 2.2 AA violation (the rules of
tests/test_accessibility.py). Each failure names the URL, the persona, the language and the
offending element with its box.

Logging in sets the session cookie (no form); one browser context per persona and language
reuses its page. `pytest -s` prints how many pages were audited and how long it took.
"""

import time

import pytest
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from tests.browsing import session_cookie

from .matrix import PUBLISHED_TARGETS, TARGETS
from .test_permission_matrix import ROUTES, build_world

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
LANGUAGES = ["en", "fr", "ar"]
# The persona with the widest view first: the first one who gets a page is its auditor.
WIDEST_FIRST = ["claire", "farid", "ana", "bora", "vera", "nina"]

# What the page shows, measured in the page: the document's width, and the elements that
# stand outside the screen (0..innerWidth) without being inside a labelled scroll region.
MEASURE = """() => {
  const width = window.innerWidth;
  const inRegion = (el) => {
    for (let node = el.parentElement; node; node = node.parentElement) {
      if (node.getAttribute('role') === 'region'
          && (node.hasAttribute('aria-label') || node.hasAttribute('aria-labelledby'))
          && node.getAttribute('tabindex') === '0'
          && ['auto', 'scroll'].includes(getComputedStyle(node).overflowX)) return true;
    }
    return false;
  };
  const name = (el) => {
    const parts = [];
    for (let node = el; node && node !== document.body && parts.length < 4;
         node = node.parentElement) {
      let part = node.tagName.toLowerCase();
      if (node.id) { parts.unshift(part + '#' + node.id); break; }
      const classes = [...node.classList].slice(0, 2);
      if (classes.length) part += '.' + classes.join('.');
      parts.unshift(part);
    }
    return parts.join(' > ');
  };
  const box = (el) => {
    const r = el.getBoundingClientRect();
    const [left, right, w] = [r.left, r.right, r.width].map(Math.round);
    return `${name(el)} [x ${left}..${right}, w ${w}]`;
  };
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1 && el.checkVisibility({visibilityProperty: true});
  };
  const out = (el) => {
    const r = el.getBoundingClientRect();
    return r.left < -0.5 || r.right > width + 0.5;
  };
  const controls = [...document.querySelectorAll('a, button, input, select, textarea, summary')]
    .filter((el) => !el.matches('.skip') && shown(el) && out(el) && !inRegion(el))
    .map(box);
  const scrollWidth = document.documentElement.scrollWidth;
  let wide = [];
  if (scrollWidth > width) {
    // The outermost elements that overflow: their children would only repeat them.
    const all = [...document.body.querySelectorAll('*')]
      .filter((el) => !el.matches('.skip') && shown(el) && out(el) && !inRegion(el));
    wide = all.filter((el) => !all.includes(el.parentElement)).slice(0, 5).map(box);
  }
  return {scrollWidth, controls, wide};
}"""


@pytest.fixture
def world(transactional_db, network, other_network, org_a, org_b, org_c, personas, oscar):
    return build_world(network, other_network, org_a, org_b, org_c, personas, oscar)


def visits(world):
    """(route name, URL, persona) for every GET page of the matrix: the first target (own
    organisation first, then published ones) someone may see, seen by the persona with the
    widest view that gets it, plus an anonymous reader when it is public."""
    order = TARGETS + PUBLISHED_TARGETS
    for route in ROUTES:
        targets = ["a", *[t for t in PUBLISHED_TARGETS if t in world[route.target]], "b"]
        for target in targets:
            index = order.index(target)
            readers = [p for p in WIDEST_FIRST if route.expected("get", p)[index] == 200]
            public = route.expected("get", "anonymous")[index] == 200
            if not readers and not public:
                continue
            obj = world[route.target][target]
            url = reverse(route.name, kwargs=route.kwargs(obj) if route.kwargs else None)
            if readers:
                yield route.name, url, readers[0]
            if public:
                yield route.name, url, "anonymous"
            break


def test_every_page_fits_a_phone_and_passes_axe_in_three_languages(
    live_server, browser, axe_violations, world
):
    started = time.monotonic()
    pages = {}  # (persona, language): a page of its own browser context
    failures = []
    audited = skipped = 0
    for language in LANGUAGES:
        for name, url, persona in visits(world):
            if (persona, language) not in pages:
                context = browser.new_context(bypass_csp=True, viewport=PHONE)  # axe is injected
                cookies = [{"name": "django_language", "value": language, "url": live_server.url}]
                if persona != "anonymous":
                    cookies.append(session_cookie(world[persona], live_server))
                context.add_cookies(cookies)
                pages[persona, language] = context.new_page()
            page = pages[persona, language]
            where = f"{url} as {persona} in {language}"
            try:
                response = page.goto(f"{live_server.url}{url}")
            except PlaywrightError as error:
                if "Download is starting" not in error.message:
                    raise
                skipped += 1  # a download: a CSV, a PDF, a calendar, an archive
                continue
            if response.status != 200:
                failures.append(f"{where} ({name}): status {response.status}")
                continue
            if not response.headers.get("content-type", "").startswith("text/html"):
                skipped += 1  # a download: a PDF, a calendar, an archive
                continue
            audited += 1
            found = page.evaluate(MEASURE)
            if found["scrollWidth"] > PHONE["width"]:
                failures.append(
                    f"{where}: the document is {found['scrollWidth']} px wide: "
                    + "; ".join(found["wide"])
                )
            if found["controls"]:
                more = len(found["controls"]) - 3
                failures.append(
                    f"{where}: {len(found['controls'])} controls off-screen: "
                    + "; ".join(found["controls"][:3])
                    + (f" and {more} more" if more > 0 else "")
                )
            for rule, targets in axe_violations(page):
                failures.append(f"{where}: axe {rule}: {targets[:3]}")
    for page in pages.values():
        page.context.close()
    print(
        f"\n{audited} pages audited ({audited // len(LANGUAGES)} per language, "
        f"{skipped // len(LANGUAGES)} downloads left aside) in {time.monotonic() - started:.0f} s"
    )
    assert failures == [], "\n".join(failures)
