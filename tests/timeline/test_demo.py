from collections import Counter

from carnet.demo.loader import load
from carnet.safeguarding.models import SensitiveFlag
from carnet.timeline.models import Era, Milestone, MilestoneTranslation, MomentMedia, Vote


def counts():
    return {
        "states": Counter(Milestone.objects.values_list("state", flat=True)),
        "votes": Vote.objects.count(),
        "voting organisations": Vote.objects.values("organisation").distinct().count(),
        "translations": MilestoneTranslation.objects.filter(language="fr").count(),
        "eras": Era.objects.count(),
        "images": Milestone.objects.exclude(image="").count(),
        "media": Counter(MomentMedia.objects.values_list("kind", flat=True)),
    }


def test_demo_timeline_loads_twice_with_the_same_counts(db):
    load()
    first = counts()
    load()
    assert counts() == first
    assert first == {
        "states": Counter({"published": 10, "proposed": 4, "merged": 1}),
        "votes": 21,
        "voting organisations": 7,
        "translations": 5,
        "eras": 4,
        "images": 5,
        "media": Counter({"audio": 1, "pdf": 1, "quote": 1, "film": 1}),
    }


def test_demo_published_moments_passed_the_safeguarding_check(db):
    load()
    published = Milestone.objects.published()
    assert published.filter(start_date__year__gte=2011, start_date__year__lte=2020).count() == 10
    assert all(m.image_is_public for m in published.exclude(image=""))
    assert SensitiveFlag.objects.filter(status="open").count() == 0
    merged = Milestone.objects.get(slug="founding-meeting-paris")
    assert merged.merged_into.slug == "founding-meeting"


def test_demo_translation_status_shows_outdated_moments_and_ana_works_in_albanian(db):
    from carnet.accounts.models import User
    from carnet.networks.models import Network
    from carnet.timeline import domain

    load()
    load()  # still outdated after a second load
    status = {
        language["code"]: {item.milestone.slug: item.status for item in language["items"]}
        for language in domain.translation_status(Network.objects.get(slug="euromed"))
    }
    assert status["fr"]["first-training"] == status["sq"]["first-training"] == "outdated"
    assert status["sq"]["founding-meeting"] == "translated"
    assert "missing" in status["hy"].values()
    assert User.objects.get(username="ana").mail_language == "sq"


def test_demo_has_a_machine_draft_that_readers_do_not_see(db, client):
    load()
    draft = MilestoneTranslation.objects.get(machine_draft=True)
    assert (draft.milestone.slug, draft.language) == ("kosovo-joins", "bs")
    assert draft.milestone.is_published
    assert draft.milestone.translation("bs") is None
    html = client.get(f"/{draft.milestone.network.slug}/timeline/?lang=bs").content.decode()
    assert draft.title not in html and draft.milestone.title in html


def test_demo_moments_show_a_sound_with_subtitles_a_pdf_a_quotation_and_a_video(db, client):
    load()
    html = client.get("/euromed/timeline/").content.decode()
    assert '<audio controls preload="none" src="/media/moment-media/' in html
    assert '<track kind="subtitles"' in html
    assert '<img src="/media/moment-media/' in html  # the memorandum's first page
    assert "<blockquote>We came to share what works" in html
    assert '<video controls preload="none" src="/media/videos/' in html
    assert all(m.may_publish for m in MomentMedia.objects.all())
