"""Full-text search of the document library, one interface over two engines.

SQLite: an FTS5 table kept in step with the documents' table by triggers.
PostgreSQL: a generated tsvector column with a GIN index.
Both use language-neutral tokenising (partners write in many languages).

The query people type is never handed to the engine as is: it is parsed into words
and "quoted phrases", all other characters dropped, so quotes, operators and odd
characters give results or a clear message, never a server error.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from carnet.lib.textsearch import parse

TABLE = "capitalisation_document"  # its name from when the library was in capitalisation
FTS = "capitalisation_document_fts"
START, STOP = "\x02", "\x03"

SQLITE_SETUP = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(
        title, tags, text, content='{TABLE}', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_fts_ai AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {FTS}(rowid, title, tags, text) VALUES (new.id, new.title, new.tags, new.text);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_fts_ad AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title, tags, text)
        VALUES ('delete', old.id, old.title, old.tags, old.text);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_fts_au AFTER UPDATE ON {TABLE} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title, tags, text)
        VALUES ('delete', old.id, old.title, old.tags, old.text);
        INSERT INTO {FTS}(rowid, title, tags, text) VALUES (new.id, new.title, new.tags, new.text);
    END""",
]

POSTGRES_SETUP = [
    f"""ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(tags, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(text, '')), 'B')) STORED""",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_search ON {TABLE} USING GIN (search)",
]


def install(using=None, **kwargs):
    """Create the search index if missing (run after every migrate; idempotent).

    On SQLite, a migration that rebuilds the documents table drops the triggers: they
    are created again here, and the index rebuilt from the table.
    """
    from django.db import connections

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
            for statement in POSTGRES_SETUP:
                cursor.execute(statement)


@dataclass
class Hit:
    document_id: int
    rank: float
    snippet: str
    document: object = None


@dataclass
class Results:
    query: str
    hits: list = field(default_factory=list)
    message: str = ""


def _mark(text):
    return mark_safe(escape(text or "").replace(START, "<mark>").replace(STOP, "</mark>"))


def _sqlite(network_id, terms, limit):
    match = " ".join('"' + " ".join(words) + '"' for words in terms)
    sql = (
        f"SELECT d.id, bm25({FTS}, 10.0, 10.0, 1.0) AS rank, "
        f"snippet({FTS}, 2, %s, %s, '…', 24) "
        f"FROM {FTS} JOIN {TABLE} d ON d.id = {FTS}.rowid "
        f"WHERE {FTS} MATCH %s AND d.network_id = %s ORDER BY rank, d.id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [START, STOP, match, network_id, limit])
        return [Hit(row[0], -row[1], _mark(row[2])) for row in cursor.fetchall()]


def _postgres(network_id, terms, limit):
    tsquery = " & ".join("(" + " <-> ".join(words) + ")" for words in terms)
    options = f"StartSel={START}, StopSel={STOP}, MaxFragments=2, MaxWords=30, MinWords=12"
    sql = (
        "SELECT id, rank, ts_headline('simple', text, q, %s) FROM ("
        f"SELECT d.id, d.text, ts_rank_cd(d.search, q) AS rank, q FROM {TABLE} d, "
        "to_tsquery('simple', %s) q WHERE d.network_id = %s AND d.search @@ q "
        "ORDER BY rank DESC, d.id LIMIT %s) s ORDER BY rank DESC, id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [options, tsquery, network_id, limit])
        return [Hit(row[0], float(row[1]), _mark(row[2])) for row in cursor.fetchall()]


def search(network, query, *, limit=30, with_documents=True):
    """Documents of a network matching the query, best first, with highlighted snippets."""
    from .models import Document

    results = Results(query=query or "")
    terms = parse(query)
    if not terms:
        if (query or "").strip():
            results.message = _("Type words to search for; punctuation alone finds nothing.")
        return results
    engine = _postgres if connection.vendor == "postgresql" else _sqlite
    results.hits = engine(network.pk, terms, limit)
    if with_documents and results.hits:
        documents = Document.objects.select_related("organisation", "network").in_bulk(
            [hit.document_id for hit in results.hits]
        )
        for hit in results.hits:
            hit.document = documents.get(hit.document_id)
    if not results.hits:
        results.message = _("No document matches “%(query)s”.") % {"query": query}
    return results
