"""PostgreSQL: the network search's walk down a kind's newest rows (`_postgres_newest`), two
ways, on the database kept by `bench/search/network.py --engine postgres --keep DIR` (its
BENCH_PG database).

- "join": the newest rows' ids from the index alone, joined again to the table by id to test
  each row's tsvector and the person's rules (what the search did before 2026-12-05);
- "index": each row read through the index's own pointer and tested there
  (`carnet.search.engine._walk_sql`).

Both go through the search's `_postgres_newest`, only the walk's statement differs. Both are
run one after the other, `--repeat` times each, per word, kind and person, each
inside the search's own settings and with its fallback when the walk finds too few; their
medians are printed, and the ids found must agree.

    .venv/bin/python bench/search/walk.py
    BENCH_PG=postgres://postgres@127.0.0.1:5432/carnet_bench_final .venv/bin/python \
        bench/search/walk.py --repeat 15
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.machine import cpu_model  # noqa: E402

PG_URL = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432/carnet_bench_search2")
# Common words of the bench (in most rows), common prefixes, and made-up words in 2-15% of a
# kind's rows: the walk reads about CANDIDATES / share rows.
WORDS = ["caritas", "traffick", "coor", "rialek", "allanmior", "mishgrasto", "vetasul"]
KINDS = ["sheet", "learning", "moment", "document"]


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def join_walk_sql(wheres, tsquery, network):
    """The walk's statement as it was until 2026-12-05 (`_walk_sql`'s part of
    `_postgres_newest` at `2f75dd6`): its SQL and params."""
    from carnet.search import engine

    table = '"search_entry"'
    selects, params = [], []
    for kind, (where, where_params) in wheres.items():
        selects.append(
            f"(SELECT {table}.kind, {table}.id FROM ("
            f"SELECT n.id, n.kind FROM {table} n WHERE n.network_id = %s "
            "AND n.kind BETWEEN %s AND %s ORDER BY n.kind, n.id DESC LIMIT %s"
            f") newest JOIN {table} ON {table}.id = newest.id "
            f"WHERE {table}.search @@ {tsquery.sql} AND {where} "
            "ORDER BY newest.kind, newest.id DESC LIMIT %s)"
        )
        params += [network.pk, kind, kind, engine.WALK, *tsquery.params, *where_params]
        params.append(engine.CANDIDATES)
    return " UNION ALL ".join(selects), params


def walk_with(statement):
    """`_postgres_newest` (its settings and its fallback) with the walk's statement given."""
    from carnet.search import engine

    def walk(wheres, tsquery, network):
        current = engine._walk_sql
        engine._walk_sql = statement
        try:
            return engine._postgres_newest(wheres, tsquery, network)
        finally:
            engine._walk_sql = current

    return walk


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = PG_URL
    os.environ.setdefault("CARNET_SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carnet.settings")
    import django

    django.setup()
    from django.db import transaction

    from carnet.accounts.models import User
    from carnet.networks.models import Network
    from carnet.search import engine

    network = Network.objects.get(slug="bench")
    languages = engine.languages_for(network)
    print(f"machine: nproc={os.cpu_count()} cpu={cpu_model()} engine=postgres")
    print(f"{'word':<11} {'kind':<9} {'person':<12} {'join ms':>8} {'index ms':>9}")
    for word in WORDS:
        terms = [[word]]
        for username in ("coordinator", "partner"):
            user = User.objects.get(username=username)
            timings = {"join": [], "index": []}
            with transaction.atomic(), engine._settings(enable_seqscan="off", jit="off"):
                whole = engine.whole_words(terms, languages, settled=True)
                tsquery = engine.postgres_tsquery(terms, languages, whole)
                scoped = engine.scopes(user, network, {})
                for kind in KINDS:
                    wheres = {kind: engine._where(scoped[kind])}
                    ways = [
                        ("join", walk_with(join_walk_sql)),
                        ("index", walk_with(engine._walk_sql)),
                    ]
                    found = {}
                    for name in timings:
                        timings[name] = []
                    for _ in range(args.repeat):
                        for name, walk in ways:
                            begin = time.perf_counter()
                            found[name] = walk(wheres, tsquery, network)
                            timings[name].append((time.perf_counter() - begin) * 1000)
                    assert found["join"] == found["index"], (word, kind, username)
                    print(
                        f"{word:<11} {kind:<9} {username:<12} {median(timings['join']):>8.2f} "
                        f"{median(timings['index']):>9.2f}"
                    )


if __name__ == "__main__":
    main()
