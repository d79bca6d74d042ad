"""Reviewing a rough cut: members comment a video at a time of the film, listed in time order;
a time seeks the player (and without JavaScript opens the file there)."""

import pytest
from django.test import Client
from django.urls import reverse

from carnet.capitalisation.enums import VideoStatus
from carnet.capitalisation.forms import VideoCommentForm
from carnet.capitalisation.models import VideoComment
from tests.browsing import log_in, wait_until

from .factories import VideoFactory


@pytest.mark.parametrize(
    ("typed", "seconds"), [("01:25", 85), ("0:05", 5), ("1:02:03", 3723), ("00:00", 0)]
)
def test_a_time_is_read_as_mm_ss(typed, seconds):
    form = VideoCommentForm({"at": typed, "text": "Cut here."})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["at"] == seconds


@pytest.mark.parametrize("typed", ["85", "1:75", "a:10", "1:2:3:4", "-1:00", ""])
def test_a_time_that_is_not_mm_ss_is_refused(typed):
    form = VideoCommentForm({"at": typed, "text": "Cut here."})
    assert not form.is_valid()
    assert "at" in form.errors


@pytest.fixture
def rough_cut(network, org_a):
    return VideoFactory(
        network=network, organisation=org_a, status=VideoStatus.EDITING, file="videos/x/cut.webm"
    )


def test_members_comment_at_a_time_and_read_the_comments_in_time_order(rough_cut, ana, bora):
    url = reverse("capitalisation:video_comment", args=[rough_cut.network.slug, rough_cut.pk])
    for user, at, text in ((ana, "02:10", "Too long."), (bora, "00:15", "Name the speaker.")):
        client = Client()
        client.force_login(user)
        response = client.post(url, {"at": at, "text": text})
        assert response.status_code == 302
        assert response["Location"] == rough_cut.get_public_url() + "#comments"
    assert [c.at_seconds for c in VideoComment.objects.all()] == [15, 130]
    page = client.get(rough_cut.get_public_url()).content.decode()
    first, second = page.index("Name the speaker."), page.index("Too long.")
    assert first < second
    assert f'href="{rough_cut.file.url}#t=15" data-seek="15"><time>00:15</time>' in page
    assert "capitalisation/video.js" in page


def test_a_bad_time_shows_the_page_again_with_the_error(rough_cut, ana):
    client = Client()
    client.force_login(ana)
    url = reverse("capitalisation:video_comment", args=[rough_cut.network.slug, rough_cut.pk])
    response = client.post(url, {"at": "1:99", "text": "?"})
    assert response.status_code == 400
    assert "Minutes and seconds go up to 59." in response.content.decode()
    assert not VideoComment.objects.exists()


def test_readers_of_a_published_video_never_see_the_review_comments(network, org_a, ana):
    network.is_published = True
    network.save()
    video = VideoFactory(
        network=network,
        organisation=org_a,
        status=VideoStatus.PUBLISHED,
        consent_scope="publication",
        consent_by="The speaker",
    )
    VideoComment.objects.create(video=video, at_seconds=3, text="Internal remark", author=ana)
    page = Client().get(video.get_public_url())
    assert page.status_code == 200
    assert "Internal remark" not in page.content.decode()
    assert 'id="comments"' not in page.content.decode()


@pytest.mark.browser
def test_a_click_on_a_comments_time_seeks_the_player(browser, live_server, network, org_a, ana):
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile
    from playwright.sync_api import expect

    from carnet import demo

    webm = (Path(demo.__file__).parent / "files" / "testimony.webm").read_bytes()
    video = VideoFactory(
        network=network,
        organisation=org_a,
        status=VideoStatus.EDITING,
        file=SimpleUploadedFile("cut.webm", webm),
    )
    VideoComment.objects.create(video=video, at_seconds=5, text="Cut before this.", author=ana)
    context = browser.new_context()
    log_in(context, live_server, ana)
    page = context.new_page()
    page.goto(f"{live_server.url}/euromed/videos/{video.pk}/")
    wait_until(page, "() => document.querySelector('#player video').readyState >= 1")
    link = page.get_by_role("link", name="00:05")
    expect(link).to_be_visible()
    link.click()
    wait_until(page, "() => document.querySelector('#player video').currentTime >= 4.9")
    assert page.url.endswith(f"/euromed/videos/{video.pk}/")  # seeked, not followed
    context.close()
