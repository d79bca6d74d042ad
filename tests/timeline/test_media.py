"""External media on the public timeline: recognised, shown as click-to-load cards, framed
only after the reader's click, with a CSP that lets exactly that one host in."""

import re

import pytest

from carnet.timeline import media
from carnet.timeline.enums import MilestoneState
from carnet.timeline.media import external_media

from .factories import MilestoneFactory

YOUTUBE = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"


@pytest.mark.parametrize(
    ("url", "kind", "host", "embed"),
    [
        (YOUTUBE, media.VIDEO, "www.youtube-nocookie.com",
         "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"),
        ("https://youtu.be/aqz-KE-bpKQ?t=30", media.VIDEO, "www.youtube-nocookie.com",
         "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"),
        ("https://m.youtube.com/shorts/aqz-KE-bpKQ", media.VIDEO, "www.youtube-nocookie.com",
         "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"),
        ("https://vimeo.com/76979871", media.VIDEO, "player.vimeo.com",
         "https://player.vimeo.com/video/76979871"),
        ("https://player.vimeo.com/video/76979871", media.VIDEO, "player.vimeo.com",
         "https://player.vimeo.com/video/76979871"),
        ("https://soundcloud.com/forss/flickermood", media.AUDIO, "w.soundcloud.com",
         "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fforss%2Fflickermood"),
        ("https://commons.wikimedia.org/wiki/File:Example.jpg", media.FILE,
         "commons.wikimedia.org",
         "https://commons.wikimedia.org/wiki/File:Example.jpg?embedplayer=yes"),
        ("https://fr.wikipedia.org/wiki/Fichier:Example.jpg", media.FILE,
         "commons.wikimedia.org",
         "https://commons.wikimedia.org/wiki/File:Example.jpg?embedplayer=yes"),
        ("https://www.openstreetmap.org/?mlat=42.6629&mlon=21.1655#map=13/42.6629/21.1655",
         media.MAP, "www.openstreetmap.org",
         "https://www.openstreetmap.org/export/embed.html"
         "?bbox=21.11400,42.63765,21.21700,42.68815&layer=mapnik&marker=42.66290,21.16550"),
        ("https://en.wikipedia.org/wiki/Caritas", media.LINK, "en.wikipedia.org", ""),
        ("https://example.org/report", media.LINK, "example.org", ""),
    ],
)  # fmt: skip
def test_each_host_is_recognised(url, kind, host, embed):
    found = external_media(url)
    assert (found.kind, found.host, found.embed_url, found.url) == (kind, host, embed, url)


@pytest.mark.parametrize(
    "url",
    [
        "http://www.youtube.com/watch?v=aqz-KE-bpKQ",  # not https
        "javascript:alert(1)",
        "JaVaScRiPt:alert(document.cookie)//https://youtu.be/aqz-KE-bpKQ",
        "data:text/html,<script>alert(1)</script>",
        "https://www.youtube.com@evil.example/watch?v=aqz-KE-bpKQ",  # a login: another host
        "https://evil.example:8443/",  # an unusual port
        "https://www.youtube.com/watch?v=aqz-KE-bpKQ\n<script>",
        "//www.youtube.com/watch?v=aqz-KE-bpKQ",
        "not an address",
        "",
    ],
)
def test_anything_but_a_plain_https_address_is_a_plain_link(url):
    assert external_media(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com.evil.example/watch?v=aqz-KE-bpKQ",
        "https://evil-youtube.com/embed/aqz-KE-bpKQ",
        'https://www.youtube.com/watch?v=aqz-KE-bpKQ"><script>alert(1)</script>',
        "https://www.youtube.com/embed/../../evil",
        "https://vimeo.com/channels/staffpicks",
        "https://soundcloud.com/forss/sets/x/../../y",
        "https://www.openstreetmap.org/#map=13/999/21",
    ],
)
def test_a_hostile_or_unrecognised_address_is_never_framed(url):
    found = external_media(url)
    assert found is None or (found.kind == media.LINK and found.embed_url == "")


def published(network, **kwargs):
    return MilestoneFactory(network=network, state=MilestoneState.PUBLISHED, **kwargs)


def csp(response):
    return dict(
        (part.split(" ", 1) + [""])[:2]
        for part in (p.strip() for p in response["Content-Security-Policy"].split(";"))
        if part
    )


def test_the_timeline_shows_a_card_that_names_the_host_and_frames_nothing(client, network):
    published(network, slug="film", title="A film", media_url=YOUTUBE)
    response = client.get("/euromed/timeline/")
    html = response.content.decode()
    assert "Play — this loads the video from www.youtube-nocookie.com" in html
    assert 'href="?load=film#film"' in html
    assert "<iframe" not in html
    assert csp(response)["frame-src"] == "'self'"


def test_the_cards_link_frames_that_media_and_lets_exactly_its_host_in(client, network):
    published(network, slug="film", title="A film", media_url=YOUTUBE)
    published(
        network,
        slug="map",
        title="A map",
        media_url="https://www.openstreetmap.org/#map=9/42.6/21.1",
    )
    response = client.get("/euromed/timeline/?load=film")
    html = response.content.decode()
    assert re.findall(r'<iframe src="([^"]+)"', html) == [
        "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"
    ]
    assert "Show the map — this loads it from www.openstreetmap.org" in html
    assert csp(response)["frame-src"] == "'self' https://www.youtube-nocookie.com"
    assert "no-store" in response["Cache-Control"]
    assert f'<a href="{YOUTUBE}" rel="noopener noreferrer">Open it on www.youtube.com</a>' in html


def test_the_cached_page_keeps_the_strict_policy_after_a_load(client, network):
    published(network, slug="film", title="A film", media_url=YOUTUBE)
    client.get("/euromed/timeline/")  # the fragment is now cached
    assert csp(client.get("/euromed/timeline/?load=film"))["frame-src"].endswith("nocookie.com")
    again = client.get("/euromed/timeline/")
    assert "<iframe" not in again.content.decode()
    assert csp(again)["frame-src"] == "'self'"


def test_a_made_up_load_relaxes_nothing(client, network):
    published(network, slug="page", title="A page", media_url="https://example.org/report")
    for asked in ("page", "nothing-here", "<script>"):
        response = client.get("/euromed/timeline/", {"load": asked})
        assert csp(response)["frame-src"] == "'self'"
        assert "<iframe" not in response.content.decode()


def test_any_other_https_page_is_a_link_card_and_http_a_plain_link(client, network):
    published(network, slug="page", title="A page", media_url="https://example.org/report")
    published(network, slug="old", title="Old", media_url="http://example.net/video")
    html = client.get("/euromed/timeline/").content.decode()
    assert "(on example.org, another website)" in html
    assert '<p class="tl-video"><a href="http://example.net/video"' in html


def test_the_embed_loads_after_the_click_too_and_stays_frameable(client, network):
    published(network, slug="film", title="A film", media_url=YOUTUBE)
    response = client.get("/euromed/timeline/embed/?load=film")
    policy = csp(response)
    assert policy["frame-src"] == "'self' https://www.youtube-nocookie.com"
    assert policy["frame-ancestors"] == "*"


def test_the_offline_file_keeps_external_media_as_links(client, network):
    published(network, slug="film", title="A film", media_url=YOUTUBE)
    html = client.get("/euromed/timeline/download/").content.decode()
    assert f'<a href="{YOUTUBE.replace("&", "&amp;")}"' in html
    assert "?load=" not in html and "<iframe" not in html
