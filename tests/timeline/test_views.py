import datetime
import io
import re

from django.core.management import call_command
from PIL import Image

from carnet.accounts.models import Action
from carnet.timeline.enums import MilestoneState
from carnet.timeline.models import Milestone, Vote

from .factories import EraFactory, MilestoneFactory, TranslationFactory


def png(name="photo.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#336699").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = name
    return buffer


def published(network, **kwargs):
    return MilestoneFactory(network=network, state=MilestoneState.PUBLISHED, **kwargs)


def test_propose_creates_a_proposal_with_a_clean_image(client, ana, org_a, network):
    client.force_login(ana)
    response = client.post(
        "/euromed/timeline/moments/new/",
        {
            "title": "First training",
            "text": "We trained **40** people.",
            "start": "2011-11",
            "end": "",
            "importance": "4",
            "organisations": [org_a.pk],
            "tags": "training, identification",
            "upload": png(),
            "alt_text": "A blue square",
            "consent_scope": "publication",
            "consent_by": "Nobody is shown",
        },
    )
    milestone = Milestone.objects.get()
    assert response.status_code == 302
    assert response["Location"] == "/euromed/timeline/moments/first-training/"
    assert (milestone.start_date, milestone.start_precision) == (
        datetime.date(2011, 11, 1),
        "month",
    )
    assert (milestone.state, milestone.organisation, milestone.proposed_by) == (
        "proposed",
        org_a,
        ana,
    )
    assert milestone.image.name.startswith("timeline/") and milestone.image.name.endswith(".jpg")
    assert milestone.tag_list == ["training", "identification"]
    assert list(milestone.organisations.all()) == [org_a]


def test_propose_refuses_an_end_before_the_start(client, ana, network):
    client.force_login(ana)
    response = client.post(
        "/euromed/timeline/moments/new/",
        {"title": "X", "start": "2015-02-30", "end": "2014", "importance": "3"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["start"] == ["2015-02-30 does not exist"]
    assert Milestone.objects.count() == 0


def test_partner_vote_is_recorded_for_the_organisation(client, ana, org_a, network):
    milestone = MilestoneFactory(network=network)
    client.force_login(ana)
    response = client.post(
        f"/euromed/timeline/moments/{milestone.slug}/vote/",
        {f"{milestone.slug}-weight": "3", "next": "list"},
    )
    assert response["Location"] == "/euromed/timeline/moments/"
    assert list(Vote.objects.values_list("organisation", "weight", "by")) == [(org_a.pk, 3, ana.pk)]


def test_facilitator_accepts_but_only_the_coordinator_publishes(client, farid, claire, network):
    milestone = MilestoneFactory(network=network)
    client.force_login(farid)
    url = f"/euromed/timeline/moments/{milestone.slug}/state/"
    assert client.post(url, {"state": "accepted"}).status_code == 302
    assert client.post(url, {"state": "published"}).status_code == 403
    milestone.refresh_from_db()
    assert milestone.state == "accepted"
    client.force_login(claire)
    client.post(url, {"state": "published", "confirmed": "1"})
    milestone.refresh_from_db()
    assert milestone.state == "published"


def test_publishing_a_moment_confirms_first(client, farid, claire, network):
    milestone = MilestoneFactory(network=network, title="Founding meeting")
    url = f"/euromed/timeline/moments/{milestone.slug}/state/"
    client.force_login(farid)
    client.post(url, {"state": "accepted"})
    client.force_login(claire)
    response = client.post(url, {"state": "published"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Publish “Founding meeting” on the timeline?" in html
    assert '<input type="hidden" name="confirmed" value="1">' in html
    milestone.refresh_from_db()
    assert milestone.state == "accepted"  # nothing published before she confirms
    client.post(url, {"state": "published", "confirmed": "1"})
    milestone.refresh_from_db()
    assert milestone.state == "published"


def test_merge_view_moves_the_votes(client, farid, network, org_a):
    keep = MilestoneFactory(network=network, slug="keep")
    duplicate = MilestoneFactory(network=network, slug="dup")
    Vote.objects.create(milestone=duplicate, organisation=org_a, weight=2)
    client.force_login(farid)
    response = client.post("/euromed/timeline/moments/dup/merge/", {"into": "keep"})
    assert response["Location"] == "/euromed/timeline/moments/keep/"
    assert list(keep.votes.values_list("organisation", flat=True)) == [org_a.pk]


def test_merging_asks_first_and_says_what_happens_to_the_votes(client, farid, network, org_a):
    keep = MilestoneFactory(network=network, slug="keep", title="Founding meeting")
    duplicate = MilestoneFactory(network=network, slug="dup", title="First meeting in Rome")
    Vote.objects.create(milestone=duplicate, organisation=org_a, weight=2)
    client.force_login(farid)
    moment = client.get("/euromed/timeline/moments/dup/").content.decode()
    assert (
        '<form method="get" action="/euromed/timeline/moments/dup/merge/" data-confirm>' in moment
    )
    response = client.get("/euromed/timeline/moments/dup/merge/", {"into": "keep"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Merge “First meeting in Rome” into “Founding meeting”?" in html
    assert "Its 1 vote moves to “Founding meeting”" in html
    assert '<input type="hidden" name="into" value="keep">' in html
    duplicate.refresh_from_db()
    assert duplicate.state != "merged" and not keep.votes.exists()
    client.post("/euromed/timeline/moments/dup/merge/", {"into": "keep"})
    assert keep.votes.count() == 1


def test_tally_page_shows_points_per_organisation(client, farid, network, org_a, org_b):
    milestone = MilestoneFactory(network=network, title="Geneva")
    Vote.objects.create(milestone=milestone, organisation=org_a, weight=3)
    client.force_login(farid)
    response = client.get("/euromed/timeline/moments/tally/")
    html = response.content.decode()
    assert '<th scope="col">Caritas Albania</th>' in html
    assert re.search(r"Geneva</a></th><td>Proposed</td><td>3</td><td>1</td><td>3</td>", html)


def test_public_timeline_is_an_ordered_list_with_times(client, network):
    published(
        network,
        slug="geneva",
        title="Geneva",
        start_date=datetime.date(2015, 6, 22),
        start_precision="day",
    )
    published(network, slug="founding", title="Founding", start_date=datetime.date(2011, 3, 1))
    MilestoneFactory(network=network, slug="secret", title="Not yet")
    response = client.get("/euromed/timeline/")
    html = response.content.decode()
    assert re.findall(r'<li class="tl-event" id="([\w-]+)"', html) == ["founding", "geneva"]
    assert '<time datetime="2015-06-22">June 22, 2015</time>' in html
    assert '<time datetime="2011-03">March 2011</time>' in html
    assert "Not yet" not in html


def test_public_timeline_hides_an_image_without_consent(client, network):
    milestone = published(network, slug="photo", alt_text="People at a table")
    milestone.image.name = "timeline/abc/photo.jpg"
    milestone.save()
    html = client.get("/euromed/timeline/").content.decode()
    assert "photo.jpg" not in html
    milestone.consent_scope, milestone.consent_by = "publication", "Everyone shown"
    milestone.save()
    html = client.get("/euromed/timeline/").content.decode()
    assert 'alt="People at a table"' in html


def test_public_timeline_filters_without_javascript(client, network, org_a):
    era = EraFactory(network=network, name="Founding years")
    first = published(network, slug="one", tags="training", era=era)
    first.organisations.add(org_a)
    published(network, slug="two", tags="advocacy")
    ids = lambda r: re.findall(r'class="tl-event" id="([\w-]+)"', r.content.decode())  # noqa: E731
    assert ids(client.get("/euromed/timeline/?tag=advocacy")) == ["two"]
    assert ids(client.get(f"/euromed/timeline/?organisation={org_a.pk}")) == ["one"]
    assert ids(client.get(f"/euromed/timeline/?era={era.pk}")) == ["one"]


def test_public_timeline_searches_without_javascript(client, network, org_a):
    one = published(network, slug="one", title="Founding meeting", text="In **Tirana**.", tags="x")
    one.organisations.add(org_a)
    published(network, slug="two", title="Workshop", text="Partners met in Tirana.", tags="y")
    published(network, slug="three", title="Campaign", text="Posters.", quotation="Never again")
    translated = published(network, slug="four", title="Report", text="Written.")
    TranslationFactory(milestone=translated, language="fr", title="Réunion à Genève")

    def ids(query):
        html = client.get(f"/euromed/timeline/?{query}").content.decode()
        return re.findall(r'class="tl-event" id="([\w-]+)"', html)

    assert ids("q=tirana") == ["one", "two"]  # the text, Markdown read as plain words
    assert ids("q=TIRANA+meeting") == ["one"]  # every word, any case, any order
    assert ids("q=tirana&tag=y") == ["two"]  # with the filters
    assert ids(f"q=tirana&organisation={org_a.pk}") == ["one"]
    assert ids("q=never") == ["three"]  # the quotation
    assert ids("q=albania") == ["one"]  # the organisation's name
    assert ids("lang=fr&q=reunion+geneve") == ["four"]  # the language shown, accents aside
    assert ids("q=reunion") == []  # in English that moment says "Report"
    html = client.get("/euromed/timeline/?q=tirana").content.decode()
    assert 'role="status"' in html and "Moments shown: 2 of 4" in html
    assert 'value="tirana"' in html  # the box keeps the words
    html = client.get("/euromed/timeline/?q=nothing+like+it").content.decode()
    assert "No moment matches these filters." in html and "Moments shown: 0 of 4" in html
    html = client.get("/euromed/timeline/").content.decode()
    assert "Moments shown: 4 of 4" in html and 'name="q" value=""' in html  # not the cached search


def test_public_timeline_in_french_falls_back_to_english(client, network):
    translated = published(network, slug="one", title="Founding")
    TranslationFactory(milestone=translated, language="fr", title="Fondation")
    published(network, slug="two", title="Geneva", start_date=datetime.date(2016, 1, 1))
    html = client.get("/euromed/timeline/?lang=fr").content.decode()
    assert 'href="#one">Fondation</a></h2>' in html
    assert 'href="#two">Geneva</a></h2>' in html
    assert '<time datetime="2013-05">mai 2013</time>' in html
    assert 'lang="fr" dir="ltr"' in html


def test_embed_may_be_framed_and_the_rest_may_not(client, network):
    embed = client.get("/euromed/timeline/embed/")
    assert embed.has_header("X-Frame-Options") is False
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    page = client.get("/euromed/timeline/")
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]


def test_standalone_download_has_nothing_to_fetch(client, network):
    published(network, slug="one", title="Founding")
    response = client.get("/euromed/timeline/download/")
    html = response.content.decode()
    assert response["Content-Disposition"] == 'attachment; filename="euromed-timeline.html"'
    # (A link to "#…" fetches nothing: the first frame waits for that element, standalone.html.)
    assert re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?!data:|#)', html) == []
    assert "<script>" in html and "<style>" in html
    assert 'href="#one">Founding</a></h2>' in html


def test_cli_exports_the_standalone_file(network, tmp_path):
    published(network, slug="one", title="Founding")
    out = tmp_path / "timeline.html"
    call_command("timeline", "export", "euromed", "--format", "html", "-o", str(out))
    html = out.read_text()
    assert 'href="#one">Founding</a></h2>' in html
    assert re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(?!#)', html) == []
    assert Action.objects.get().data == {"format": "html", "lang": "en"}


def test_date_problems_are_said_in_french(client, ana, network):
    ana.language = "fr"
    ana.save()
    client.force_login(ana)
    response = client.post(
        "/euromed/timeline/moments/new/",
        {"title": "X", "start": "2015-02-30", "importance": "3"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.context["form"].errors["start"] == ["2015-02-30 n'existe pas"]


def test_the_internal_page_of_a_published_moment_sends_public_readers_to_the_public_one(
    client, network, org_a, org_b, oscar
):
    milestone = MilestoneFactory(
        network=network, slug="launch", state=MilestoneState.PUBLISHED, organisation=org_a
    )
    Vote.objects.create(milestone=milestone, organisation=org_b, weight=3)
    MilestoneFactory(
        network=network,
        slug="dup",
        title="Secret duplicate title",
        state=MilestoneState.MERGED,
        merged_into=milestone,
    )
    for reader in (None, oscar):  # anonymous, and a member of another network
        if reader:
            client.force_login(reader)
        response = client.get("/euromed/timeline/moments/launch/")
        assert response.status_code == 302
        assert response["Location"] == "/euromed/timeline/#launch"


def test_members_still_read_the_internal_page_of_a_published_moment(client, vera, network):
    MilestoneFactory(network=network, slug="launch", state=MilestoneState.PUBLISHED)
    client.force_login(vera)
    assert client.get("/euromed/timeline/moments/launch/").status_code == 200


def test_the_proposals_page_lets_organisers_merge_a_duplicate_proposal(
    client, network, farid, ana, org_a
):
    founding = MilestoneFactory(network=network, slug="founding", title="Founding meeting")
    MilestoneFactory(network=network, slug="first-meeting", title="First meeting")
    published(network, slug="geneva", title="Advocacy in Geneva")
    client.force_login(farid)
    html = client.get("/euromed/timeline/moments/").content.decode()
    form = re.search(
        r'<form method="get" action="/euromed/timeline/moments/first-meeting/merge/".*?</form>',
        html,
        re.S,
    )[0]
    assert "Merge “First meeting” into" in form
    assert re.findall(r'<option value="([\w-]+)">', form) == ["founding", "geneva"]
    # its "Merge…" leads to the confirmation
    response = client.get("/euromed/timeline/moments/first-meeting/merge/?into=founding")
    assert "Merge “First meeting” into “Founding meeting”?" in response.content.decode()
    assert "/geneva/merge/" not in html  # a published moment is not a proposal
    client.force_login(ana)
    assert "/merge/" not in client.get("/euromed/timeline/moments/").content.decode()
    assert founding.state == MilestoneState.PROPOSED
