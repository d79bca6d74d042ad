"""The network's search over its index, one interface over two engines.

Both engines read the same column, `search_entry.words`: the stems and folded words
written by carnet.lib.textsearch (Snowball per content language, accents folded), so
SQLite and PostgreSQL find the same rows for the same query.

- SQLite: a contentless FTS5 table over `words` and `tags` (a token for the row's kind
  and one for its network), kept by triggers; a query is one MATCH per kind, with the
  FTS table as the outer loop (CROSS JOIN).
- PostgreSQL: a generated column `search`: `to_tsvector('simple', words)` and every pair of
  consecutive words as one lexeme ("_fund_victim", no position: POSTGRES_SEARCH), with a GIN
  index per kind, none over all: every query reads one kind, through that kind's posting
  lists only (through one index over all, each kind's query read every kind's lists: 3 to
  4 times the work on the bench's network). A two-word phrase is its pair, found in the
  index alone; a longer one, its pairs, then its positions in the rows holding them all (a
  phrase as `<->` alone had every row holding its words read again: 100-300 ms for two
  common words on the bench's 91,000 rows). The
  'simple' configuration, not per-language ones with `unaccent`: stemming and folding are
  already done in Python, identically for both engines; per-language configurations
  would stem a second time (differently from SQLite), and `unaccent` needs an extension
  that a hosted database may refuse to install (so does `btree_gin`: not used). A query is
  three statements for all the kinds (`_postgres_found`): the matches from the GIN index's
  bitmap up to the cap, a walk down the newest rows of the kinds over it, the candidates
  ranked. The plans are pinned where the planner's guesses were measured wrong on the
  bench's 91,000 rows (see `_postgres_matches` and `_postgres_newest`).

A query word becomes the OR of its forms (its stem in each language searched, its
folded spelling), each matched as a prefix; the words of a query are ANDed; a quoted
phrase is matched as a phrase of forms. Who may see a row is a Q over Entry per kind
from carnet.search.kinds, applied inside the same SQL statement, so counts never include
what the person may not see; the shown results are checked once more, object by object.

Bounded work per kind, whatever the query: the count stops at COUNT_CAP ("more than
1,000"), only the CANDIDATES newest matches are ranked (ts_rank; on SQLite `_ranked`), only the rows
shown are read with their text, and snippets are built for those only.
"""

import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import DatabaseError, connection, connections, transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from carnet.lib.textsearch import START, STOP, highlight, parse, phrase_forms, query_forms

from .enums import Kind
from .kinds import SOURCES
from .models import Entry

logger = logging.getLogger(__name__)
TABLE = Entry._meta.db_table
FTS = f"{TABLE}_fts"
PER_KIND = 5  # results shown per kind on the grouped page
PER_PAGE = 30  # results shown when one kind is chosen

PREFIX_MAX = 6  # FTS5 keeps an index of the words' first 2 to 6 letters
CANDIDATES = 50  # matches ranked per kind: the newest (see _count_and_rows)
COUNT_CAP = 1000  # a kind's count stops there: "more than 1,000"

# SQLite: a contentless FTS5 table over each entry's words and its "tags": a token for its
# kind and one for its network ("ksheet n12"), so that one MATCH finds one kind's rows of
# one network without reading the others' (the query's words are matched in `words` only).
# Contentless: the text is read from the entries' table, never from the index.
SQLITE_TAGS = "'k' || {row}.kind || ' n' || {row}.network_id"
SQLITE_SETUP = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(
        words, tags, content='', tokenize='unicode61 remove_diacritics 2',
        prefix='2 3 4 5 6')""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_fts_ai AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {FTS}(rowid, words, tags)
        VALUES (new.id, new.words, {SQLITE_TAGS.format(row="new")});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_fts_ad AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, words, tags)
        VALUES ('delete', old.id, old.words, {SQLITE_TAGS.format(row="old")});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_fts_au
        AFTER UPDATE OF words, kind, network_id ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, words, tags)
        VALUES ('delete', old.id, old.words, {SQLITE_TAGS.format(row="old")});
        INSERT INTO {FTS}(rowid, words, tags)
        VALUES (new.id, new.words, {SQLITE_TAGS.format(row="new")});
    END""",
]
SQLITE_REBUILD = [
    f"INSERT INTO {FTS}({FTS}) VALUES ('delete-all')",
    f"INSERT INTO {FTS}(rowid, words, tags) "
    f"SELECT id, words, {SQLITE_TAGS.format(row=TABLE)} FROM {TABLE}",
]
# The index of earlier versions (external content, words only; prefixes of 2 and 3
# letters): replaced by the above.
SQLITE_OLD = [
    f"DROP TRIGGER IF EXISTS {TABLE}_fts_ai",
    f"DROP TRIGGER IF EXISTS {TABLE}_fts_ad",
    f"DROP TRIGGER IF EXISTS {TABLE}_fts_au",
    f"DROP TABLE IF EXISTS {FTS}",
]

# The words, then their pairs ("_fund_victim": starting with "_", no word's prefix): the pairs
# starting at the 1st, 3rd… word, then those starting at the 2nd, 4th… (a regular expression
# cannot overlap its matches); a lone word left over is a lexeme already there. `words` holds
# single spaces between words of letters and digits only.
PAIR = "_\\1_\\2"  # how install() tells this version of the column from earlier ones
PAIRS = "regexp_replace({w}, '(\\S+) (\\S+)', '" + PAIR + "', 'g')"
POSTGRES_SEARCH = (
    "to_tsvector('simple', words) || array_to_tsvector(string_to_array(trim("
    + PAIRS.format(w="words")
    + " || ' ' || "
    + PAIRS.format(w="regexp_replace(words, '^\\S+ ?', '')")
    + "), ' '))"
)
POSTGRES_COLUMN = (
    f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS search tsvector "
    f"GENERATED ALWAYS AS ({POSTGRES_SEARCH}) STORED"
)


def gin_kind(kind, table=None):
    """The condition that reads a kind's matches through its GIN index (on PostgreSQL): the
    index's own predicate, `lower(kind) = '…'`, the kind written in the SQL.

    Not `kind = '…'`: the B-tree indexes that start with the kind serve that too, and for a
    query the planner guesses common (a prefix: "cari", "traf") on a table autovacuum has
    not visited yet (after a large import), it read the kind's rows through them and tested
    each one's tsvector, stored apart and compressed (130-240 ms for the search bench's
    20,000 sheets), against 8-13 ms through the GIN index. No B-tree holds `lower(kind)`;
    its statistics (POSTGRES_KIND_STATISTICS) keep the planner's guess of a kind's rows
    right. On vacuumed tables the planner chose well either way (bench/RESULTS.md)."""
    if kind not in Kind.values:
        raise ValueError(f"unknown kind: {kind!r}")
    return f"lower({table + '.' if table else ''}kind) = '{kind}'"


# One GIN index per kind, none over all: every query names its kind (`gin_kind`).
POSTGRES_INDEXES = {
    f"{TABLE}_words_{kind}": (
        f"CREATE INDEX IF NOT EXISTS {TABLE}_words_{kind} ON {TABLE} "
        f"USING GIN (search) WHERE {gin_kind(kind)}"
    )
    for kind in Kind.values
}
# A GIN index gives no column: a kind's matches are read from the table, row by row (their
# object ids, networks, organisations). A row also holds the words and text of a whole sheet
# or document, in line while the row stays under about 2 KB. Past 128 bytes, long values are
# moved out of line (TOAST) instead: the 20,000 sheets of the search bench fit in about 400
# pages, not 2,900 (bench/RESULTS.md). Rows written before keep their layout until written
# again (`carnet search_reindex`).
STORAGE = "toast_tuple_target=128"
POSTGRES_STORAGE = f"ALTER TABLE {TABLE} SET ({STORAGE})"
KIND_STATISTICS = f"{TABLE}_kind_lower"
POSTGRES_KIND_STATISTICS = (
    f"CREATE STATISTICS IF NOT EXISTS {KIND_STATISTICS} ON (lower(kind)) FROM {TABLE}"
)


def install(using=None, **kwargs):
    """Create the engine's index if missing (after every migrate; idempotent).

    On SQLite, a migration that rebuilds the entries' table drops the triggers: they are
    created again here and the FTS table filled again from the entries; an FTS table of
    an earlier version (without tags, or fewer prefix lengths) is replaced.
    """
    conn = connections[using or "default"]
    with conn.cursor() as cursor:
        if conn.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [FTS])
            found = cursor.fetchone()
            if found and "prefix='2 3 4 5 6'" not in found[0]:
                for statement in SQLITE_OLD:
                    cursor.execute(statement)
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='trigger' AND name LIKE %s",
                [f"{TABLE}_fts_%"],
            )
            missing = cursor.fetchone()[0] < 3
            for statement in SQLITE_SETUP:
                cursor.execute(statement)
            if missing:
                for statement in SQLITE_REBUILD:
                    cursor.execute(statement)
        elif conn.vendor == "postgresql":
            postgres_install(cursor)


def postgres_install(cursor):
    """The generated column (again, if it is of an earlier version: without the pairs), its
    indexes, the statistics on `lower(kind)` and the table's storage, each only when
    missing: an ALTER TABLE or CREATE INDEX inside a transaction with pending constraint
    checks is refused (e.g. `search_reindex` run in a test)."""
    cursor.execute(
        "SELECT generation_expression FROM information_schema.columns "
        "WHERE table_name = %s AND column_name = 'search'",
        [TABLE],
    )
    found = cursor.fetchone()
    if found and PAIR not in (found[0] or ""):
        cursor.execute(f"ALTER TABLE {TABLE} DROP COLUMN search")  # and its indexes
        found = None
    if not found:
        cursor.execute(POSTGRES_COLUMN)
    cursor.execute(
        "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexname = ANY(%s)",
        [TABLE, list(POSTGRES_INDEXES)],
    )
    present = {name for (name,) in cursor.fetchall()}
    for name, statement in POSTGRES_INDEXES.items():
        if name not in present:
            cursor.execute(statement)
    cursor.execute("SELECT 1 FROM pg_statistic_ext WHERE stxname = %s", [KIND_STATISTICS])
    if cursor.fetchone() is None:
        cursor.execute(POSTGRES_KIND_STATISTICS)
    cursor.execute(
        "SELECT %s = ANY(coalesce(reloptions, '{}')) FROM pg_class WHERE oid = %s::regclass",
        [STORAGE, TABLE],
    )
    if not cursor.fetchone()[0]:
        cursor.execute(POSTGRES_STORAGE)


def languages_for(network, *, extra=()):
    """The languages a query is stemmed in: the network's content languages, English, extra."""
    codes = list(extra) + list(network.language_codes) + ["en"]
    return list(dict.fromkeys(c for c in codes if c))


def _fts5_quote(form):
    return '"' + form.replace('"', "") + '"'


def whole_words(terms, languages, *, settled=False):
    """The query's forms longer than PREFIX_MAX letters that are words of some text: those
    are matched as words (their stem already covers their endings), the others as the start
    of a word. Looking up a long prefix reads every word that starts with it (the FTS5
    prefix index stops at PREFIX_MAX letters): 60-160 ms for a common one, against under a
    millisecond for a word (measured on the bench's 91,000 rows).

    settled: PostgreSQL's settings for the search are already those of the transaction
    (`search`), JIT off.
    """
    forms = {
        form
        for words in terms
        if len(words) == 1
        for form in query_forms(words[0], languages)
        if len(form) > PREFIX_MAX
    }
    if connection.vendor == "postgresql":
        return _postgres_words(sorted(forms), settled)
    found = set()
    for form in forms:
        sql = f"SELECT 1 FROM {FTS} WHERE {FTS} MATCH %s LIMIT 1"
        if _run(sql, [f"words : {_fts5_quote(form)}"]):
            found.add(form)
    return found


def _postgres_words(forms, settled=False):
    """The forms that are words of some text, in one statement: per form, its matches kind by
    kind through the kinds' GIN indexes (MATERIALIZED: planned to read every match, through
    the index, not as a scan of the table that stops at the first one, which reads it all
    for a form no text has: 400 ms on the bench's 91,000 rows), up to the first."""
    if not forms:
        return set()
    ctes, selects, params = [], [], []
    for number, form in enumerate(forms):
        ctes.append(
            f"w{number} AS MATERIALIZED ("
            + " UNION ALL ".join(
                f"SELECT 1 FROM {TABLE} WHERE {gin_kind(kind)} "
                "AND search @@ to_tsquery('simple', %s)"
                for kind in Kind.values
            )
            + ")"
        )
        params += [_lexeme(form)] * len(Kind.values)
        selects.append(f"SELECT {number} WHERE EXISTS (SELECT 1 FROM w{number})")
    # JIT off: the plan's cost counts every match of every kind (MATERIALIZED), well over
    # jit_above_cost, where the first match of a kind ends the statement: compiling it took
    # 45-80 ms, running it 1-5 ms.
    sql = "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(selects)
    if settled:
        rows = _run(sql, params)
    else:
        with transaction.atomic(), _settings(jit="off"):
            rows = _run(sql, params)
    return {forms[number] for (number,) in rows}


def sqlite_match(terms, languages, whole=()):
    parts = []
    for words in terms:
        if len(words) == 1:
            forms = [
                _fts5_quote(f) + ("" if f in whole else "*")
                for f in query_forms(words[0], languages)
            ]
        else:
            forms = [_fts5_quote(" ".join(f)) for f in phrase_forms(words, languages)]
        if forms:
            parts.append("(" + " OR ".join(forms) + ")")
    return " AND ".join(parts)


def sqlite_kind_match(terms, languages, kind, network_id, whole=()):
    """The MATCH of a query's words (in `words` only) among one kind's rows of one network."""
    words = sqlite_match(terms, languages, whole)
    if not words:
        return ""
    return f"words : ({words}) AND tags : (k{kind} AND n{int(network_id)})"


@dataclass(frozen=True)
class TsQuery:
    """A query for PostgreSQL: `sql` (a tsquery expression) and its `params`.

    The words go through to_tsquery('simple', …), as `words` through to_tsvector; a phrase's
    pairs of words ("_fund_victim", see POSTGRES_SEARCH) are written as lexemes, with the
    phrase's positions (`<->`) only when it has more than two words."""

    words: str
    phrases: str

    @property
    def sql(self):
        parts = []
        if self.words:
            parts.append("to_tsquery('simple', %s)")
        if self.phrases:
            parts.append("%s::tsquery")
        return "(" + " && ".join(parts) + ")" if parts else "''::tsquery"

    @property
    def params(self):
        return [p for p in (self.words, self.phrases) if p]


def _lexeme(form):
    return "'" + form.replace("'", "").replace("\\", "") + "'"


def _phrase(forms):
    """One form of a phrase as lexemes: its pairs, and its positions past two words."""
    pairs = [_lexeme(f"_{a}_{b}") for a, b in zip(forms, forms[1:], strict=False)]
    if len(forms) > 2:
        pairs.append("(" + " <-> ".join(_lexeme(f) for f in forms) + ")")
    return "(" + " & ".join(pairs) + ")"


def postgres_tsquery(terms, languages, whole=()):
    words, phrases = [], []
    for term in terms:
        if len(term) == 1:
            forms = [
                _lexeme(f) + ("" if f in whole else ":*") for f in query_forms(term[0], languages)
            ]
            if forms:
                words.append("(" + " | ".join(forms) + ")")
        else:
            forms = [_phrase(f) for f in phrase_forms(term, languages)]
            if forms:
                phrases.append("(" + " | ".join(forms) + ")")
    return TsQuery(" & ".join(words), " & ".join(phrases))


@dataclass
class Hit:
    kind: str
    object_id: int
    part: str
    title: str
    snippet: str
    url: str = ""
    obj: object = None
    language: str = ""
    date: object = None


@dataclass
class Group:
    kind: str
    label: str
    count: int  # at most COUNT_CAP
    hits: list = field(default_factory=list)
    more: bool = False  # more than COUNT_CAP matches


@dataclass
class Results:
    query: str
    groups: list = field(default_factory=list)
    total: int = 0
    message: str = ""
    more: bool = False  # a kind has more than COUNT_CAP matches: the total is a floor


def scopes(user, network, filters):
    """{kind: the entries of that kind this person may see, with the filters} (querysets).

    Who may see a row is each kind's own clause (carnet.search.kinds), asked of the
    network's objects in the same SQL statement as the match: counts never include what
    the person may not see. Kinds the person may not read at all are left out.
    """
    theme = filters.get("theme")
    found = {}
    for kind, source in SOURCES.items():
        if filters.get("kind") and filters["kind"] != kind:
            continue
        if theme and kind not in THEMED:
            continue  # themes are the sheets' vocabulary: other kinds have none
        clause = source.visible(user, network)
        if clause is None:
            continue
        entries = Entry.objects.filter(clause, network=network, kind=kind)
        if theme:
            entries = entries.filter(THEMED[kind](network, theme))
        if filters.get("organisation"):
            entries = entries.filter(organisation_id=filters["organisation"])
        if filters.get("language"):
            entries = entries.filter(language=filters["language"])
        if filters.get("since"):
            entries = entries.filter(date__gte=filters["since"])
        if filters.get("until"):
            entries = entries.filter(date__lte=filters["until"])
        found[kind] = entries
    return found


def _sheets_with_theme(network, theme):
    from carnet.practices.models import Sheet

    return Q(object_id__in=Sheet.objects.filter(network=network).with_theme(theme).values("pk"))


def _comments_with_theme(network, theme):
    from carnet.practices.models import Comment, Sheet

    sheets = Sheet.objects.filter(network=network).with_theme(theme).values("pk")
    return Q(object_id__in=Comment.objects.filter(sheet__in=sheets).values("pk"))


# The kinds a theme applies to: sheets, and the comments on them.
THEMED = {Kind.SHEET: _sheets_with_theme, Kind.COMMENT: _comments_with_theme}


def matching_objects(kinds, query, languages, *, settled=False):
    """{kind: the ids of its objects, of any network, whose index rows match the query (a
    subquery of `object_id`, for `pk__in`: the public library's search)} for each of the
    kinds, or None when the query has no words. Who may see them is the caller's filter. The
    query's whole words are looked up once for all the kinds.

    settled: run inside `planned()`.
    """
    terms = parse(query)
    if not terms:
        return None
    for kind in kinds:
        if kind not in Kind.values:
            raise ValueError(f"unknown kind: {kind!r}")
    whole = whole_words(terms, languages, settled=settled)
    if connection.vendor == "postgresql":
        tsquery = postgres_tsquery(terms, languages, whole)
        # Planned apart (OFFSET 0), through the kind's GIN index (`gin_kind`). Joined to the
        # caller's rows, the planner tests each of them against its tsvector instead:
        # 90-190 ms for the bench's 6,666 published sheets, against a few ms.
        return {
            kind: RawSQL(
                f"SELECT object_id FROM {TABLE} WHERE {gin_kind(kind)} "
                f"AND search @@ {tsquery.sql} OFFSET 0",
                tsquery.params,
            )
            for kind in kinds
        }
    words = sqlite_match(terms, languages, whole)
    return {
        kind: RawSQL(
            f"SELECT object_id FROM {TABLE} WHERE kind = %s AND id IN ("
            f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)",
            [kind, f"words : ({words}) AND tags : k{kind}"],
        )
        for kind in kinds
    }


def _where(entries):
    """The WHERE clause of a queryset over the entries' table (no join), and its params."""
    sql, params = entries.values("id").query.sql_with_params()
    quote = connection.ops.quote_name
    column = f"{quote(TABLE)}.{quote('id')}"
    head = re.match(
        rf"SELECT {re.escape(column)}(?: AS {re.escape(quote('id'))})? "
        rf"FROM {re.escape(quote(TABLE))} WHERE ",
        sql,
    )
    if head is None:  # a filter that joins another table: not written for that
        raise ValueError(f"unexpected scope SQL: {sql[:200]}")
    return sql[head.end() :], list(params)


def _matching(kind, entries, terms, languages, network, whole=()):
    """(FROM … WHERE … of the entries of one kind matching the query on SQLite, its params,
    the newest first)."""
    where, params = _where(entries)
    quote = connection.ops.quote_name
    table = quote(TABLE)
    # CROSS JOIN: SQLite keeps the FTS table as the outer loop (the index read once, in
    # its own order), never the inner one (the whole MATCH run again per entry).
    return (
        f"FROM {FTS} CROSS JOIN {table} ON {table}.{quote('id')} = {FTS}.rowid "
        f"WHERE {FTS} MATCH %s AND {where}",
        [sqlite_kind_match(terms, languages, kind, network.pk, whole), *params],
        f"{FTS}.rowid DESC",  # the FTS index's own order: only the rows kept are ranked
    )


COLUMNS = "e.kind, e.object_id, e.part, e.title, e.text, e.language, e.date"


def _count_and_rows(kind, entries, terms, languages, network, rows_wanted, whole=()):
    """SQLite: the count of one kind's matches (up to COUNT_CAP), whether there are more, its
    best rows. Only the CANDIDATES newest matches are ranked (by `_ranked`, not bm25: see
    there); the best `rows_wanted` of them are kept.

    Two statements: the matches' ids up to the cap (counted here), then the candidates read
    by id with their words and text. When the cap was not reached, the ids read are all the
    matches, and the newest of them the candidates; past it, the candidates come from a walk
    down the newest matches instead (the index's own order, newest first).
    """
    from_where, params, newest = _matching(kind, entries, terms, languages, network, whole)
    table = connection.ops.quote_name(TABLE)
    # The rows (a moment has one per language) up to the cap, and the things they are of.
    found = _run(
        f"SELECT {table}.id, {table}.object_id {from_where} LIMIT %s", [*params, COUNT_CAP + 1]
    )
    if not found:
        return 0, False, []
    count = len({object_id for _pk, object_id in found})
    more = len(found) > COUNT_CAP
    if more:
        ids = [
            pk
            for (pk,) in _run(
                f"SELECT {table}.id {from_where} ORDER BY {newest} LIMIT %s",
                [*params, CANDIDATES],
            )
        ]
    else:
        ids = sorted((pk for pk, _object_id in found), reverse=True)[:CANDIDATES]
    # The candidates' words are ranked here; the best are shown with their text.
    marks = ", ".join(["%s"] * len(ids))
    candidates = {
        row[-2]: row
        for row in _run(
            f"SELECT {COLUMNS}, e.id, e.words FROM {table} e WHERE e.id IN ({marks})", ids
        )
    }
    best = _ranked([(pk, row[-1]) for pk, row in candidates.items()], terms, languages)
    rows = [candidates[pk][:-2] for pk in best[:rows_wanted]]
    return min(count, COUNT_CAP), more, rows


WALK = 5000  # PostgreSQL: newest rows of a kind looked through for its newest matches
# The columns a kind's scope may filter on (carnet.search.kinds, `scopes`).
SCOPE_COLUMNS = (
    "id",
    "object_id",
    "network_id",
    "kind",
    "part",
    "organisation_id",
    "language",
    "date",
)


def _postgres_found(scoped, tsquery, network, rows_wanted):
    """PostgreSQL: {kind: (count up to COUNT_CAP, more than that?, its best rows)}, in three
    statements for all the kinds:

    1. the ids of each kind's matches the person may see, up to COUNT_CAP + 1
       (`_postgres_matches`), counted here; when they are all there, the newest CANDIDATES of
       them are the kind's candidates;
    2. a kind with more matches (a common word: in 80% of the rows of the bench's network)
       takes its newest matches from a walk down its newest rows instead (`_postgres_newest`):
       reading every match to keep the newest would read most of the kind;
    3. only the candidates are ranked (ts_rank), the best rows_wanted of each kind read with
       their text.

    The caller has turned sequential scans and JIT off (`search`).
    """
    table = connection.ops.quote_name(TABLE)
    # Each kind's scope as SQL, once: both statements below read it.
    wheres = {kind: _where(entries) for kind, entries in scoped.items()}
    matches = _postgres_matches(wheres, tsquery, network)
    counted, candidates, walks = {}, [], {}
    for kind, (rows, objects, newest) in matches.items():
        counted[kind] = (objects, rows > COUNT_CAP)
        if rows <= COUNT_CAP:
            candidates += newest
        else:
            walks[kind] = wheres[kind]
    candidates += _postgres_newest(walks, tsquery, network)
    if not candidates:
        return {}
    best = {}
    for row in _run(
        f"SELECT {COLUMNS} FROM ("
        "SELECT e.*, row_number() OVER (PARTITION BY e.kind "
        f"ORDER BY ts_rank(e.search, {tsquery.sql}) DESC, e.id) AS place "
        f"FROM {table} e WHERE e.id = ANY(%s)) e WHERE e.place <= %s ORDER BY e.kind, e.place",
        [*tsquery.params, candidates, rows_wanted],
    ):
        best.setdefault(row[0], []).append(row)
    return {
        kind: (min(count, COUNT_CAP), more, best.get(kind, []))
        for kind, (count, more) in counted.items()
    }


def _postgres_matches(wheres, tsquery, network):
    """{kind: (its matches this person may see, up to COUNT_CAP + 1; the objects they are of;
    the ids of the CANDIDATES newest of them)}, for the kinds with matches, in one statement.
    wheres: {kind: its scope's WHERE and params (`_where`)}.
    Counted in the statement: one row a kind, not a thousand rows a kind to Python.

    Per kind, two steps, each planned for what it does. The network's matches of the kind
    (`m<n>`, MATERIALIZED: planned as if all were read) come from a bitmap of the kind's GIN
    index (`_kind_matches`): the index alone tells a match, no row's tsvector is read (but
    for a phrase of more than two words, in the rows holding its pairs). Then the
    person's rules (an EXISTS per sheet or comment) on those rows, one at a time up to the
    cap. Left to itself, the planner scans the table in the hope of meeting the matches early,
    reading every row's tsvector (400-600 ms for two common words on the bench's 91,000
    rows), or hashes every sheet the person may see (100-150 ms), where this takes a few ms:
    the caller turns sequential scans off.
    """
    table = connection.ops.quote_name(TABLE)
    columns = ", ".join(f"{table}.{connection.ops.quote_name(c)}" for c in SCOPE_COLUMNS)
    ctes, selects, params, select_params = [], [], [], []
    for number, (kind, (where, where_params)) in enumerate(wheres.items()):
        ctes.append(
            f"m{number} AS MATERIALIZED (SELECT {columns} FROM {table} "
            f"WHERE {_kind_matches(kind, tsquery)})"
        )
        params += [network.pk, *tsquery.params]
        selects.append(
            "(SELECT %s, count(*), count(DISTINCT found.object_id), "
            "(array_agg(found.id ORDER BY found.id DESC))[1:%s] FROM ("
            f"SELECT {table}.id, {table}.object_id FROM m{number} AS {table} "
            f"WHERE {where} LIMIT %s) found)"
        )
        select_params += [kind, CANDIDATES, *where_params, COUNT_CAP + 1]
    if not ctes:
        return {}
    return {
        kind: (rows, objects, newest or [])
        for kind, rows, objects, newest in _run(
            "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(selects),
            params + select_params,
        )
        if rows
    }


def _kind_matches(kind, tsquery):
    """The WHERE of a kind's matches in a network (its params: the network's id, then the
    query's), read through the kind's GIN index.

    The kind is written in the SQL, not a parameter: the index is the kind's (a partial
    index, `gin_kind`). `network_id + 0`: tested on the index's matches, not through the
    index of the network's kinds. The planner would rather read the network's rows of a kind
    and test each one's tsvector when it guesses the query common (20-30 ms for a common
    word among the bench's 50,000 learnings, against 1-3 ms through the GIN index).
    """
    table = connection.ops.quote_name(TABLE)
    return (
        f"{gin_kind(kind, table)} AND ({table}.network_id + 0) = %s "
        f"AND {table}.search @@ {tsquery.sql}"
    )


def _postgres_newest(wheres, tsquery, network):
    """The ids of the CANDIDATES newest matches of each kind in wheres ({kind: its scope's
    WHERE and params}; kinds with many matches):
    a walk down the kind's newest rows (the index search_entry_newest), stopping at the
    CANDIDATES-th match, at most WALK rows; all its matches, newest first, if the walk found
    too few.

    `kind BETWEEN` and `ORDER BY n.kind`, not `kind =`: with the kind a constant, the
    planner walks the primary key backwards instead (through every other kind's rows:
    100-270 ms for a common word on the bench's 91,000 rows, against a few ms for this walk).
    The walk reads each row through the index's own pointer and tests its tsvector there.
    Until 2026-12-05 it took the ids from the index alone, then joined them to the table by
    id: each row was found a second time through the primary key (about 7 pages a row, now
    4; the walk's statement took 10-25% longer on the search bench, bench/RESULTS.md).
    """
    if not wheres:
        return []
    table = connection.ops.quote_name(TABLE)
    found = {}
    # A nested loop down the newest rows, stopping at the CANDIDATES-th match. The planner's
    # guess of how many rows pass the person's rules is low enough that it would rather hash
    # every match of the kind with the WALK newest rows and sort (120 ms for a sheet's common
    # word), where the walk reads a few hundred rows.
    with _settings(enable_bitmapscan="off", enable_hashjoin="off", enable_mergejoin="off"):
        for kind, pk in _run(*_walk_sql(wheres, tsquery, network)):
            found.setdefault(kind, []).append(pk)
    ids = []
    for kind, (where, where_params) in wheres.items():
        if len(found.get(kind, [])) < CANDIDATES:  # the matches are older than the walk
            found[kind] = [
                pk
                for (pk,) in _run(
                    f"WITH m AS MATERIALIZED (SELECT {table}.id FROM {table} "
                    f"WHERE {gin_kind(kind, table)} AND {table}.search @@ {tsquery.sql} "
                    f"AND {where}) "
                    "SELECT id FROM m ORDER BY id DESC LIMIT %s",
                    [*tsquery.params, *where_params, CANDIDATES],
                )
            ]
        ids += found[kind]
    return ids


def _walk_sql(wheres, tsquery, network):
    """The walk of `_postgres_newest`, for every kind in wheres in one statement: its SQL and
    params (rows: kind, id)."""
    table = connection.ops.quote_name(TABLE)
    columns = ", ".join(f"n.{connection.ops.quote_name(c)}" for c in (*SCOPE_COLUMNS, "search"))
    selects, params = [], []
    for kind, (where, where_params) in wheres.items():
        selects.append(
            f"(SELECT {table}.kind, {table}.id FROM ("
            f"SELECT {columns} FROM {table} n WHERE n.network_id = %s "
            "AND n.kind BETWEEN %s AND %s ORDER BY n.kind, n.id DESC LIMIT %s"
            f") {table} WHERE {table}.search @@ {tsquery.sql} AND {where} "
            f"ORDER BY {table}.kind, {table}.id DESC LIMIT %s)"
        )
        params += [network.pk, kind, kind, WALK, *tsquery.params, *where_params, CANDIDATES]
    return " UNION ALL ".join(selects), params


@contextmanager
def planned():
    """PostgreSQL: the statements inside, in a transaction (or a savepoint), planned as the
    search's are: through the kinds' GIN indexes, never a sequential scan, without JIT.

    Left to itself, the planner reads every row of a kind and tests its tsvector when it
    guesses a query common (600 ms for "cari" among the bench's 20,000 sheets, against 10 ms
    through the GIN index), and compiles (JIT) plans whose cost counts every match. Then the
    defaults again, but when the transaction ends right after (its own)."""
    if connection.vendor != "postgresql":
        yield
        return
    own = not connection.in_atomic_block
    with transaction.atomic(), _settings(reset=not own, enable_seqscan="off", jit="off"):
        yield


class _settings:
    """PostgreSQL settings for the statements run inside (the transaction's own), then the
    values they had before, unless `reset` is false: the transaction is about to end (its
    COMMIT or ROLLBACK undoes them).

    The values before are read in the statement that sets the new ones: the CTE is read
    before the row's set_config() run. (Reading the defaults from the view pg_settings
    instead, as until 2026-12-05, took 1.6-1.8 ms a statement on the search bench, against
    0.2-0.4 ms, and lost a value the transaction had set itself.)"""

    def __init__(self, reset=True, **settings):
        self.settings = settings
        self.reset = reset
        self.before = None

    @staticmethod
    def _set(values):
        """The SQL setting each of values ({name: value}) for the transaction, its params."""
        sets = ", ".join(["set_config(%s, %s, true)"] * len(values))
        return sets, [v for pair in values.items() for v in pair]

    def __enter__(self):
        names = list(self.settings)
        olds = ", ".join(["current_setting(%s)"] * len(names))
        sets, params = self._set(self.settings)
        (row,) = _run(
            f"WITH old AS MATERIALIZED (SELECT {olds}) SELECT old.*, {sets} FROM old",
            [*names, *params],
        )
        self.before = dict(zip(names, row[: len(names)], strict=True))

    def __exit__(self, *exc):
        if exc[0] is None and self.reset:  # else the transaction's end undoes them
            sets, params = self._set(self.before)
            _run(f"SELECT {sets}", params)


def _ranked(candidates, terms, languages):
    """The candidates' ids, best first: for each term of the query, how often its forms start
    a word of the row (saturated, and lighter in a long text: BM25's shape without its
    inverse document frequency), summed; ties to the newest.

    SQLite's bm25() first reads every match of every term of the query in the whole table
    (for its inverse document frequency): 30-45 ms per kind for a common word, whatever
    the LIMIT, measured on the bench's 91,000 rows; counting here takes well under that.

    A form starts a word where it follows a space (`words` is single-spaced, a space put
    before it): counted with str.count, a few times faster than a regular expression over
    the same text. A term's forms are never prefixes of one another (`query_forms`), so at
    most one of them starts a given word: their counts add up.
    """
    needles = []
    for words in terms:
        forms = query_forms(words[0], languages) if len(words) == 1 else [words[0]]
        needles.append([" " + form for form in forms])
    scored = []
    for pk, words in candidates:
        spaced = " " + words
        length = words.count(" ") + 1
        norm = 0.25 + 0.75 * length / 100
        score = 0.0
        for forms in needles:
            tf = sum(spaced.count(form) for form in forms)
            score += tf * 2.2 / (tf + 1.2 * norm)
        scored.append((-score, -pk))
    scored.sort()
    return [-pk for _score, pk in scored]


def _run(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def search(user, network, query, *, filters=None, per_kind=PER_KIND, languages=None):
    """What this person may see in the network matching the query, grouped by kind.

    Per kind, one capped count (COUNT_CAP) and the best of the newest CANDIDATES matches;
    snippets are built for the shown results only.
    """
    from django.utils.translation import gettext as _

    filters = filters or {}
    results = Results(query=query or "")
    terms = parse(query)
    if not terms:
        if (query or "").strip():
            results.message = _("Type words to search for; punctuation alone finds nothing.")
        return results
    languages = languages or languages_for(network, extra=[filters.get("language") or ""])
    found = {}
    # Its own transaction (not a savepoint in the request's): the settings below end with it.
    own = not connection.in_atomic_block
    try:
        with transaction.atomic():  # a refused query leaves the request's transaction usable
            # Twice as many rows as shown: a moment may come once per language.
            if connection.vendor == "postgresql":
                # The plans of these statements are pinned (see _postgres_matches): no
                # sequential scan, no JIT (it compiles plans whose cost counts every match,
                # where the statements stop early). In one statement for them all.
                with _settings(reset=not own, enable_seqscan="off", jit="off"):
                    whole = whole_words(terms, languages, settled=True)
                    scoped = scopes(user, network, filters)
                    tsquery = postgres_tsquery(terms, languages, whole)
                    found = _postgres_found(scoped, tsquery, network, per_kind * 2)
            else:
                whole = whole_words(terms, languages)
                scoped = scopes(user, network, filters)
                for kind, entries in scoped.items():
                    count, more, rows = _count_and_rows(
                        kind, entries, terms, languages, network, per_kind * 2, whole
                    )
                    if count:
                        found[kind] = (count, more, rows)
    except DatabaseError:
        logger.warning("search query refused by the database: %r", query[:200])
        results.message = _("This search could not be run; try other words.")
        return results
    prefixes = [f for words in terms for w in words for f in query_forms(w, languages)]
    seen = {}  # the words already told matching or not: the same for every snippet
    for kind in Kind.values:
        if kind not in found:
            continue
        count, more, rows = found[kind]
        hits = []
        for _kind, object_id, part, title, text, language, date in rows:
            if any(h.object_id == object_id for h in hits) or len(hits) >= per_kind:
                continue
            snippet = highlight(text, prefixes, languages=languages, seen=seen) or highlight(
                title, prefixes, languages=languages, seen=seen
            )
            hits.append(
                Hit(kind, object_id, part, title, _mark(snippet), language=language, date=date)
            )
        hits = _checked(user, kind, hits, network)
        results.groups.append(Group(kind, Kind(kind).label, count, hits, more=more))
    results.total = sum(g.count for g in results.groups)
    results.more = any(g.more for g in results.groups)
    if not results.total:
        results.message = _("Nothing matches “%(query)s”.") % {"query": query}
    return results


def _checked(user, kind, hits, network):
    """The hits whose object this person may open, by the same rule as its page, with links."""
    source = SOURCES[kind]
    objects = source.objects([h.object_id for h in hits], network)
    kept = []
    for hit in hits:
        obj = objects.get(hit.object_id)
        if obj is None or not source.allows(user, obj, hit.part):
            continue
        hit.obj = obj
        hit.url = source.url(user, obj, hit.part)
        kept.append(hit)
    return kept


def _mark(text):
    return mark_safe(escape(text or "").replace(START, "<mark>").replace(STOP, "</mark>"))
