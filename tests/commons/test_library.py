"""The instance's public library (/library/) and its Atom feed: only what is published."""

import datetime
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from carnet.capitalisation.models import PublishedSynthesis
from carnet.practices.enums import SheetState
from carnet.practices.models import Sheet
from carnet.timeline.enums import MilestoneState
from tests.factories import MembershipFactory, NetworkFactory, OrganisationFactory
from tests.practices.factories import make_sheet
from tests.timeline.factories import MilestoneFactory, TranslationFactory

ATOM = "{http://www.w3.org/2005/Atom}"


def published_sheet(network, organisation, by, title, **kwargs):
    sheet = make_sheet(network=network, organisation=organisation, by=by, title=title, **kwargs)
    Sheet.objects.filter(pk=sheet.pk).update(state=SheetState.PUBLISHED)
    sheet.refresh_from_db()
    return sheet


@pytest.fixture
def library(network, org_a, org_b, other_network, org_c, author):
    """Published items of euromed, and everything that must never appear."""
    shown = {
        "sheet": published_sheet(network, org_a, author, "Shelters run with survivors"),
        "moment": MilestoneFactory(
            network=network, title="First regional meeting", state=MilestoneState.PUBLISHED
        ),
        "synthesis": PublishedSynthesis.objects.create(
            network=network,
            is_published=True,
            published_at=timezone.now(),
            learning_count=3,
            pages={"en": "<p>Peer support keeps partners going</p>"},
        ),
    }
    # An opted-out network, published, with published content.
    quiet = NetworkFactory(slug="quiet", name="Quiet network", in_public_library=False)
    org_q = OrganisationFactory(name="Quiet org", country="IT")
    MembershipFactory(network=quiet, organisation=org_q)
    hidden = [
        make_sheet(network=network, organisation=org_b, by=author, title="Draft about hotlines"),
        published_sheet(other_network, org_c, author, "Private network sheet"),
        published_sheet(quiet, org_q, author, "Opted out sheet"),
        MilestoneFactory(network=network, title="Proposed moment", state=MilestoneState.PROPOSED),
        MilestoneFactory(
            network=other_network, title="Private moment", state=MilestoneState.PUBLISHED
        ),
        MilestoneFactory(network=quiet, title="Opted out moment", state=MilestoneState.PUBLISHED),
    ]
    PublishedSynthesis.objects.create(
        network=other_network, is_published=True, pages={"en": "<p>Private learning</p>"}
    )
    PublishedSynthesis.objects.create(
        network=quiet, is_published=True, pages={"en": "<p>Opted out learning</p>"}
    )
    return shown, hidden


HIDDEN_WORDS = [
    "Draft about hotlines",
    "Private network sheet",
    "Opted out sheet",
    "Proposed moment",
    "Private moment",
    "Opted out moment",
    "Another network",
    "Quiet network",
]


def test_the_library_lists_only_published_items_of_listed_networks(client, library):
    shown, _hidden = library
    response = client.get("/library/")
    page = response.content.decode()
    assert response.status_code == 200
    assert shown["sheet"].get_absolute_url() in page
    assert "Shelters run with survivors" in page
    assert f'href="/euromed/timeline/#{shown["moment"].slug}"' in page
    assert "What Euro-Mediterranean network learned" in page
    assert "3 publications" in page
    for words in HIDDEN_WORDS:
        assert words not in page


def test_nothing_unpublished_appears_whatever_the_filters(client, library):
    for query in [
        "q=hotlines",
        "q=Private",
        "q=Opted",
        "network=quiet",
        "network=other",
        "country=FR",
        "country=IT",
        "q=learning",
        "kind=synthesis",
    ]:
        page = client.get(f"/library/?{query}").content.decode()
        for words in HIDDEN_WORDS + ["Private learning", "Opted out learning"]:
            assert words not in page, (query, words)


def test_the_feed_lists_only_published_items(client, library):
    shown, _hidden = library
    response = client.get("/library/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    titles = sorted(entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry"))
    assert titles == sorted(
        [
            "Shelters run with survivors (Euro-Mediterranean network)",
            "First regional meeting (Euro-Mediterranean network)",
            "What Euro-Mediterranean network learned (Euro-Mediterranean network)",
        ]
    )
    links = {entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")}
    assert f"http://testserver{shown['sheet'].get_absolute_url()}" in links
    text = response.content.decode()
    for words in HIDDEN_WORDS + ["Private learning", "Opted out learning"]:
        assert words not in text


def test_the_page_links_its_feed_with_the_filters(client, library):
    page = client.get("/library/?network=euromed&page=1").content.decode()
    feed = "/library/feed.atom?network=euromed"
    assert f'<link rel="alternate" type="application/atom+xml" href="{feed}"' in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=SHELTERS", ["Shelters run with survivors"]),
        ("q=social+workers", ["Shelters run with survivors"]),  # the sheet's text
        ("q=peer+support", ["What Euro-Mediterranean network learned"]),
        ("q=regional", ["First regional meeting"]),
        ("country=AL", ["Shelters run with survivors", "What Euro-Mediterranean network learned"]),
        ("theme=prevention", ["Shelters run with survivors"]),
        ("theme=advocacy", []),
        ("language=fr", ["What Euro-Mediterranean network learned"]),
        ("kind=moment", ["First regional meeting"]),
        ("network=euromed&kind=sheet", ["Shelters run with survivors"]),
    ],
)
def test_the_filters_narrow_the_list(client, library, query, expected):
    shown, _hidden = library
    Sheet.objects.filter(pk=shown["sheet"].pk).update(themes=["prevention"])
    page = client.get(f"/library/?{query}").content.decode()
    titles = [
        "Shelters run with survivors",
        "First regional meeting",
        "What Euro-Mediterranean network learned",
    ]
    assert [title for title in titles if f">{title}" in page] == expected


def test_a_moment_translated_into_french_is_found_in_french(client, library):
    shown, _hidden = library
    TranslationFactory(milestone=shown["moment"], language="fr", title="Première réunion")
    page = client.get("/library/?language=fr&q=réunion").content.decode()
    assert "First regional meeting" in page  # the interface is in English
    assert "First regional meeting" not in client.get("/library/?language=it").content.decode()


def test_a_moment_matching_in_two_languages_is_counted_once(client, library):
    shown, _hidden = library
    TranslationFactory(milestone=shown["moment"], language="fr", title="Réunion regional")
    for query in ["q=regional", "q=regional&kind=moment"]:
        page = client.get(f"/library/?{query}").content.decode()
        assert 'id="publications-count">1 publication ·' in page


def test_any_query_string_gives_a_page(client, library):
    for query in ["\x00", "a" * 10_000, "\u202e evil", "' OR 1=1 --", "%", "_", '"quoted"']:
        response = client.get(
            "/library/",
            {
                "q": query,
                "country": query,
                "theme": query,
                "language": query,
                "network": query,
                "page": query,
            },
        )
        assert response.status_code == 200
        feed = client.get("/library/feed.atom", {"q": query})
        assert feed.status_code == 200


def test_a_coordinator_opts_the_network_out_in_its_settings(client, claire, network, library):
    client.force_login(claire)
    response = client.post(
        "/euromed/edit/",
        {"name": network.name, "description": "", "languages": ["en", "fr"]},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    network.refresh_from_db()
    assert network.in_public_library is False
    client.logout()
    assert "Shelters run with survivors" not in client.get("/library/").content.decode()


def test_the_library_is_paginated_newest_first(client, network, org_a, author):
    for n in range(23):
        sheet = published_sheet(network, org_a, author, f"Sheet number {n:02d}")
        Sheet.objects.filter(pk=sheet.pk).update(
            updated=timezone.now() - datetime.timedelta(days=n)
        )
    first = client.get("/library/").content.decode()
    second = client.get("/library/?page=2").content.decode()
    assert "Sheet number 00" in first and "Sheet number 19" in first
    assert "Sheet number 20" not in first
    assert "Sheet number 20" in second and "Sheet number 22" in second


def test_the_home_page_links_the_library(client, db):
    assert 'href="/library/"' in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=shelter", ["Shelters run with survivors"]),  # "shelters": the same stem
        ("q=surviv", ["Shelters run with survivors"]),  # the start of a word
        ("q=SURVIVORS+shelter", ["Shelters run with survivors"]),  # every word, any order
        ("q=meetings", ["First regional meeting"]),
        ("q=shelter+meeting", []),
        ("q=%21%21%21", []),  # punctuation alone: no word to look for
    ],
)
def test_the_query_reads_the_search_index(client, library, query, expected):
    page = client.get(f"/library/?{query}").content.decode()
    titles = ["Shelters run with survivors", "First regional meeting"]
    assert [title for title in titles if f">{title}" in page] == expected


def alternating(network, org_a, author, sheet, moment):
    """12 published sheets and 12 published moments, one of each kind in turn from the newest
    (an hour apart); their titles, newest first ("<sheet> 00", "<moment> 01", …)."""
    now = timezone.now()
    titles = []
    for n in range(12):
        made = published_sheet(network, org_a, author, f"{sheet} {2 * n:02d}")
        Sheet.objects.filter(pk=made.pk).update(updated=now - datetime.timedelta(hours=2 * n))
        made = MilestoneFactory(
            network=network, title=f"{moment} {2 * n + 1:02d}", state=MilestoneState.PUBLISHED
        )
        type(made).objects.filter(pk=made.pk).update(
            updated=now - datetime.timedelta(hours=2 * n + 1)
        )
        titles += [f"{sheet} {2 * n:02d}", f"{moment} {2 * n + 1:02d}"]
    return titles


def test_the_kinds_are_merged_newest_first_across_pages(client, network, org_a, author):
    """Each kind is read apart (its newest rows down to the page's end): the pages interleave
    them by date, and the count is every kind's, with a query too."""
    titles = alternating(network, org_a, author, "Sheet at", "Moment at")
    first = client.get("/library/").content.decode()
    second = client.get("/library/?page=2").content.decode()
    assert "24 publications" in first
    assert [t for t in titles if f">{t}<" in first] == titles[:20]
    assert sorted(first.index(f">{t}<") for t in titles[:20]) == [
        first.index(f">{t}<") for t in titles[:20]
    ]
    assert [t for t in titles if f">{t}<" in second] == titles[20:]
    feed = client.get("/library/feed.atom").content.decode()
    assert feed.index("Sheet at 00") < feed.index("Moment at 01") < feed.index("Sheet at 02")
    found = client.get("/library/?q=at").content.decode()
    assert "24 publications" in found
    assert [t for t in titles if f">{t}<" in found] == titles[:20]
    found = client.get("/library/?q=sheet&page=1").content.decode()
    assert "12 publications" in found
    assert [t for t in titles if f">{t}<" in found] == titles[0:24:2]


@pytest.mark.parametrize("walk_from", [100, 0])  # 0: every kind with a match is walked
def test_a_query_gives_the_same_pages_walked_or_joined(
    client, network, org_a, author, monkeypatch, walk_from
):
    """Past WALK_FROM matches a kind's page is read by walking down its newest rows
    (PostgreSQL): the same rows, in the same order, the same count, nothing unpublished."""
    from carnet.commons import domain

    monkeypatch.setattr(domain, "WALK_FROM", walk_from)
    titles = alternating(network, org_a, author, "Shelter sheet", "Shelter moment")
    make_sheet(network=network, organisation=org_a, by=author, title="Shelter draft")
    MilestoneFactory(network=network, title="Shelter proposed", state=MilestoneState.PROPOSED)
    first = client.get("/library/?q=shelter").content.decode()
    second = client.get("/library/?q=shelter&page=2").content.decode()
    assert "24 publications" in first
    assert [t for t in titles if f">{t}<" in first] == titles[:20]
    assert sorted(first.index(f">{t}<") for t in titles[:20]) == [
        first.index(f">{t}<") for t in titles[:20]
    ]
    assert [t for t in titles if f">{t}<" in second] == titles[20:]
    assert "Shelter draft" not in first + second and "Shelter proposed" not in first + second
    assert ">Shelter" not in client.get("/library/?q=shelter+zebra").content.decode()


def test_a_card_shows_the_characters_written_escaped_once(client, network, org_a, author):
    published_sheet(
        network, org_a, author, "Us & them", content={"summary": "Research & *advocacy* <here>"}
    )
    html = client.get("/library/").content.decode()
    assert "Us &amp; them" in html
    assert "Research &amp; advocacy &lt;here&gt;" in html
    assert "&amp;amp;" not in html and "&amp;lt;" not in html


@pytest.mark.parametrize("words", [3, 40, 5000])
def test_a_card_s_summary_is_the_text_s_first_words_however_long_the_text(words):
    from carnet.commons.domain import SUMMARY_CHARS, _summary

    text = "**Trainings** work when social workers meet again. " * words
    plain = " ".join(("Trainings work when social workers meet again. " * words).split())
    summary = _summary(text)
    assert len(summary) <= SUMMARY_CHARS
    if len(plain) <= SUMMARY_CHARS:
        assert summary == plain
    else:  # cut after a whole word, marked
        assert summary.endswith("…") and len(summary) > SUMMARY_CHARS * 4 // 5
        assert plain.startswith(summary[:-1])
        assert not plain[len(summary) - 1].isalnum()  # where a word ends


def test_a_card_s_summary_of_one_long_word_is_cut_inside_it():
    from carnet.commons.domain import SUMMARY_CHARS, _summary

    assert _summary("x" * 1000) == "x" * (SUMMARY_CHARS - 1) + "…"


def test_a_card_s_summary_reads_past_a_start_that_is_all_markup():
    from carnet.commons.domain import _summary

    images = "![](https://example.org/photo.jpg) " * 40  # 1,400 characters, no words
    assert _summary(images + "Trainings work when social workers meet again.") == (
        "Trainings work when social workers meet again."
    )
