"""The timeline in a real browser: the list without JS, keyboard, deep links, filters, axe."""

import datetime
import re
from itertools import pairwise

import pytest
from playwright.sync_api import expect

from tests.browsing import wait_until

from .factories import EraFactory, TranslationFactory, published_moments

pytestmark = pytest.mark.browser


@pytest.fixture
def moments(network, org_a, org_b):
    era = EraFactory(
        network=network,
        name="Founding years",
        start=datetime.date(2011, 1, 1),
        end=datetime.date(2013, 12, 31),
    )
    rows = [
        ("founding", "Founding meeting", datetime.date(2011, 3, 1), "meeting", org_a, era),
        ("training", "First training", datetime.date(2011, 11, 14), "training", org_b, era),
        ("campaign", "Prevention campaign", datetime.date(2013, 4, 1), "prevention", org_a, era),
        ("geneva", "Advocacy in Geneva", datetime.date(2015, 6, 22), "advocacy", org_b, None),
        ("workshop", "Capitalisation workshop", datetime.date(2019, 11, 25), "meeting", org_a, None),  # noqa: E501
    ]  # fmt: skip
    made = published_moments(network, rows)
    TranslationFactory(milestone=made[0], language="fr", title="Réunion fondatrice")
    return made


@pytest.fixture
def arabic(network, moments):
    network.name = "Euro-Mediterranean Network against Trafficking in Human Beings"
    network.languages = "en, fr, ar"
    network.save()
    TranslationFactory(milestone=moments[0], language="ar", title="الاجتماع التأسيسي")
    TranslationFactory(milestone=moments[1], language="ar", title="التدريب الأول")
    return network


def current_title(page):
    return page.locator(".tl-event.tl-current h2").inner_text()


def test_without_javascript_the_list_is_complete(live_server, browser, moments):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/euromed/timeline/")
    items = page.locator("ol.tl-events > li")
    expect(items).to_have_count(5)
    assert all(items.nth(i).is_visible() for i in range(5))
    assert page.locator(".tl-controls").is_visible() is False
    assert page.locator("time").first.get_attribute("datetime") == "2011-03-01"
    context.close()


def test_keyboard_moves_along_the_timeline(live_server, page, moments):
    page.goto(f"{live_server.url}/euromed/timeline/")
    assert current_title(page) == "Founding meeting"
    expect(page.locator(".tl-event:visible")).to_have_count(1)
    page.get_by_role("button", name="Next").click()
    assert current_title(page) == "First training"
    assert page.locator(".tl-live").inner_text() == "First training — Nov. 14, 2011"
    page.keyboard.press("ArrowRight")
    assert current_title(page) == "Prevention campaign"
    page.keyboard.press("End")
    assert current_title(page) == "Capitalisation workshop"
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Capitalisation workshop, Nov. 25, 2019"
    )
    page.keyboard.press("ArrowLeft")
    assert current_title(page) == "Advocacy in Geneva"
    page.keyboard.press("Home")
    assert current_title(page) == "Founding meeting"
    assert page.get_by_role("button", name="Previous").is_disabled()
    assert page.url.endswith("#founding")


def test_deep_link_opens_the_moment_also_inside_an_iframe(live_server, page, moments):
    page.goto(f"{live_server.url}/euromed/timeline/#geneva")
    assert current_title(page) == "Advocacy in Geneva"
    page.set_content(
        f'<iframe src="{live_server.url}/euromed/timeline/embed/#campaign" '
        'title="Timeline" width="600" height="500"></iframe>'
    )
    frame = page.frame_locator("iframe")
    assert frame.locator(".tl-event.tl-current h2").inner_text() == "Prevention campaign"


def test_filters_narrow_the_moments(live_server, page, moments, org_b):
    page.goto(f"{live_server.url}/euromed/timeline/")
    page.get_by_label("Tag").select_option("meeting")
    assert page.locator(".tl-position").inner_text() == "1 / 2"
    page.get_by_role("button", name="Next").click()
    assert current_title(page) == "Capitalisation workshop"
    page.get_by_label("Tag").select_option("")
    page.get_by_label("Organisation").select_option(str(org_b.pk))
    assert page.locator(".tl-position").inner_text() == "1 / 2"
    assert current_title(page) == "First training"
    page.get_by_label("Organisation").select_option("")
    page.get_by_label("Era").select_option(label="Founding years")
    assert page.locator(".tl-position").inner_text() == "2 / 3"


def test_language_switcher_shows_the_french_with_english_fallback(live_server, page, moments):
    page.goto(f"{live_server.url}/euromed/timeline/")
    page.get_by_role("link", name="français").click()
    assert current_title(page) == "Réunion fondatrice"
    assert page.locator(".tl-current time").first.inner_text() == "1 mars 2011"
    page.get_by_role("button", name="Next").click()
    assert current_title(page) == "First training"


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("path", ["/euromed/timeline/", "/euromed/timeline/embed/"])
def test_axe_finds_no_violation(
    live_server, browser, moments, axe_violations, arabic, path, lang, width
):
    # The page's CSP forbids inline script: the audit is injected around it.
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server.url}{path}?lang={lang}")
    expect(page.locator("#timeline.tl-js")).to_have_count(1)
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}{path}?lang={lang}&q=e&tag=meeting")  # the count, the reset
    expect(page.locator(".tl-count")).to_contain_text(re.compile("2.*5"))
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_print_shows_every_moment(live_server, page, moments):
    page.goto(f"{live_server.url}/euromed/timeline/")
    expect(page.locator(".tl-event:visible")).to_have_count(1)
    page.emulate_media(media="print")
    expect(page.locator(".tl-event:visible")).to_have_count(5)
    assert page.locator(".tl-controls").is_visible() is False


def test_right_to_left_language_is_mirrored(live_server, page, moments, network):
    network.languages = "en, fr, ar"
    network.save()
    TranslationFactory(milestone=moments[1], language="ar", title="التدريب الأول")
    page.goto(f"{live_server.url}/euromed/timeline/?lang=ar")
    assert page.locator("#timeline").get_attribute("dir") == "rtl"
    expect(page.locator(".tl-marker")).to_have_count(5)  # the others come when idle
    first = page.locator(".tl-marker").first.bounding_box()
    last = page.locator(".tl-marker").last.bounding_box()
    assert first["x"] > last["x"]  # time runs from right to left
    page.locator(".tl-marker[aria-current]").focus()
    page.keyboard.press("ArrowLeft")
    assert current_title(page) == "التدريب الأول"


def test_standalone_file_works_from_disk(browser, moments, tmp_path):
    from django.core.management import call_command

    out = tmp_path / "timeline.html"
    call_command("timeline", "export", "euromed", "--format", "html", "-o", str(out))
    context = browser.new_context()
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(out.as_uri() + "#campaign")
    assert current_title(page) == "Prevention campaign"
    page.keyboard.press("End")
    assert current_title(page) == "Capitalisation workshop"
    assert [url.split("#")[0] for url in requests] == [out.as_uri()]
    context.close()


def test_embed_snippet_resizes_the_iframe(live_server, browser, moments):
    # A host page from the same machine (Chromium refuses a blank page framing localhost);
    # the test's own polling must not be held to that page's CSP.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/euromed/")
    page.set_content(
        f'<iframe src="{live_server.url}/euromed/timeline/embed/" class="carnet-timeline" '
        'title="Timeline" width="600" height="150"></iframe>'
        f'<script src="{live_server.url}/static/timeline/embed.js"></script>'
    )
    frame = page.frame_locator("iframe")
    assert frame.locator(".tl-event.tl-current h2").inner_text() == "Founding meeting"
    wait_until(page, "() => document.querySelector('iframe').offsetHeight > 300")
    frame.get_by_role("button", name="Next").click()
    wait_until(page, "() => location.hash === '#training'")
    context.close()


def test_zoom_widens_the_axis_and_keeps_the_current_marker(live_server, page, moments):
    page.goto(f"{live_server.url}/euromed/timeline/#workshop")
    track = page.locator(".tl-track")
    width = track.bounding_box()["width"]
    page.get_by_role("button", name="Zoom in").click()
    page.get_by_role("button", name="Zoom in").click()
    assert track.bounding_box()["width"] == pytest.approx(width * 4, rel=0.01)
    marker = page.locator(".tl-marker[aria-current]").bounding_box()
    axis = page.locator(".tl-axis").bounding_box()
    assert axis["x"] <= marker["x"] <= axis["x"] + axis["width"]
    page.get_by_role("button", name="Zoom out").click()
    assert track.bounding_box()["width"] == pytest.approx(width * 2, rel=0.01)


def boxes_overlap(a, b):
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_wide_screen_shows_a_slide_with_its_media_first_and_the_axis_below(
    live_server, page, moments, arabic, lang
):
    moments[0].quotation = "We could not face it alone."
    moments[0].save()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/euromed/timeline/?lang={lang}")
    slide = page.locator(".tl-event.tl-current .tl-slide")
    expect(slide.locator("blockquote")).to_be_visible()
    media = slide.locator(".tl-slide-media").bounding_box()
    head = slide.locator(".tl-head").bounding_box()
    if lang == "en":
        assert media["x"] + media["width"] <= head["x"]  # the media at the start, large
    else:
        assert head["x"] + head["width"] <= media["x"]  # mirrored
    assert media["width"] > head["width"]
    axis = page.locator(".tl-axis").bounding_box()
    box = slide.bounding_box()
    assert axis["y"] >= box["y"] + box["height"]  # the axis under the slide
    expect(page.locator(".tl-event:visible")).to_have_count(1)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_axis_keeps_its_years_clear_of_the_markers_and_shows_the_last_year(
    live_server, page, moments, arabic, lang
):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/euromed/timeline/?lang={lang}")
    expect(page.locator(".tl-marker")).to_have_count(5)
    expect(page.locator(".tl-tick").last).to_be_visible()
    ticks = page.locator(".tl-tick")
    years = ticks.all_text_contents()
    assert "2019" in years  # the year of the last moment is labelled
    markers = [page.locator(".tl-marker").nth(i).bounding_box() for i in range(5)]
    labels = [ticks.nth(i).bounding_box() for i in range(ticks.count())]
    assert not any(boxes_overlap(label, marker) for label in labels for marker in markers)
    axis = page.locator(".tl-scroll").bounding_box()
    for label in labels:  # no label is cut by the axis's edges
        assert axis["x"] <= label["x"] and label["x"] + label["width"] <= axis["x"] + axis["width"]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_on_a_phone_the_first_screen_shows_the_first_moment_in_a_list(
    live_server, browser, moments, arabic, lang
):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server.url}/euromed/timeline/?lang={lang}")
    expect(page.locator("#timeline.tl-js")).to_have_count(1)
    first = page.locator(".tl-event h2").first
    expect(first).to_be_visible()
    box = first.bounding_box()
    assert box["y"] + box["height"] <= 740
    expect(page.locator(".tl-event:visible")).to_have_count(5)  # a list, not a slide
    assert page.locator(".tl-axis").is_visible() is False
    context.close()


# Before each frame the browser draws (requestAnimationFrame), whether the timeline was there,
# and whether its script had made it a timeline (tl-js) or it was still the plain list.
FRAMES = """
window.__frames = [];
requestAnimationFrame(function frame() {
  var root = document.getElementById('timeline');
  if (root) window.__frames.push(root.classList.contains('tl-js') ? 'timeline' : 'list');
  requestAnimationFrame(frame);
});
"""


def load_with_the_script_held(browser, url, width):
    """Open the page with timeline.js held back for a while, then let it through; return the
    frames drawn (FRAMES) until the timeline works."""
    context = browser.new_context(viewport={"width": width, "height": 740})
    context.add_init_script(FRAMES)
    held = []
    context.route("**/timeline/timeline.js", lambda route: held.append(route))
    page = context.new_page()
    page.goto(url, wait_until="commit")
    page.wait_for_timeout(800)  # the page has arrived; its script has not
    assert held, "timeline.js was not asked for"
    for route in held:
        route.continue_()
    expect(page.locator("#timeline.tl-js")).to_have_count(1)
    wait_until(page, "window.__frames.includes('timeline')")
    frames = page.evaluate("window.__frames")
    context.close()
    return frames


@pytest.mark.parametrize("path", ["timeline/", "timeline/embed/"])
def test_a_phone_draws_the_list_before_the_script_arrives(live_server, browser, moments, path):
    frames = load_with_the_script_held(browser, f"{live_server.url}/euromed/{path}", 360)
    assert frames[0] == "list"


@pytest.mark.parametrize("path", ["timeline/", "timeline/embed/"])
def test_a_wide_screen_draws_no_frame_of_the_list_the_slide_replaces(
    live_server, browser, moments, path
):
    frames = load_with_the_script_held(browser, f"{live_server.url}/euromed/{path}", 1280)
    assert frames[0] == "timeline"


def test_search_filters_as_one_types_and_announces_the_count(live_server, page, moments):
    page.goto(f"{live_server.url}/euromed/timeline/")
    count = page.locator(".tl-count")
    assert count.get_attribute("role") == "status"
    expect(count).to_have_text("Moments shown: 5 of 5")
    page.get_by_label("Search the moments").fill("geneva")
    expect(count).to_have_text("Moments shown: 1 of 5")
    expect(page.locator(".tl-event.tl-current h2")).to_have_text("Advocacy in Geneva")
    page.get_by_label("Search the moments").fill("")
    page.get_by_label("Tag").select_option("meeting")
    expect(count).to_have_text("Moments shown: 2 of 5")
    page.get_by_label("Search the moments").fill("WORKSHOP capitalisation")
    expect(count).to_have_text("Moments shown: 1 of 5")  # with the tag, every word
    expect(page.locator(".tl-event.tl-current h2")).to_have_text("Capitalisation workshop")
    page.get_by_label("Search the moments").fill("nothing like this")
    expect(count).to_have_text("Moments shown: 0 of 5")
    expect(page.locator(".tl-none")).to_be_visible()
    expect(page.locator(".tl-event:visible")).to_have_count(0)


def test_search_ignores_accents_in_the_language_shown(live_server, page, moments):
    page.goto(f"{live_server.url}/euromed/timeline/?lang=fr")
    page.get_by_label("Search the moments").fill("reunion")
    expect(page.locator(".tl-count")).to_have_text("Moments shown: 1 of 5")
    expect(page.locator(".tl-event.tl-current h2")).to_have_text("Réunion fondatrice")


def test_search_without_javascript_combines_with_the_filters(live_server, browser, moments):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/euromed/timeline/")
    page.get_by_label("Search the moments").fill("founding meeting")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**q=founding+meeting**")
    expect(page.locator(".tl-event h2")).to_have_text(["Founding meeting"])
    expect(page.locator(".tl-count")).to_contain_text("Moments shown: 1 of 5")
    page.get_by_label("Tag").select_option("training")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**tag=training**")
    expect(page.locator(".tl-event")).to_have_count(0)
    expect(page.get_by_text("No moment matches these filters.")).to_be_visible()
    page.get_by_role("link", name="Show them all").click()
    expect(page.locator(".tl-event")).to_have_count(5)
    context.close()


def test_a_long_timeline_keeps_one_marker_per_place_on_its_axis(live_server, page, network, org_a):
    """A long timeline's axis never holds a button per moment: markers a marker's width
    apart (the current moment's always, labelled and in the tab order), more as one zooms
    in; "next" and the arrow keys still reach every moment."""
    start = datetime.date(2011, 1, 1)
    published_moments(
        network,
        [
            (f"m{i}", f"Moment {i}", start + datetime.timedelta(days=3 * i), "meeting", org_a, None)
            for i in range(250)
        ],
    )
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/euromed/timeline/#m240")
    assert current_title(page) == "Moment 240"
    page.get_by_role("button", name="Next").click()
    assert current_title(page) == "Moment 241"
    assert page.url.endswith("#m241")
    assert page.locator(".tl-event.tl-current h2 a").get_attribute("href") == "#m241"

    markers = page.locator(".tl-marker")
    width = page.locator(".tl-scale").bounding_box()["width"]
    expect(markers.nth(10)).to_be_attached()  # the markers but the current come when idle
    at_first = markers.count()
    assert 10 < at_first <= width / 24 + 1 < 250
    lefts = page.evaluate(
        "[...document.querySelectorAll('.tl-marker:not([aria-current])')]"
        ".map(m => m.getBoundingClientRect().left).sort((a, b) => a - b)"
    )
    assert min(b - a for a, b in pairwise(lefts)) >= 23.9  # never on top of each other
    current = page.locator(".tl-marker[aria-current]")
    expect(current).to_have_count(1)
    assert current.get_attribute("aria-label") == "Moment 241, Dec. 24, 2012"
    assert current.get_attribute("tabindex") == "0"

    page.get_by_role("button", name="Zoom in").click()
    page.get_by_role("button", name="Zoom in").click()
    assert markers.count() > at_first  # four times wider: more moments get their marker
    current.focus()
    page.keyboard.press("ArrowRight")
    assert current_title(page) == "Moment 242"
    expect(page.locator(".tl-marker:focus")).to_have_attribute(
        "aria-label", re.compile("^Moment 242, ")
    )
