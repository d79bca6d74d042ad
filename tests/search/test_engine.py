"""The network search finds words in their forms and languages, on whichever database runs."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from carnet.lib.textsearch import fold, index_words, parse, query_forms
from carnet.practices import domain as sheets
from carnet.search import engine
from carnet.search.models import Entry


def found(user, network, query, **filters):
    results = engine.search(user, network, query, filters=filters, per_kind=50)
    return {(g.kind, h.title) for g in results.groups for h in g.hits}


def counts(user, network, query):
    results = engine.search(user, network, query)
    return {g.kind: g.count for g in results.groups}


def test_words_are_stemmed_in_their_language_and_folded():
    assert "victim" in index_words("victims", "en").split()
    assert fold("Éducation") == "education"
    assert "format" in index_words("formations", "fr").split()
    assert query_forms("victims", ["en"]) == ["victim"]


def test_parser_is_the_library_s():
    from carnet.library import search as library_search

    assert library_search.parse is parse
    assert parse('a "b c" d') == [("a",), ("b", "c"), ("d",)]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("victim", ("sheet", "Identifying victims together")),  # the text says "victims"
        ("train", ("learning", "Trainings work when social workers meet again.")),
        ("traini", ("learning", "Trainings work when social workers meet again.")),  # typing
        ("VICTIMES", ("sheet", "Identifying victims together")),  # French plural, stem victim
        ("formation", ("sheet", "Former les travailleurs sociaux")),  # French stems
        ("education", ("sheet", "Former les travailleurs sociaux")),  # text: éducation
        ("écoute", ("moment", "Première ligne d'écoute")),  # a moment's French translation
        ('"social workers"', ("learning", "Trainings work when social workers meet again.")),
    ],
)
def test_search_matches_stems_prefixes_accents_and_languages(
    knowledge, network, claire, query, expected
):
    assert expected in found(claire, network, query)


LEARNING = ("learning", "Trainings work when social workers meet again.")


@pytest.mark.parametrize(
    "query, is_found",
    [
        ('"social workers"', True),
        ('"Social Worker"', True),  # the stems, in any case
        ('"when social workers"', True),  # three words: their pairs, then their positions
        ('"trainings work"', True),
        ('"workers social"', False),  # the same words, in another order
        ('"work social"', False),  # both words are there, not next to each other
        ('"work when social meet"', False),  # three of its pairs are there, not the fourth
    ],
)
def test_a_phrase_matches_its_words_next_to_each_other_in_order(
    knowledge, network, claire, query, is_found
):
    assert (LEARNING in found(claire, network, query)) is is_found


def test_an_english_query_finds_the_english_reference_of_a_translated_moment(
    knowledge, network, claire
):
    assert ("moment", "First hotline") in found(claire, network, "hotline")


def test_every_kind_is_found_with_a_link_to_its_place(knowledge, network, claire):
    results = engine.search(claire, network, "hotline", per_kind=50)
    urls = {g.kind: {h.url for h in g.hits} for g in results.groups}
    assert urls["document"] == {knowledge["document"].get_absolute_url()}
    assert urls["session"] == {knowledge["session"].get_absolute_url()}  # #session-<pk>
    assert urls["interview"] == {knowledge["interview"].get_absolute_url()}
    assert urls["moment"] == {knowledge["moment_published"].get_absolute_url()}
    assert set(urls) == {"document", "session", "interview", "moment", "chapter"}


def test_snippets_are_escaped_and_highlighted(knowledge, network, claire, ana, org_a):
    sheet = knowledge["sheet_a"]
    sheet.content = {"summary": "<script>alert(1)</script> victims & <b>families</b>"}
    sheets_save(sheet)
    (hit,) = [
        h for g in engine.search(claire, network, "victim").groups for h in g.hits if h.obj == sheet
    ]
    assert "<mark>victims</mark>" in hit.snippet
    assert "<script>" not in hit.snippet and "<b>" not in hit.snippet
    assert "<mark>victims</mark> &amp; &lt;b&gt;families" in hit.snippet  # escaped once


def sheets_save(sheet):
    sheet.save()


def test_filters_by_kind_organisation_language_and_date(knowledge, network, claire, org_a, org_b):
    assert {k for k, _t in found(claire, network, "hotline", kind="document")} == {"document"}
    by_org = found(claire, network, "hotline", organisation=org_b.pk)
    assert by_org == {("interview", str(knowledge["interview"]))}
    assert found(claire, network, "ecoute", language="fr") == {
        ("moment", "Première ligne d'écoute")
    }
    assert found(claire, network, "ecoute", language="en") == set()
    import datetime

    late = found(claire, network, "hotline", since=datetime.date(2019, 12, 1))
    assert ("document", "Annual report 2019") in late
    assert ("interview", str(knowledge["interview"])) not in late


def test_the_index_follows_saves_and_deletes(knowledge, network, claire):
    learning = knowledge["learning"]
    learning.statement = "Mentoring replaces one-off courses."
    learning.save()
    assert ("learning", learning.statement) in found(claire, network, "mentor")
    assert not any(k == "learning" for k, _t in found(claire, network, "trainings"))
    learning.delete()
    assert found(claire, network, "mentor") == set()
    knowledge["translation"].delete()
    assert found(claire, network, "ecoute") == set()


def test_a_new_sheet_version_is_indexed(knowledge, network, ana):
    sheet = knowledge["sheet_a"]
    sheets.save_version(
        sheet,
        by=ana,
        content={"summary": "Peer mentoring in Tirana."},
        base_revision=sheet.revision,
    )
    assert ("sheet", sheet.title) in found(ana, network, "tirana")


def test_reindex_gives_the_same_results(knowledge, network, claire):
    before = found(claire, network, "hotline"), found(claire, network, "victim")
    entries = Entry.objects.count()
    Entry.objects.all().delete()
    assert found(claire, network, "hotline") == set()
    call_command("search_reindex", stdout=io.StringIO())
    assert Entry.objects.count() == entries
    assert (found(claire, network, "hotline"), found(claire, network, "victim")) == before


def test_anonymous_readers_find_only_what_is_published(knowledge, network):
    anonymous = AnonymousUser()
    assert found(anonymous, network, "hotline") == {("moment", "First hotline")}
    assert found(anonymous, network, "victim") == set()  # the sheets are drafts


def test_the_theme_filter_keeps_the_sheets_with_the_theme_and_their_comments(
    knowledge, network, claire
):
    sheet = knowledge["sheet_a"]
    sheet.themes = ["prevention"]
    sheet.save()
    # "victims": the sheet, its comment and the annual report; a theme keeps the first two.
    assert {k for k, _t in found(claire, network, "victims")} == {"sheet", "comment", "document"}
    assert found(claire, network, "victims", theme="prevention") == {
        ("sheet", sheet.title),
        ("comment", sheet.title),
    }
    assert found(claire, network, "victims", theme="advocacy") == set()
    # The theme does not widen what a person may see: org B's draft stays closed to Ana.
    private = knowledge["sheet_b_private"]
    private.themes = ["prevention"]
    private.save()
    assert ("sheet", private.title) in found(claire, network, "zebra", theme="prevention")


def test_counts_stop_at_the_cap_and_say_there_are_more(knowledge, network, claire, monkeypatch):
    from carnet.capitalisation.models import Learning

    for number in range(3):
        Learning.objects.create(
            network=network, statement=f"Hotline lesson {number}.", category="x"
        )
    results = engine.search(claire, network, "hotline")
    assert {g.kind: (g.count, g.more) for g in results.groups}["learning"] == (3, False)
    assert not results.more
    monkeypatch.setattr(engine, "COUNT_CAP", 2)
    results = engine.search(claire, network, "hotline")
    learnings = next(g for g in results.groups if g.kind == "learning")
    assert (learnings.count, learnings.more, len(learnings.hits)) == (2, True, 3)
    assert results.more


def test_only_the_newest_candidates_are_ranked(knowledge, network, claire, monkeypatch):
    from carnet.capitalisation.models import Learning

    old = Learning.objects.create(network=network, statement="Mentor mentor mentor.", category="x")
    new = Learning.objects.create(network=network, statement="A mentor, once.", category="x")
    ranked = engine.search(claire, network, "mentor").groups[0].hits
    assert [h.object_id for h in ranked] == [old.pk, new.pk]  # the better match first
    monkeypatch.setattr(engine, "CANDIDATES", 1)
    newest = engine.search(claire, network, "mentor").groups[0]
    assert [h.object_id for h in newest.hits] == [new.pk] and newest.count == 2


@pytest.mark.parametrize("walk", [5000, 1])  # 1: the walk finds too few, all matches are read
def test_a_kind_over_the_cap_ranks_its_newest_matches(
    knowledge, network, claire, monkeypatch, walk
):
    from carnet.capitalisation.models import Learning

    best = Learning.objects.create(
        network=network, statement="Kestrel kestrel kestrel.", category="x"
    )
    newer = [
        Learning.objects.create(network=network, statement=f"A kestrel, {n}.", category="x")
        for n in range(3)
    ]
    monkeypatch.setattr(engine, "COUNT_CAP", 2)
    monkeypatch.setattr(engine, "CANDIDATES", 2)
    monkeypatch.setattr(engine, "WALK", walk)  # PostgreSQL's walk down the newest rows
    group = engine.search(claire, network, "kestrel").groups[0]
    assert (group.count, group.more) == (2, True)
    assert {h.object_id for h in group.hits} == {newer[2].pk, newer[1].pk}
    assert best.pk not in {h.object_id for h in group.hits}


def _ranked_by_regex(candidates, terms, languages):
    """The ranking as first written, with a regular expression per term: the reference."""
    import re

    patterns = []
    for words in terms:
        forms = query_forms(words[0], languages) if len(words) == 1 else [words[0]]
        patterns.append(re.compile(r"(?:^| )(?:" + "|".join(re.escape(f) for f in forms) + ")"))
    scored = []
    for pk, words in candidates:
        norm = 0.25 + 0.75 * (words.count(" ") + 1) / 100
        score = sum(
            len(p.findall(words)) * 2.2 / (len(p.findall(words)) + 1.2 * norm) for p in patterns
        )
        scored.append((-score, -pk))
    return [-pk for _score, pk in sorted(scored)]


@pytest.mark.parametrize(
    "query",
    ["victim", "train worker", '"social workers"', "formation", "a", "écoute victimes", "zzz"],
)
def test_the_ranking_counts_a_word_s_forms_as_a_regular_expression_would(query):
    texts = [
        "Victims victim victimes",
        "Trainings work when social workers meet again.",
        "Des formations régulières pour l'éducation des équipes; formation, former.",
        "La première ligne d'écoute a ouvert pour les victimes.",
        "a a a b a",
        "",
    ]
    candidates = [
        (pk, index_words(text, language))
        for pk, (text, language) in enumerate(
            [(t, "en") for t in texts] + [(t, "fr") for t in texts], start=1
        )
    ]
    terms, languages = parse(query), ["en", "fr"]
    assert engine._ranked(candidates, terms, languages) == _ranked_by_regex(
        candidates, terms, languages
    )


def test_snippets_are_the_same_with_the_words_already_told(knowledge):
    from carnet.lib.textsearch import highlight

    prefixes, languages = query_forms("victims", ["en", "fr"]), ["en", "fr"]
    texts = [
        "Caritas trained 120 social workers to identify victims.",
        "The hotline answered calls from victims in four languages; victim support.",
        "Nothing here.",
    ]
    seen = {}
    shared = [highlight(t, prefixes, languages=languages, seen=seen) for t in texts]
    assert shared == [highlight(t, prefixes, languages=languages) for t in texts]
    assert seen  # filled, then read for the texts after the first


def test_the_results_objects_come_with_their_network_in_one_query_a_kind(
    knowledge, network, claire, django_assert_max_num_queries
):
    results = engine.search(claire, network, "hotline", per_kind=50)
    hits = [h for g in results.groups for h in g.hits]
    assert {g.kind for g in results.groups} >= {"document", "session", "interview", "moment"}
    with django_assert_max_num_queries(0):  # read with the object, or the network searched
        for hit in hits:
            holder = getattr(hit.obj, "workshop", None) or getattr(hit.obj, "report", None)
            assert (holder or hit.obj).network.slug == network.slug
            if getattr(hit.obj, "organisation_id", None):  # the page shows it
                assert hit.obj.organisation.name


def test_the_search_migrations_write_the_engine_s_column_and_indexes_as_of_today():
    """Search 0003 (the column) and 0004 (the kinds' indexes) hold their own copy of the SQL (a
    migration must not change with the code). Should the engine's column or indexes change,
    this fails: write a new migration for them (and a new marker than PAIR for install()),
    leave these as they are."""
    import importlib

    pairs = importlib.import_module("carnet.search.migrations.0003_search_pairs_and_kind_indexes")
    kinds = importlib.import_module("carnet.search.migrations.0004_kind_indexes_by_lower_kind")
    assert pairs.COLUMN == engine.POSTGRES_COLUMN
    assert pairs.PAIR == engine.PAIR
    assert kinds.INDEXES == engine.POSTGRES_INDEXES
    assert kinds.STATISTICS == engine.POSTGRES_KIND_STATISTICS


def test_on_postgresql_the_library_reads_a_kind_s_matches_through_its_words_index_only(knowledge):
    """Even for a prefix the planner guesses common ("tra"), a kind's matches are found through
    its GIN index (`engine.gin_kind`), never by reading the kind's rows through a B-tree and
    testing each row's words (10-30 times slower on the search bench's 20,000 sheets)."""
    import re

    from django.db import connection

    from carnet.commons.domain import reading

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's FTS5 table is its own index")
    with reading(), connection.cursor() as cursor:
        for kind, ids in engine.matching_objects(
            ["sheet", "moment", "learning"], "tra", ["en", "fr"], settled=True
        ).items():
            cursor.execute("EXPLAIN " + ids.sql, ids.params)
            plan = "\n".join(line for (line,) in cursor.fetchall())
            assert re.findall(r"Index(?: Only)? Scan(?: Backward)? on (\w+)", plan) == [
                f"search_entry_words_{kind}"
            ], plan


def test_on_postgresql_a_search_inside_a_transaction_leaves_its_settings_as_they_were(
    knowledge, network, claire, monkeypatch
):
    """The search pins its plans with settings of the transaction (no sequential scan, no
    JIT; no bitmap or hash join for the walk down the newest rows): inside a request's
    transaction, the statements after it are planned with the settings they had before."""
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no such settings")
    names = ["enable_seqscan", "jit", "enable_bitmapscan", "enable_hashjoin", "enable_mergejoin"]

    def current():
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(f"current_setting('{name}')" for name in names))
            return cursor.fetchone()

    monkeypatch.setattr(engine, "COUNT_CAP", 0)  # every kind "over the cap": the walk runs
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_hashjoin TO off")  # the transaction's own value
        before = current()
        assert engine.search(claire, network, "hotline").groups
        assert current() == before


def test_on_postgresql_the_index_keeps_long_texts_out_of_the_rows_a_search_reads(db):
    """A kind's matches are read from the table row by row (a GIN index gives no column). A
    row holding a sheet's words, their tsvector and its text goes over 2 KB, and PostgreSQL
    then moves values out of line only until the row is under 2 KB: 2,939 pages for the search
    bench's 20,000 sheets. The index's table has them moved out down to 128 bytes (416 pages,
    bench/RESULTS.md), set by install() after every migrate, and again if it went missing.

    (Counting the pages of rows written in a test is no measure: rows go wherever the free
    space map finds room, in pages freed by earlier tests.)"""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's FTS5 table is its own index")

    def options():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reloptions FROM pg_class WHERE oid = %s::regclass", [engine.TABLE]
            )
            return cursor.fetchone()[0] or []

    assert "toast_tuple_target=128" in options()
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {engine.TABLE} RESET (toast_tuple_target)")
    assert "toast_tuple_target=128" not in options()
    engine.install()
    assert "toast_tuple_target=128" in options()
