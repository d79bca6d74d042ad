"""The migrations that turn the one subtitles file of a sound, a video of a moment and a
video of the network into tracks, one a language, without losing it."""

import pytest

from ..migrations import at_the_end_latest, migrate  # noqa: F401 - a fixture

BEFORE = [("timeline", "0010_moment_media"), ("capitalisation", "0010_video_comments")]
AFTER = [("timeline", "0011_subtitles_per_language")]


@pytest.mark.usefixtures("at_the_end_latest")
def test_each_single_subtitles_file_becomes_a_track_in_its_language():
    old = migrate(BEFORE)
    network = old.get_model("networks", "Network").objects.create(name="Euromed", slug="euromed")
    moment = old.get_model("timeline", "Milestone").objects.create(
        network=network, slug="visit", title="Visit", start_date="2015-03-01"
    )
    Media = old.get_model("timeline", "MomentMedia")
    Media.objects.create(
        milestone=moment, kind="audio", subtitles="moment-media/a/v.vtt", subtitles_language="sq"
    )
    Media.objects.create(milestone=moment, kind="video", subtitles="moment-media/b/w.vtt")
    Media.objects.create(milestone=moment, kind="audio")  # none: no track
    Video = old.get_model("capitalisation", "Video")
    Video.objects.create(network=network, title="Why", language="bs", subtitles="subtitles/c/t.vtt")
    Video.objects.create(network=network, title="Planned", language="en")

    new = migrate(AFTER)

    moment_tracks = new.get_model("timeline", "MomentSubtitles").objects.order_by("media_id")
    assert [(t.media.kind, t.language, t.file.name) for t in moment_tracks] == [
        ("audio", "sq", "moment-media/a/v.vtt"),
        ("video", "en", "moment-media/b/w.vtt"),  # no language given: English, as shown
    ]
    video_tracks = new.get_model("capitalisation", "VideoSubtitles").objects.all()
    assert [(t.video.title, t.language, t.file.name) for t in video_tracks] == [
        ("Why", "bs", "subtitles/c/t.vtt")
    ]
