"""Search runs on whichever database the suite runs on (SQLite FTS5 or PostgreSQL)."""

import pytest
from django.db import connection

from carnet.library.search import parse, search

from .factories import DocumentFactory


@pytest.fixture
def library(network, other_network):
    return {
        "advocacy": DocumentFactory(
            network=network,
            title="Advocacy in Geneva",
            text="Joint advocacy at the United Nations in Geneva, prepared with every partner.",
        ),
        "minutes": DocumentFactory(
            network=network,
            title="Minutes of the steering committee",
            text="The committee discussed advocacy once, and the budget <b>twice</b>.",
        ),
        "other": DocumentFactory(
            network=other_network, title="Advocacy elsewhere", text="Advocacy in another network."
        ),
    }


def titles(results):
    return [hit.document.title for hit in results.hits]


def test_search_ranks_title_matches_first_and_stays_in_the_network(network, library):
    results = search(network, "advocacy")
    assert titles(results) == ["Advocacy in Geneva", "Minutes of the steering committee"]
    assert results.message == ""


def test_search_highlights_words_in_escaped_snippets(network, library):
    results = search(network, "budget")
    assert titles(results) == ["Minutes of the steering committee"]
    snippet = str(results.hits[0].snippet)
    assert "<mark>budget</mark>" in snippet
    assert "<b>" not in snippet  # markup in a document never reaches the page as markup
    assert "twice" in snippet


def test_search_needs_every_word_and_matches_phrases(network, library):
    assert titles(search(network, "advocacy budget")) == ["Minutes of the steering committee"]
    assert titles(search(network, '"united nations"')) == ["Advocacy in Geneva"]
    assert titles(search(network, '"nations united"')) == []


def test_search_ignores_case_and_accents_consistently(network):
    DocumentFactory(network=network, title="Rapport", text="Réunion à Prishtinë")
    expected = ["Rapport"]
    assert titles(search(network, "RÉUNION")) == expected
    if connection.vendor == "sqlite":  # FTS5 removes diacritics; PostgreSQL 'simple' keeps them
        assert titles(search(network, "reunion")) == expected


def test_search_follows_changes_and_deletions(network, library):
    document = library["minutes"]
    document.text = "Now about sustainability."
    document.save()
    assert titles(search(network, "budget")) == []
    assert titles(search(network, "sustainability")) == ["Minutes of the steering committee"]
    document.delete()
    assert titles(search(network, "sustainability")) == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unclosed phrase',
        "advocacy OR",
        "NOT advocacy",
        "advocacy AND (budget",
        "*",
        "advoc*",
        "NEAR(advocacy budget)",
        "title:advocacy",
        "a & b | !c <-> d",
        "'; DROP TABLE capitalisation_document; --",
        "^advocacy",
        "advocacy-budget",
        "\x00",
        "🙂 advocacy",
        "x" * 300,
    ],
)
def test_search_never_breaks_on_odd_input(network, library, query):
    results = search(network, query)
    assert isinstance(results.hits, list)
    if not results.hits:
        assert results.message != ""


def test_search_with_punctuation_only_says_what_to_do(network, library):
    results = search(network, '" * ( ) -')
    assert results.hits == []
    assert results.message == "Type words to search for; punctuation alone finds nothing."


def test_parse_keeps_words_and_phrases_only():
    assert parse('Advocacy "United  Nations" NEAR(x*) -y') == [
        ("advocacy",),
        ("united", "nations"),
        ("near",),
        ("x",),
        ("y",),
    ]


def test_search_page_shows_results_and_messages(client, farid, network, library):
    client.force_login(farid)
    response = client.get("/euromed/capitalisation/documents/", {"q": 'geneva "'})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<mark>Geneva</mark>" in body
    response = client.get("/euromed/capitalisation/documents/", {"q": "nothinglikethis"})
    assert "No document matches “nothinglikethis”." in response.content.decode()


def test_document_list_and_search_query_counts_do_not_grow_with_documents(client, network, claire):
    from django.test.utils import CaptureQueriesContext

    client.force_login(claire)

    def queries():
        counts = []
        for url in (
            "/euromed/capitalisation/documents/",
            "/euromed/capitalisation/documents/?q=shelter",
        ):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    DocumentFactory.create_batch(2, network=network, text="Shelter rules.")
    queries()  # the header's "waiting for you" count is counted once, then kept (accounts.waiting)
    few = queries()
    DocumentFactory.create_batch(20, network=network, text="Shelter rules.")
    assert queries() == few
