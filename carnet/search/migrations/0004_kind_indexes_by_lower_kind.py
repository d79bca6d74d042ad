"""PostgreSQL: each kind's GIN index again, its predicate `lower(kind) = '…'` instead of
`kind = '…'`, and statistics on `lower(kind)` (carnet.search.engine.gin_kind says why: with
`kind = '…'` in a query, the planner could read a kind through the B-tree indexes that start
with the kind and test each row's words, 10-30 times slower for a common prefix on a table not
yet vacuumed). SQLite: nothing (its FTS5 table is the index).

The SQL is written out here as it was when this migration was made, not read from
carnet.search.engine (see 0003)."""

from django.db import migrations

KINDS = ("sheet", "learning", "moment", "interview", "document", "session", "chapter", "comment")
OLD = [f"DROP INDEX IF EXISTS search_entry_search_{kind}" for kind in KINDS]
INDEXES = {
    f"search_entry_words_{kind}": (
        f"CREATE INDEX IF NOT EXISTS search_entry_words_{kind} ON search_entry "
        f"USING GIN (search) WHERE lower(kind) = '{kind}'"
    )
    for kind in KINDS
}
STATISTICS = (
    "CREATE STATISTICS IF NOT EXISTS search_entry_kind_lower ON (lower(kind)) FROM search_entry"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for statement in [*OLD, *INDEXES.values(), STATISTICS, "ANALYZE search_entry"]:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_search_pairs_and_kind_indexes")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
