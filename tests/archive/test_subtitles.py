"""Subtitles one file a language in the archive (schema 13), and the one file of an older
archive's sound or video becoming its track."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from carnet.archive.exporter import export_network
from carnet.archive.importer import import_archive
from carnet.capitalisation.models import VideoSubtitles
from carnet.timeline.enums import MediaKind
from carnet.timeline.models import MomentMedia, MomentSubtitles
from tests.capitalisation.factories import VideoFactory
from tests.timeline.factories import MilestoneFactory

from .test_archive import rewrite

VTT = {"en": b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello.\n", "fr": b"WEBVTT\n\nBonjour\n"}


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def with_tracks(network, org_a):
    moment = MilestoneFactory(network=network, organisation=org_a, slug="voice")
    sound = MomentMedia.objects.create(milestone=moment, kind=MediaKind.AUDIO)
    video = VideoFactory(network=network, title="Why we joined", language="bs")
    for language, content in VTT.items():
        MomentSubtitles.put(sound, language=language, upload=ContentFile(content, "v.vtt"))
    VideoSubtitles.put(video, language="bs", upload=ContentFile(VTT["en"], "t.vtt"))
    return network


def tracks(model, slug):
    owner = "media__milestone__network" if model is MomentSubtitles else "video__network"
    return sorted(
        (track.language, default_storage.open(track.file.name).read())
        for track in model.objects.filter(**{f"{owner}__slug": slug})
    )


def test_a_round_trip_keeps_every_language(with_tracks, tmp_path):
    path = tmp_path / "euromed.zip"
    export_network(with_tracks, path)
    import_archive(path, slug="euromed-2")
    assert tracks(MomentSubtitles, "euromed-2") == sorted(VTT.items())
    assert tracks(VideoSubtitles, "euromed-2") == [("bs", VTT["en"])]


def test_a_schema_12_archives_one_file_becomes_a_track_in_its_language(with_tracks, tmp_path):
    path = tmp_path / "euromed.zip"
    export_network(with_tracks, path)

    def as_schema_12(document):
        """As Carnet wrote it before: one file on the media and on the video, no tracks."""
        blocks = {block["model"]: block for block in document["models"]}
        moment_tracks = blocks.pop("timeline.MomentSubtitles")["rows"]
        video_tracks = blocks.pop("capitalisation.VideoSubtitles")["rows"]
        french = next(row for row in moment_tracks if row["fields"]["language"] == "fr")
        for row in blocks["timeline.MomentMedia"]["rows"]:
            row["fields"].update(subtitles=french["fields"]["file"], subtitles_language="fr")
        for row in blocks["capitalisation.Video"]["rows"]:
            row["fields"]["subtitles"] = video_tracks[0]["fields"]["file"]
        return {**document, "models": list(blocks.values()), "schema_version": 12}

    import_archive(rewrite(path, tmp_path / "v12.zip", document=as_schema_12), slug="old")
    assert tracks(MomentSubtitles, "old") == [("fr", VTT["fr"])]
    assert tracks(VideoSubtitles, "old") == [("bs", VTT["en"])]
