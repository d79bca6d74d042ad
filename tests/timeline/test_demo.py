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
        # accepted: the two study visits imported from study-visits.xlsx
        "states": Counter({"published": 10, "proposed": 4, "merged": 1, "accepted": 2}),
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
    # The one open flag is the Arabic tag held on purpose (tests/translations/test_demo.py).
    open_flags = SensitiveFlag.objects.filter(status="open")
    assert [flag.content_type.model for flag in open_flags] == ["translation"]
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
    assert status["bs"]["kosovo-joins"] == "machine_draft"  # not counted as translated
    assert User.objects.get(username="ana").mail_language == "sq"


def test_demo_has_a_machine_draft_that_readers_do_not_see(db, client):
    load()
    draft = MilestoneTranslation.objects.get(machine_draft=True)
    assert (draft.milestone.slug, draft.language) == ("kosovo-joins", "bs")
    assert draft.milestone.is_published
    assert draft.milestone.translation("bs") is None
    html = client.get(f"/{draft.milestone.network.slug}/timeline/?lang=bs").content.decode()
    assert draft.title not in html and draft.milestone.title in html


def test_demo_timeline_page_leads_to_the_embed_builder(client, db):
    load()
    slug = "euromed"
    page = client.get(f"/{slug}/timeline/").content.decode()
    assert f'href="/{slug}/timeline/embed/builder/' in page
    builder = client.get(f"/{slug}/timeline/embed/builder/?lang=fr&theme=dark")
    html = builder.content.decode()
    assert builder.status_code == 200 and 'class="warning"' not in html
    assert f"http://testserver/{slug}/timeline/embed/?lang=fr&amp;amp;theme=dark" in html
    embed = client.get(f"/{slug}/timeline/embed/?lang=fr&theme=dark").content.decode()
    assert 'class="tl-theme-dark"' in embed and embed.count('class="tl-event"') == 10


def test_demo_spreadsheet_waits_for_farid_to_preview(client, db):
    load()
    load()  # loaded twice: still one source, its newer version waiting
    from carnet.timeline import sources
    from carnet.timeline.models import TimelineSource

    source = TimelineSource.objects.get()
    assert (source.name, source.status) == ("study-visits.xlsx", "ready")
    plan = sources.preview(source)
    assert [len(plan.created), len(plan.changed), len(plan.unchanged), plan.gone] == [1, 1, 1, 0]
    assert [str(f[1]) for f in plan.changed[0].fields] == ["text"]
    from carnet.accounts.models import User

    client.force_login(User.objects.get(username="farid"))
    page = client.get(source.get_absolute_url()).content.decode()
    assert "1 moment will be created" in page and "Confirm and apply" in page


def test_demo_moments_show_a_sound_with_subtitles_a_pdf_a_quotation_and_a_video(db, client):
    load()
    html = client.get("/euromed/timeline/").content.decode()
    assert '<audio controls preload="none" src="/media/moment-media/' in html
    assert '<track kind="subtitles"' in html
    assert '<img src="/media/moment-media/' in html  # the memorandum's first page
    assert "<blockquote>We came to share what works" in html
    assert '<video controls preload="none" src="/media/videos/' in html
    assert all(m.may_publish for m in MomentMedia.objects.all())
