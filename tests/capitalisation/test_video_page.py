"""Issue 17, item 2: a published video has a page for readers — a player with its subtitles
track, the transcript and the credits — linked from the network page; unpublished videos,
videos without consent and their files stay closed to anonymous readers."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from carnet import demo
from carnet.capitalisation.enums import VideoStatus
from carnet.capitalisation.models import VideoSubtitles
from tests.browsing import wait_until

from .factories import VideoFactory

VTT = b"WEBVTT\n\n00:00.000 --> 00:03.000\nNe filluam m\xc3\xab 2011.\n"


def published_video(network, org_a, **fields):
    values = {
        "network": network,
        "organisation": org_a,
        "title": "Why we joined",
        "speaker": "Drita, director",
        "language": "sq",
        "status": VideoStatus.PUBLISHED,
        "consent_scope": "publication",
        "consent_by": "Drita",
        "file": SimpleUploadedFile("why.webm", b"\x1aE\xdf\xa3 not really a video"),
        "transcript": "We started in 2011.\n\nThen the network grew.",
        **fields,
    }
    video = VideoFactory(**values)
    VideoSubtitles.put(video, language="sq", upload=SimpleUploadedFile("why.vtt", VTT))
    return video


def test_video_page_plays_the_file_with_its_subtitles_track(client, network, org_a):
    video = published_video(network, org_a)
    response = client.get(f"/euromed/videos/{video.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(
        rf'<video controls preload="metadata" src="/media/{re.escape(video.file.name)}">', html
    )
    assert (
        f'<track kind="subtitles" src="/media/{video.tracks.get().file.name}" srclang="sq" '
        'label="Shqip" default>'
    ) in html
    assert "<p>We started in 2011.</p>\n\n<p>Then the network grew.</p>" in html
    assert "Drita, director" in html and org_a.name in html


def test_video_page_offers_each_language_of_subtitles_the_readers_by_default(
    client, network, org_a
):
    video = published_video(network, org_a)
    VideoSubtitles.put(video, language="fr", upload=SimpleUploadedFile("fr.vtt", VTT))
    french = video.tracks.get(language="fr").file.name
    html = client.get(f"/euromed/videos/{video.pk}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert html.count('<track kind="subtitles"') == 2
    assert f'src="/media/{french}" srclang="fr" label="Français" default>' in html
    assert 'srclang="sq" label="Shqip">' in html


def test_video_files_of_a_published_video_are_public(client, network, org_a):
    video = published_video(network, org_a)
    assert client.get(video.file.url).status_code == 200
    response = client.get(video.tracks.get().file.url)
    assert (response.status_code, response["Cache-Control"].split(",")[0]) == (200, "public")


def test_video_given_as_a_link_is_a_plain_link_card_without_iframe(client, network, org_a):
    video = published_video(network, org_a, file=None, link="https://video.example.org/why")
    html = client.get(f"/euromed/videos/{video.pk}/").content.decode()
    assert '<a href="https://video.example.org/why" rel="noopener">' in html
    assert "Watch the video on video.example.org" in html
    assert "<video" not in html and "<iframe" not in html


@pytest.mark.parametrize(
    "fields",
    [
        {"status": VideoStatus.FINALISING},
        {"consent_scope": "internal"},
        {"consent_scope": "none", "consent_by": ""},
    ],
    ids=["not published", "internal consent", "no consent"],
)
def test_video_page_and_files_are_404_for_anonymous_until_public(
    client, vera, network, org_a, fields
):
    video = published_video(network, org_a, **fields)
    assert client.get(f"/euromed/videos/{video.pk}/").status_code == 404
    assert client.get(video.file.url).status_code == 404
    assert client.get(video.tracks.get().file.url).status_code == 404
    listing = client.get("/euromed/videos/")
    assert (listing.status_code, "Why we joined" in listing.content.decode()) == (200, False)
    client.force_login(vera)  # members see it, as on their own pages
    assert client.get(f"/euromed/videos/{video.pk}/").status_code == 200


def test_video_of_an_unpublished_network_is_404_for_anonymous(client, network, org_a):
    video = published_video(network, org_a)
    network.is_published = False
    network.save()
    assert client.get(f"/euromed/videos/{video.pk}/").status_code == 404
    assert client.get(video.file.url).status_code == 404
    network.is_published = True
    network.save()
    assert client.get(f"/euromed/videos/{video.pk}/").status_code == 200


def test_members_see_an_unpublished_video_marked_as_not_public(client, vera, network, org_a):
    video = published_video(network, org_a, status=VideoStatus.EDITING)
    client.force_login(vera)
    response = client.get(f"/euromed/videos/{video.pk}/")
    assert response.status_code == 200
    assert "Not public: only the network" in response.content.decode()


def test_network_page_links_its_published_videos(client, network, org_a):
    published_video(network, org_a)
    published_video(network, org_a, title="Not yet", status=VideoStatus.EDITING)
    html = client.get("/euromed/").content.decode()
    assert '<a href="/euromed/videos/">1 video</a>' in html
    listing = client.get("/euromed/videos/").content.decode()
    assert "Why we joined" in listing and "Not yet" not in listing


def test_network_page_without_published_video_has_no_link(client, network, org_a):
    published_video(network, org_a, status=VideoStatus.EDITING)
    assert "/euromed/videos/" not in client.get("/euromed/").content.decode()


@pytest.mark.browser
def test_video_page_on_a_phone_lists_the_track_without_horizontal_scroll(
    browser, live_server, network, org_a, axe_violations
):
    webm = (Path(demo.__file__).parent / "files" / "testimony.webm").read_bytes()
    video = published_video(
        network,
        org_a,
        file=SimpleUploadedFile("why.webm", webm),
        transcript="A long transcript. " * 80,
    )
    # bypass_csp: only for injecting axe-core; the page itself runs under its own CSP.
    context = browser.new_context(bypass_csp=True, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server.url}/euromed/videos/{video.pk}/")
    player = page.locator("video")
    expect(player).to_be_visible()
    assert player.evaluate("v => v.textTracks.length") == 1
    assert player.evaluate("v => [v.textTracks[0].language, v.textTracks[0].label]") == [
        "sq",
        "Shqip",
    ]
    # The file loads through the media view and the browser reads its metadata.
    wait_until(page, "document.querySelector('video').readyState >= 1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(page) == []
    context.close()


def test_members_video_list_links_each_video_to_its_page_for_readers(client, farid, network, org_a):
    published = published_video(network, org_a)
    editing = published_video(network, org_a, title="Not yet", status=VideoStatus.EDITING)
    client.force_login(farid)
    html = client.get("/euromed/capitalisation/videos/").content.decode()
    assert f'<a href="/euromed/videos/{published.pk}/">Its page for readers</a>' in html
    assert f'<a href="/euromed/videos/{editing.pk}/">Preview its page for readers</a>' in html
