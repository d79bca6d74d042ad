from carnet.capitalisation.enums import InterviewStatus
from carnet.capitalisation.models import (
    Attendance,
    Evidence,
    FollowUp,
    Interview,
    Learning,
    Video,
    Workshop,
    WorkshopSession,
)
from carnet.demo.loader import load
from carnet.library.models import Document
from carnet.library.search import search

MODELS = [
    Interview,
    Document,
    Workshop,
    WorkshopSession,
    Attendance,
    FollowUp,
    Learning,
    Evidence,
    Video,
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_demo_capitalisation_loads_twice_with_the_same_counts(db):
    load()
    first = counts()
    load()
    assert counts() == first
    assert first == {
        "Interview": 13,
        "Document": 14,  # with the scanned one read by OCR, and the French one
        "Workshop": 1,
        "WorkshopSession": 6,
        "Attendance": 12,
        "FollowUp": 2,
        "Learning": 35,  # 32 from the source, 3 from passages of published sheets
        "Evidence": 60,
        "Video": 3,
    }


def test_demo_shows_every_part(db):
    ctx = load()
    network = ctx["network"]
    statuses = sorted(Interview.objects.values_list("status", flat=True))
    assert statuses.count(InterviewStatus.DONE) == 12
    assert statuses.count(InterviewStatus.UNAVAILABLE) == 1
    assert set(Document.objects.values_list("extraction", flat=True)) == {"done"}
    assert [h.document.title for h in search(network, "Ministry of Security").hits][:1] == [
        "Memorandum with the Ministry of Security"
    ]
    assert ctx["workshop"].days == 2
    assert sorted(
        Attendance.objects.filter(present=False).values_list("organisation__name", flat=True)
    ) == [
        "Caritas Albania",
        "Caritas Ukraine",
    ]
    assert set(FollowUp.objects.values_list("status", flat=True)) == {"done"}
    assert sorted(Video.objects.values_list("status", flat=True)) == [
        "editing",
        "planned",
        "published",
    ]
    assert not Learning.objects.filter(evidence__isnull=True).exists()
    # every passage quoted from a source is in that source's text
    for item in Evidence.objects.exclude(passage=""):
        source = item.source
        text = getattr(source, item.field, None)
        if text is None:  # a sheet keeps its fields in its content
            text = source.text(item.field)
        assert item.passage in text, (item.passage, source)
    # the synthesis is published, with quotes from published sheets only
    published = network.published_syntheses.get()
    assert published.is_published and published.learning_count == 35
    assert published.pages["en"].count("<blockquote>") == 3


def test_demo_network_shows_its_published_video_with_subtitles_and_transcript(client, db):
    load()
    video = Video.objects.get(status="published")
    network_page = client.get("/euromed/").content.decode()
    assert '<a href="/euromed/videos/">1 video</a>' in network_page
    page = client.get(f"/euromed/videos/{video.pk}/").content.decode()
    assert f'<video controls preload="metadata" src="/media/{video.file.name}">' in page
    subtitles = video.tracks.get(language="bs").file
    assert f'<track kind="subtitles" src="/media/{subtitles.name}" srclang="bs"' in page
    assert b"".join(client.get(video.file.url).streaming_content).startswith(b"\x1aE\xdf\xa3")
    assert f'<a href="/media/{subtitles.name}" download hreflang="bs">Bosanski</a>' in page
    assert "<p>Upoznali smo odgovornosti jedni drugih.</p>" in page
    assert b"".join(client.get(subtitles.url).streaming_content).startswith(b"WEBVTT")
