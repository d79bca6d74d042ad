"""In a real browser: nothing leaves for another host before the click, one host after it."""

import datetime
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from carnet.timeline.enums import MilestoneState
from tests.browsing import wait_until

from .factories import MilestoneFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def moments(network):
    for slug, day, url in [
        ("film", 1, "https://www.youtube.com/watch?v=aqz-KE-bpKQ"),
        ("map", 2, "https://www.openstreetmap.org/?mlat=42.66&mlon=21.16#map=13/42.66/21.16"),
        ("sound", 3, "https://soundcloud.com/forss/flickermood"),
    ]:
        MilestoneFactory(
            network=network,
            slug=slug,
            title=f"Moment {slug}",
            start_date=datetime.date(2011, 3, day),
            start_precision="day",
            media_url=url,
            state=MilestoneState.PUBLISHED,
        )


def test_no_other_host_is_asked_before_the_click_and_exactly_one_after(
    live_server, browser, moments
):
    own = urlsplit(live_server.url).netloc
    context = browser.new_context()
    page = context.new_page()
    asked = []
    page.on("request", lambda request: asked.append(urlsplit(request.url).netloc))
    # The test has no internet: requests to other hosts are counted, then refused here.
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if urlsplit(route.request.url).netloc == own else route.abort()
        ),
    )

    response = page.goto(f"{live_server.url}/euromed/timeline/#film")
    page.wait_for_load_state("networkidle")
    card = page.locator("#film .tl-card")
    expect(card).to_be_visible()
    expect(card).to_contain_text("Play — this loads the video from www.youtube-nocookie.com")
    assert "frame-src 'self';" in response.headers["content-security-policy"] + ";"
    expect(page.locator("iframe")).to_have_count(0)
    assert {host for host in asked if host != own} == set()

    with page.expect_navigation():
        card.get_by_role("link", name="Play").click()
    page.wait_for_load_state("networkidle")
    frame = page.locator("#film iframe")
    expect(frame).to_be_attached()
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"
    assert page.url.endswith("/euromed/timeline/?load=film#film")
    assert {host for host in asked if host != own} == {"www.youtube-nocookie.com"}
    expect(page.locator("iframe")).to_have_count(1)
    context.close()


@pytest.mark.parametrize("query", ["", "?load=film", "?load=sound", "?load=map"])
def test_cards_and_loaded_frames_pass_axe(live_server, browser, moments, axe_violations, query):
    # The page's CSP forbids inline script: the audit is injected around it.
    context = browser.new_context(bypass_csp=True, viewport={"width": 360, "height": 740})
    page = context.new_page()
    own = urlsplit(live_server.url).netloc
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if urlsplit(route.request.url).netloc == own else route.abort()
        ),
    )
    page.goto(f"{live_server.url}/euromed/timeline/{query}")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_a_moments_sound_and_its_subtitles_play_from_this_site_only(live_server, browser, network):
    """Subtitles in two languages: the reader's (French here) is the default track, and the
    only one asked for when shown."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from carnet.demo import sounds
    from carnet.safeguarding.enums import ConsentScope
    from carnet.timeline.enums import MediaKind
    from carnet.timeline.models import MomentMedia, MomentSubtitles

    network.is_published = True
    network.save()
    moment = MilestoneFactory(network=network, slug="voice", state=MilestoneState.PUBLISHED)
    sound = MomentMedia.objects.create(
        milestone=moment,
        kind=MediaKind.AUDIO,
        file=SimpleUploadedFile("voice.wav", sounds.wav(1.0)),
        transcript="Hello.",
        consent_scope=ConsentScope.PUBLICATION,
        consent_by="The person heard",
    )
    for language, words in (("en", "Hello."), ("fr", "Bonjour.")):
        vtt = f"WEBVTT\n\n00:00.000 --> 00:01.000\n{words}\n".encode()
        upload = SimpleUploadedFile(f"voice-{language}.vtt", vtt)
        MomentSubtitles.put(sound, language=language, upload=upload)
    own = urlsplit(live_server.url).netloc
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if urlsplit(route.request.url).netloc == own else route.abort()
        ),
    )
    page.goto(f"{live_server.url}/euromed/timeline/#voice")
    audio = page.locator("#voice audio")
    expect(audio).to_be_attached()
    expect(page.locator("#voice audio track[default]")).to_have_attribute("srclang", "fr")
    # Muted, a sound may play without a gesture; the default track is asked for when shown.
    page.evaluate(
        """() => { const a = document.querySelector('#voice audio'); a.muted = true;
        a.querySelector('track[default]').track.mode = 'showing'; return a.play(); }"""
    )
    wait_until(
        page,
        "() => { const a = document.querySelector('#voice audio');"
        " return a.ended || a.currentTime > 0.2; }",
    )
    wait_until(page, "() => document.querySelector('#voice audio track[default]').readyState === 2")
    assert any(url.endswith("/voice.wav") for url in asked), asked
    assert any(url.endswith("/voice-fr.vtt") for url in asked), asked
    assert not any(url.endswith("/voice-en.vtt") for url in asked), asked
    assert {urlsplit(url).netloc for url in asked} == {own}
    context.close()
