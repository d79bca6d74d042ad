from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from carnet.accounts.models import Action
from carnet.capitalisation.models import Video, VideoSubtitles

from .factories import VideoFactory

VTT = b"WEBVTT\n\n00:00.000 --> 00:03.000\nWe started in 2011.\n"


def test_a_video_is_recorded_with_consent_and_subtitles(client, farid, network, org_a):
    client.force_login(farid)
    response = client.post(
        "/euromed/capitalisation/videos/new/",
        {
            "title": "Why we joined",
            "organisation": org_a.pk,
            "speaker": "Director",
            "language": "sq",
            "status": "filming",
            "link": "https://video.example.org/1",
            "subtitles": SimpleUploadedFile("why.vtt", VTT),
            "subtitles_language": "sq",
            "consent_scope": "publication",
            "consent_by": "The director",
            "consent_on": "2019-11-28",
        },
    )
    assert response.status_code == 302
    video = Video.objects.get()
    track = video.tracks.get()
    assert (video.status, video.may_publish, track.language) == ("filming", True, "sq")
    assert track.file.name.startswith("subtitles/") and track.file.name.endswith("/why.vtt")


def test_subtitles_are_added_a_language_at_a_time_and_removed(client, farid, network):
    video = VideoFactory(network=network, status="editing", language="bs")
    VideoSubtitles.put(video, language="bs", upload=SimpleUploadedFile("bs.vtt", VTT))
    old = video.tracks.get()
    client.force_login(farid)
    form = {"title": video.title, "language": "bs", "status": "editing", "consent_scope": "none"}
    page = client.get(f"/euromed/capitalisation/videos/{video.pk}/").content.decode()
    # the network's languages (en, fr) and the one spoken in the film, named in themselves
    assert '<option value="fr">Français (French)</option>' in page
    assert '<option value="bs">Bosanski (Bosnian)</option>' in page
    response = client.post(
        f"/euromed/capitalisation/videos/{video.pk}/",
        {
            **form,
            "subtitles": SimpleUploadedFile("fr.vtt", VTT),
            "subtitles_language": "fr",
            "remove_subtitles": [old.pk],
        },
    )
    assert response.status_code == 302
    assert list(video.tracks.values_list("language", flat=True)) == ["fr"]
    assert not default_storage.exists(old.file.name)
    refused = client.post(
        f"/euromed/capitalisation/videos/{video.pk}/",
        {**form, "subtitles": SimpleUploadedFile("de.vtt", VTT), "subtitles_language": "de"},
    )
    assert refused.status_code == 400


def test_bad_subtitles_are_refused(client, farid, network):
    client.force_login(farid)
    response = client.post(
        "/euromed/capitalisation/videos/new/",
        {
            "title": "T",
            "language": "en",
            "status": "planned",
            "consent_scope": "none",
            "subtitles": SimpleUploadedFile("x.vtt", b"1\n00:00:01,000 --> 00:00:02,000\nSRT\n"),
        },
    )
    assert response.status_code == 400
    assert "This is not a WebVTT file" in response.content.decode()
    assert Video.objects.count() == 0


def test_a_status_change_is_logged(client, farid, network):
    video = VideoFactory(network=network, status="editing")
    client.force_login(farid)
    response = client.post(
        f"/euromed/capitalisation/videos/{video.pk}/",
        {"title": video.title, "language": "en", "status": "finalising", "consent_scope": "none"},
    )
    assert response.status_code == 302
    video.refresh_from_db()
    assert video.status == "finalising"
    assert Action.objects.filter(verb="state").get().data == {"from": "editing", "to": "finalising"}


def test_a_video_without_consent_to_publish_is_not_published(client, farid, network):
    video = VideoFactory(network=network, status="finalising", speaker="Director")
    client.force_login(farid)
    response = client.post(
        f"/euromed/capitalisation/videos/{video.pk}/",
        {
            "title": video.title,
            "language": "en",
            "status": "published",
            "consent_scope": "internal",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/euromed/capitalisation/videos/{video.pk}/"
    video.refresh_from_db()
    assert video.status == "finalising"
    assert not Action.objects.filter(verb="publish").exists()


def test_a_video_with_consent_is_published_and_logged(client, farid, network):
    video = VideoFactory(network=network, status="finalising", speaker="Director")
    client.force_login(farid)
    client.post(
        f"/euromed/capitalisation/videos/{video.pk}/",
        {
            "title": video.title,
            "language": "en",
            "status": "published",
            "consent_scope": "publication",
            "consent_by": "Director",
            "consent_on": "2019-11-28",
            "transcript": "We learnt about each other.",
        },
    )
    video.refresh_from_db()
    assert video.status == "published"
    assert Action.objects.filter(verb="publish").get().data == {
        "from": "finalising",
        "to": "published",
    }
