"""Media on a key moment: sound, video, PDF with its first page drawn, quotation, and a video
of the network. Checked from their content, shown only with consent, never published without."""

import datetime
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from carnet.capitalisation.enums import VideoStatus
from carnet.capitalisation.models import VideoSubtitles
from carnet.demo import scans, sounds
from carnet.lib.workflow import MoveRefused
from carnet.safeguarding.enums import ConsentScope
from carnet.timeline import domain, standalone
from carnet.timeline.enums import MediaKind, MilestoneState
from carnet.timeline.forms import MomentMediaForm
from carnet.timeline.models import Milestone, MomentMedia, MomentSubtitles
from tests.capitalisation.factories import VideoFactory

from .factories import MilestoneFactory

VTT = b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello.\n"
CONSENT = {
    "consent_scope": ConsentScope.PUBLICATION,
    "consent_by": "The person heard",
    "consent_on": "2024-05-01",
}


def upload(name, content):
    return SimpleUploadedFile(name, content)


def form(moment, data, files=None):
    return MomentMediaForm({**CONSENT, **data}, files or {}, milestone=moment)


@pytest.fixture
def moment(network, org_a):
    network.languages = "en, fr, sq"
    network.save()
    return MilestoneFactory(network=network, organisation=org_a, state=MilestoneState.ACCEPTED)


def test_a_sound_with_subtitles_is_stored_under_a_name_nobody_can_guess(moment):
    bound = form(
        moment,
        {"kind": MediaKind.AUDIO, "subtitles_language": "sq", "caption": "Her words"},
        {"file": upload("voice.mp3", sounds.wav()), "subtitles": upload("voice.txt", VTT)},
    )
    assert bound.is_valid(), bound.errors
    media = bound.save()
    assert re.fullmatch(r"moment-media/[\w-]{16}/voice\.wav", media.file.name)  # from content
    track = media.tracks.get()
    assert (track.language, track.file.name.endswith("/voice.vtt")) == ("sq", True)
    assert re.fullmatch(r"moment-media/[\w-]{16}/voice\.vtt", track.file.name)
    assert default_storage.open(track.file.name).read() == VTT
    assert media.position == 1


@pytest.mark.parametrize(
    ("kind", "name", "content", "error"),
    [
        (MediaKind.AUDIO, "voice.mp3", b"<html>not a sound</html>", "not a sound file"),
        (MediaKind.AUDIO, "photo.ogg", b"\xff\xd8\xff\xe0 a JPEG", "not a sound file"),
        (MediaKind.VIDEO, "clip.mp4", sounds.wav(), "not a video"),
        (MediaKind.PDF, "plan.pdf", b"PK\x03\x04 a zip", "not one we accept"),
        (MediaKind.PDF, "plan.pdf", b"%PDF-1.4 broken", "could not be drawn"),
    ],
)
def test_a_file_of_the_wrong_type_is_refused_from_its_content(moment, kind, name, content, error):
    bound = form(
        moment,
        {"kind": kind, "alt_text": "A plan", "transcript": "Words."},
        {"file": upload(name, content)},
    )
    assert not bound.is_valid()
    assert error in " ".join(bound.errors["file"])
    assert not MomentMedia.objects.exists()


def test_subtitles_that_do_not_parse_are_refused_and_nothing_is_saved(moment):
    before = (
        set(default_storage.listdir("moment-media")[0])
        if default_storage.exists("moment-media")
        else set()
    )
    bound = form(
        moment,
        {"kind": MediaKind.AUDIO, "subtitles_language": "en"},
        {
            "file": upload("voice.wav", sounds.wav()),
            "subtitles": upload("voice.vtt", b"WEBVTT\n\n00:01.000 --> 00:02\nHi\n"),
        },
    )
    assert not bound.is_valid()
    assert "cue timing is not valid" in " ".join(bound.errors["subtitles"])
    assert not MomentMedia.objects.exists()
    after = (
        set(default_storage.listdir("moment-media")[0])
        if default_storage.exists("moment-media")
        else set()
    )
    assert after == before


def test_a_sound_needs_a_transcript_or_subtitles(moment):
    bound = form(moment, {"kind": MediaKind.AUDIO}, {"file": upload("v.wav", sounds.wav())})
    assert not bound.is_valid()
    assert "transcript" in bound.errors


def test_a_quotation_needs_its_words_and_who_said_them(moment):
    bound = form(moment, {"kind": MediaKind.QUOTE, "quote": "We learnt to listen."})
    assert not bound.is_valid()
    assert list(bound.errors) == ["quote_by"]


def test_a_pdf_gets_its_first_page_drawn_as_a_preview(moment):
    pdf = scans.pdf(["Action plan", "2016"])
    bound = form(
        moment,
        {"kind": MediaKind.PDF, "alt_text": "The first page of the plan"},
        {"file": upload("plan.pdf", pdf)},
    )
    assert bound.is_valid(), bound.errors
    media = bound.save()
    assert media.file.name.endswith("/plan.pdf")
    assert media.preview.name.endswith(".jpg")
    assert default_storage.open(media.preview.name).read()[:3] == b"\xff\xd8\xff"


def test_a_video_gets_a_clean_poster(moment):
    from PIL import Image

    image = Image.new("RGB", (40, 30), "red")
    import io

    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    bound = form(
        moment,
        {"kind": MediaKind.VIDEO, "alt_text": "Coloured frames"},
        {
            "file": upload("clip.webm", b"\x1a\x45\xdf\xa3" + b"\x00" * 64),
            "poster": upload("poster.png", buffer.getvalue()),
        },
    )
    assert bound.is_valid(), bound.errors
    media = bound.save()
    assert media.file.name.endswith(".webm")
    assert media.poster.name.endswith(".jpg")  # re-encoded, metadata gone


def quote(moment, **consent):
    return MomentMedia.objects.create(
        milestone=moment,
        kind=MediaKind.QUOTE,
        quote="We learnt to listen.",
        quote_by="A youth worker",
        **consent,
    )


def test_a_media_without_consent_blocks_publication(network, moment, claire):
    network.is_published = True
    network.save()
    quote(moment)
    with pytest.raises(MoveRefused):
        domain.set_state(moment, MilestoneState.PUBLISHED, by=claire)
    moment.refresh_from_db()
    assert moment.state == MilestoneState.ACCEPTED
    MomentMedia.objects.update(consent_scope=ConsentScope.PUBLICATION, consent_by="Him")
    domain.set_state(moment, MilestoneState.PUBLISHED, by=claire)
    moment.refresh_from_db()
    assert moment.state == MilestoneState.PUBLISHED


def test_a_video_of_the_network_must_be_published_for_the_moment_to_be(network, moment, claire):
    network.is_published = True
    network.save()
    video = VideoFactory(
        network=network,
        status=VideoStatus.EDITING,
        consent_scope=ConsentScope.PUBLICATION,
        consent_by="The speaker",
    )
    MomentMedia.objects.create(milestone=moment, kind=MediaKind.FILM, video=video)
    with pytest.raises(MoveRefused):
        domain.set_state(moment, MilestoneState.PUBLISHED, by=claire)
    video.status = VideoStatus.PUBLISHED
    video.save()
    domain.set_state(moment, MilestoneState.PUBLISHED, by=claire)


def published_moment(network, org_a):
    network.is_published = True
    network.languages = "en, fr, sq"
    network.save()
    return MilestoneFactory(network=network, organisation=org_a, state=MilestoneState.PUBLISHED)


def test_the_timeline_shows_each_media_with_consent_only(network, org_a):
    moment = published_moment(network, org_a)
    bound = form(
        moment,
        {"kind": MediaKind.AUDIO, "subtitles_language": "sq", "transcript": "Mirë se erdhët."},
        {"file": upload("voice.wav", sounds.wav()), "subtitles": upload("v.vtt", VTT)},
    )
    assert bound.is_valid(), bound.errors
    sound = bound.save()
    quote(moment, consent_scope=ConsentScope.PUBLICATION, consent_by="Him")
    MomentMedia.objects.create(
        milestone=moment, kind=MediaKind.QUOTE, quote="Secret words", quote_by="Nobody"
    )
    video = VideoFactory(
        network=network,
        status=VideoStatus.PUBLISHED,
        consent_scope=ConsentScope.PUBLICATION,
        consent_by="The speaker",
        language="bs",
        file=upload("testimony.webm", b"\x1a\x45\xdf\xa3"),
    )
    VideoSubtitles.put(video, language="bs", upload=upload("testimony.vtt", VTT))
    MomentMedia.objects.create(milestone=moment, kind=MediaKind.FILM, video=video)
    html = Client().get(reverse("timeline:public", args=[network.slug])).content.decode()
    assert f'<audio controls preload="none" src="/media/{sound.file.name}">' in html
    track = sound.tracks.get()
    assert f'<track kind="subtitles" src="/media/{track.file.name}" srclang="sq"' in html
    assert "<blockquote>We learnt to listen.</blockquote>" in html
    assert "Secret words" not in html  # no consent: not shown
    assert f'<video controls preload="none" src="/media/{video.file.name}"' in html
    assert 'srclang="bs"' in html
    assert f'href="{video.get_public_url()}"' in html
    # and the files themselves are public
    assert Client().get(f"/media/{sound.file.name}").status_code == 200
    # the video's page links back to the moment
    page = Client().get(video.get_public_url()).content.decode()
    assert f'href="{moment.get_public_url()}"' in page


def test_the_standalone_file_holds_the_media_inside(network, org_a):
    moment = published_moment(network, org_a)
    MomentMedia.objects.create(
        milestone=moment,
        kind=MediaKind.AUDIO,
        file=upload("voice.wav", sounds.wav(0.1)),
        transcript="Hello.",
        **{k: v for k, v in CONSENT.items() if k != "consent_on"},
        consent_on=datetime.date(2024, 5, 1),
    )
    MomentSubtitles.put(MomentMedia.objects.get(), language="en", upload=upload("v.vtt", VTT))
    html = standalone.build(network)
    assert '<audio controls preload="none" src="data:audio/x-wav;base64,' in html
    assert 'src="data:text/vtt;base64,' in html
    assert "/media/" not in html


def test_a_private_moments_sound_is_not_served_to_anonymous_visitors(moment, ana):
    media = MomentMedia.objects.create(
        milestone=moment,
        kind=MediaKind.AUDIO,
        file=upload("v.wav", sounds.wav(0.1)),
        **{"consent_scope": ConsentScope.PUBLICATION, "consent_by": "Her"},
    )
    assert Client().get(f"/media/{media.file.name}").status_code == 404
    client = Client()
    client.force_login(ana)
    assert client.get(f"/media/{media.file.name}").status_code == 200


def test_the_media_page_adds_and_removes_a_quotation(moment, claire):
    client = Client()
    client.force_login(claire)
    url = reverse("timeline:media", args=[moment.network.slug, moment.slug])
    response = client.post(
        url, {**CONSENT, "kind": MediaKind.QUOTE, "quote": "Listen.", "quote_by": "Ana"}
    )
    assert response.status_code == 302
    media = MomentMedia.objects.get()
    assert client.get(url).content.decode().count("Listen.") == 1
    assert client.post(url, {"remove": str(media.pk)}).status_code == 302
    assert not MomentMedia.objects.exists()
    assert client.post(url, {"remove": "x"}).status_code == 302


# Subtitles one file a language (issue 17: "every language available").

VTT_FR = b"WEBVTT\n\n00:00.000 --> 00:01.000\nBonjour.\n"


def sound_on(moment, language="en"):
    bound = form(
        moment,
        {"kind": MediaKind.AUDIO, "subtitles_language": language},
        {"file": upload("voice.wav", sounds.wav(0.1)), "subtitles": upload("v.vtt", VTT)},
    )
    assert bound.is_valid(), bound.errors
    return bound.save()


def media_page(moment, user):
    client = Client()
    client.force_login(user)
    return client, reverse("timeline:media", args=[moment.network.slug, moment.slug])


def test_the_media_page_adds_subtitles_in_another_language_of_the_network(moment, claire):
    sound = sound_on(moment)
    client, url = media_page(moment, claire)
    prefix = f"subtitles-{sound.pk}"
    response = client.post(
        url,
        {
            "subtitles_for": sound.pk,
            f"{prefix}-language": "fr",
            f"{prefix}-file": upload("bonjour.vtt", VTT_FR),
        },
    )
    assert response.status_code == 302
    tracks = {t.language: default_storage.open(t.file.name).read() for t in sound.tracks.all()}
    assert tracks == {"en": VTT, "fr": VTT_FR}
    page = client.get(url).content.decode()
    assert '<option value="sq">Shqip (Albanian)</option>' in page  # named in itself
    assert page.count('<track kind="subtitles"') == 2


def test_subtitles_that_do_not_parse_or_in_no_language_of_the_network_are_refused(moment, claire):
    sound = sound_on(moment)
    client, url = media_page(moment, claire)
    prefix = f"subtitles-{sound.pk}"
    bad = client.post(
        url,
        {
            "subtitles_for": sound.pk,
            f"{prefix}-language": "fr",
            f"{prefix}-file": upload("x.vtt", b"1\n00:00:01,000 --> 00:00:02,000\nSRT\n"),
        },
    )
    assert bad.status_code == 200
    assert "This is not a WebVTT file: it must start with “WEBVTT”." in bad.content.decode()
    foreign = client.post(
        url,
        {
            "subtitles_for": sound.pk,
            f"{prefix}-language": "de",
            f"{prefix}-file": upload("x.vtt", VTT),
        },
    )
    assert foreign.status_code == 200
    assert list(sound.tracks.values_list("language", flat=True)) == ["en"]


def test_subtitles_in_a_language_that_has_some_replace_them_and_removing_deletes_the_file(
    moment, claire
):
    sound = sound_on(moment)
    old = sound.tracks.get().file.name
    domain.add_subtitles(sound, language="en", file=upload("new.vtt", VTT_FR), by=claire)
    track = sound.tracks.get()
    assert (default_storage.exists(old), default_storage.open(track.file.name).read()) == (
        False,
        VTT_FR,
    )
    client, url = media_page(moment, claire)
    assert client.post(url, {"remove_subtitles": str(track.pk)}).status_code == 302
    assert (sound.tracks.count(), default_storage.exists(track.file.name)) == (0, False)


def test_the_player_has_one_track_a_language_the_readers_by_default(network, org_a):
    moment = published_moment(network, org_a)
    sound = sound_on(moment, "en")
    MomentSubtitles.put(sound, language="fr", upload=upload("fr.vtt", VTT_FR))
    MomentSubtitles.put(sound, language="sq", upload=upload("sq.vtt", VTT))

    def tracks(interface, content="en"):
        media = domain.public_media(moment.media.all(), (interface, content))[0]
        return [(t["language"], t["label"], t["default"]) for t in media.tracks]

    assert tracks("fr") == [
        ("en", "English", False),
        ("fr", "Français", True),
        ("sq", "Shqip", False),
    ]
    assert [t[2] for t in tracks("sq")] == [False, False, True]
    assert [t[2] for t in tracks("uk", "sq")] == [False, False, True]  # the content's
    assert [t[2] for t in tracks("uk", "uk")] == [True, False, False]  # none: the first
    html = Client().get(reverse("timeline:public", args=[network.slug])).content.decode()
    en = sound.tracks.get(language="en").file.name
    assert (
        f'<track kind="subtitles" src="/media/{en}" srclang="en" label="English" default>' in html
    )


def test_removing_a_media_deletes_its_subtitles_files(moment, claire):
    sound = sound_on(moment)
    name = sound.tracks.get().file.name
    client, url = media_page(moment, claire)
    assert client.post(url, {"remove": str(sound.pk)}).status_code == 302
    assert (MomentSubtitles.objects.count(), default_storage.exists(name)) == (0, False)


def test_a_media_added_to_a_published_moment_shows_only_once_the_check_passes(
    network, org_a, claire
):
    from carnet.safeguarding.domain import confirm, flags_for

    moment = published_moment(network, org_a)
    client, url = media_page(moment, claire)
    response = client.post(
        url,
        {
            **CONSENT,
            "kind": MediaKind.QUOTE,
            "quote": "Write to me at mira@example.org.",
            "quote_by": "Mira",
        },
    )
    assert response.status_code == 302
    media = MomentMedia.objects.get()
    flags = list(flags_for(media))
    assert [(f.kind, f.text) for f in flags] == [("email", "mira@example.org")]
    public = reverse("timeline:public", args=[network.slug])
    assert "mira@example.org" not in Client().get(public).content.decode()
    assert Milestone.objects.get(pk=moment.pk).state == MilestoneState.PUBLISHED
    confirm(flags[0], by=claire)
    assert "mira@example.org" in Client().get(public).content.decode()
