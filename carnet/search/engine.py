"""The network's search over its index, one interface over two engines.

Both engines read the same column, `search_entry.words`: the stems and folded words
written by carnet.lib.textsearch (Snowball per content language, accents folded), so
SQLite and PostgreSQL find the same rows for the same query.

- SQLite: an FTS5 table over `words` (external content), kept by triggers.
- PostgreSQL: a generated column `to_tsvector('simple', words)` with a GIN index. The
  'simple' configuration, not per-language ones with `unaccent`: stemming and folding are
  already done in Python, identically for both engines; per-language configurations
  would stem a second time (differently from SQLite), and `unaccent` needs an extension
  that a hosted database may refuse to install.

A query word becomes the OR of its forms (its stem in each language searched, its
folded spelling), each matched as a prefix; the words of a query are ANDed; a quoted
phrase is matched as a phrase of forms. Who may see a row is a Q over Entry from
carnet.search.kinds, applied inside the same SQL statement, so counts never include
what the person may not see.
"""

import logging
from dataclasses import dataclass, field

from django.db import DatabaseError, connection, connections, transaction
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

SQLITE_SETUP = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(
        words, content='{TABLE}', content_rowid='id', tokenize='unicode61 remove_diacritics 2',
        prefix='2 3')""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_fts_ai AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {FTS}(rowid, words) VALUES (new.id, new.words);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_fts_ad AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, words) VALUES ('delete', old.id, old.words);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_fts_au AFTER UPDATE OF words ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, words) VALUES ('delete', old.id, old.words);
        INSERT INTO {FTS}(rowid, words) VALUES (new.id, new.words);
    END""",
]

POSTGRES_SETUP = [
    f"""ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS search tsvector
        GENERATED ALWAYS AS (to_tsvector('simple', words)) STORED""",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_search ON {TABLE} USING GIN (search)",
]


def install(using=None, **kwargs):
    """Create the engine's index if missing (after every migrate; idempotent).

    On SQLite, a migration that rebuilds the entries' table drops the triggers: they are
    created again here and the FTS table rebuilt from the entries.
    """
    conn = connections[using or "default"]
    with conn.cursor() as cursor:
        if conn.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='trigger' AND name LIKE %s",
                [f"{TABLE}_fts_%"],
            )
            missing = cursor.fetchone()[0] < 3
            for statement in SQLITE_SETUP:
                cursor.execute(statement)
            if missing:
                cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")
        elif conn.vendor == "postgresql":
            # Only when missing: an ALTER TABLE inside a transaction with pending
            # constraint checks is refused (e.g. `search_reindex` run in a test).
            cursor.execute(
                "SELECT count(*) FROM information_schema.columns "
                "WHERE table_name = %s AND column_name = 'search'",
                [TABLE],
            )
            if not cursor.fetchone()[0]:
                for statement in POSTGRES_SETUP:
                    cursor.execute(statement)


def languages_for(network, *, extra=()):
    """The languages a query is stemmed in: the network's content languages, English, extra."""
    codes = list(extra) + list(network.language_codes) + ["en"]
    return list(dict.fromkeys(c for c in codes if c))


def _fts5_quote(form):
    return '"' + form.replace('"', "") + '"'


def sqlite_match(terms, languages):
    parts = []
    for words in terms:
        if len(words) == 1:
            forms = [_fts5_quote(f) + "*" for f in query_forms(words[0], languages)]
        else:
            forms = [_fts5_quote(" ".join(f)) for f in phrase_forms(words, languages)]
        if forms:
            parts.append("(" + " OR ".join(forms) + ")")
    return " AND ".join(parts)


def postgres_tsquery(terms, languages):
    def lexeme(form):
        return "'" + form.replace("'", "").replace("\\", "") + "'"

    parts = []
    for words in terms:
        if len(words) == 1:
            forms = [lexeme(f) + ":*" for f in query_forms(words[0], languages)]
        else:
            forms = [
                "(" + " <-> ".join(lexeme(w) for w in f) + ")"
                for f in phrase_forms(words, languages)
            ]
        if forms:
            parts.append("(" + " | ".join(forms) + ")")
    return " & ".join(parts)


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
    count: int
    hits: list = field(default_factory=list)


@dataclass
class Results:
    query: str
    groups: list = field(default_factory=list)
    total: int = 0
    message: str = ""


def visibility(user, network):
    """The rows this person may see in this network (a Q over Entry), or None for none."""
    clauses = [source.visible(user, network) for source in SOURCES.values()]
    clauses = [c for c in clauses if c is not None]
    if not clauses:
        return None
    combined = clauses[0]
    for clause in clauses[1:]:
        combined |= clause
    return combined


def _scope_sql(user, network, filters):
    """The SQL of the entries this person may see, with the filters (id only)."""
    allowed = visibility(user, network)
    if allowed is None:
        return None
    entries = Entry.objects.filter(allowed, network=network)
    if filters.get("kind"):
        entries = entries.filter(kind=filters["kind"])
    if filters.get("organisation"):
        entries = entries.filter(organisation_id=filters["organisation"])
    if filters.get("language"):
        entries = entries.filter(language=filters["language"])
    if filters.get("since"):
        entries = entries.filter(date__gte=filters["since"])
    if filters.get("until"):
        entries = entries.filter(date__lte=filters["until"])
    return entries.values("id").query.sql_with_params()


def _run(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _matches_sql(terms, languages, *, ranked=True):
    """(SQL giving id, rank of matching entries, its params); a lower rank is better.

    Unranked (rank 0) for the counts: ranking every match costs more than matching.
    """
    if connection.vendor == "postgresql":
        rank = "-ts_rank(search, q)" if ranked else "0"
        return (
            f"SELECT id, {rank} AS rank FROM {TABLE}, to_tsquery('simple', %s) q WHERE search @@ q",
            [postgres_tsquery(terms, languages)],
        )
    rank = f"bm25({FTS})" if ranked else "0"
    return (
        f"SELECT rowid AS id, {rank} AS rank FROM {FTS} WHERE {FTS} MATCH %s",
        [sqlite_match(terms, languages)],
    )


def search(user, network, query, *, filters=None, per_kind=PER_KIND, languages=None):
    """What this person may see in the network matching the query, grouped by kind."""
    from django.utils.translation import gettext as _

    filters = filters or {}
    results = Results(query=query or "")
    terms = parse(query)
    if not terms:
        if (query or "").strip():
            results.message = _("Type words to search for; punctuation alone finds nothing.")
        return results
    languages = languages or languages_for(network, extra=[filters.get("language") or ""])
    scope = _scope_sql(user, network, filters)
    if scope is None:
        results.message = _("Nothing matches “%(query)s”.") % {"query": query}
        return results
    scope_sql, scope_params = scope
    match_sql, match_params = _matches_sql(terms, languages)
    base = f"FROM ({match_sql}) m JOIN {TABLE} e ON e.id = m.id WHERE e.id IN ({scope_sql})"
    params = [*match_params, *scope_params]
    unranked_sql, _params = _matches_sql(terms, languages, ranked=False)
    count_base = (
        f"FROM ({unranked_sql}) m JOIN {TABLE} e ON e.id = m.id WHERE e.id IN ({scope_sql})"
    )
    try:
        with transaction.atomic():  # a refused query leaves the request's transaction usable
            counts = dict(
                _run(
                    f"SELECT e.kind, count(DISTINCT e.object_id) {count_base} GROUP BY e.kind",
                    params,
                )
            )
            rows = _run(
                "SELECT kind, object_id, part, title, text, language, date FROM ("
                "SELECT e.kind, e.object_id, e.part, e.title, e.text, e.language, e.date, "
                "row_number() OVER (PARTITION BY e.kind ORDER BY m.rank, e.id) AS n "
                f"{base}) r WHERE n <= %s ORDER BY kind, n",
                [*params, per_kind * 2],  # twice: a moment may come once per language
            )
    except DatabaseError:
        logger.warning("search query refused by the database: %r", query[:200])
        results.message = _("This search could not be run; try other words.")
        return results
    prefixes = [f for words in terms for w in words for f in query_forms(w, languages)]
    by_kind = {}
    for kind, object_id, part, title, text, language, date in rows:
        hits = by_kind.setdefault(kind, [])
        if any(h.object_id == object_id for h in hits) or len(hits) >= per_kind:
            continue
        snippet = highlight(text, prefixes, languages=languages) or highlight(
            title, prefixes, languages=languages
        )
        hits.append(Hit(kind, object_id, part, title, _mark(snippet), language=language, date=date))
    for kind in Kind.values:
        if kind not in counts:
            continue
        hits = _checked(user, kind, by_kind.get(kind, []))
        results.groups.append(Group(kind, Kind(kind).label, counts[kind], hits))
    results.total = sum(counts.values())
    if not results.total:
        results.message = _("Nothing matches “%(query)s”.") % {"query": query}
    return results


def _checked(user, kind, hits):
    """The hits whose object this person may open, by the same rule as its page, with links."""
    source = SOURCES[kind]
    objects = source.objects([h.object_id for h in hits]).in_bulk()
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
