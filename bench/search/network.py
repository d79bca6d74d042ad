"""Latency of the network search (carnet.search) over a large network: p50 / p95 / p99.

One network holding the load bench's large instance's content (issue 18): 10,000
documents, 20,000 sheets, 50,000 learnings, 10,000 key moments (plus one French
translation for every tenth moment), generated with bulk_create (no signals), then the
whole index written by `carnet.search.index.rebuild()` (the `search_reindex` command):
that is the full re-index time. Then:

- queries through `carnet.search.engine.search()`, the function the page calls
  (scope by the person's rules, capped counts, ranking of bounded candidates, grouping by
  kind, snippets, shown objects fetched and checked one by one): a fifth each of one
  common word, one rare word, two common words, a two-word phrase, the first four letters
  of a common word (typing); half as the coordinator, half as a partner editor (whose
  sheets go through Sheet.visible_to);
- the public library's page, `/library/` (the network is published and listed), through
  the test client: the newest publications, by kind or theme, and the same queries, some
  with kind and language;
- indexing one new sheet version: `practices.domain.save_version()` (the sheet's UPDATE,
  its version row, the index row written by the signal), and the index write alone.

    .venv/bin/python bench/search/network.py                       # both engines
    .venv/bin/python bench/search/network.py --engine sqlite --scale 0.1
    .venv/bin/python bench/search/network.py --keep /tmp/bench   # keep (then reuse) the databases
    .venv/bin/python bench/search/network.py --keep /tmp/bench --queries 60 \
        --search-from old_engine.py    # another version of carnet.search.engine, same data
    BENCH_PG=postgres://postgres@127.0.0.1:5432/carnet_bench_search2 ...

The PostgreSQL database is dropped and created by the script, and dropped at the end
(unless --keep).
Each engine runs in its own process (Django settings are per process).
"""

import argparse
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.machine import cpu_model  # noqa: E402

PG_URL = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432/carnet_bench_search2")
SIZES = {"documents": 10_000, "sheets": 20_000, "learnings": 50_000, "moments": 10_000}
WORDS = {"documents": 300, "sheets": 150, "learnings": 25, "moments": 40}
QUERIES = 300  # --queries
VERSIONS = 30
SEED = 20191127
TARGET_MS = 50
THEMES = ["prevention", "support", "advocacy", "partnerships", "training", "research"]

REAL = (
    "trafficking network partner caritas advocacy prevention victims identification "
    "ministry security coordinator training workshop capitalisation interview memorandum "
    "migration funding visibility authorities cooperation geneva nations research report "
    "shelter hotline trainings social workers"
).split()
SYLLABLES = (
    "ka ri tas ne to vo lan pre mi gra sto ve du or al ba ni sh ek zo ul rin tra fik".split()
)


def vocabulary(rng, size=30_000):
    words = set(REAL)
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    ordered = sorted(words)
    rng.shuffle(ordered)
    # The real words are the most common ones (Zipf: the first words are the commonest).
    return REAL + [w for w in ordered if w not in REAL]


def texts(rng, words, count, length):
    weights = [1 / (rank + 1) for rank in range(len(words))]
    for _ in range(count):
        yield " ".join(rng.choices(words, weights=weights, k=length))


def queries(rng, words, count=QUERIES):
    common, rare = words[:60], words[5_000:]
    items = []
    for index in range(count):
        kind = index % 5
        if kind == 0:
            items.append(rng.choice(common))
        elif kind == 1:
            items.append(rng.choice(rare))
        elif kind == 2:
            items.append(f"{rng.choice(common)} {rng.choice(common)}")
        elif kind == 3:
            items.append(f'"{rng.choice(common)} {rng.choice(common)}"')
        else:
            items.append(rng.choice([w for w in common if len(w) > 5])[:4])
    return items


def percentile(sorted_values, share):
    index = max(0, min(len(sorted_values) - 1, round(share * len(sorted_values)) - 1))
    return sorted_values[index]


def fresh_postgres():
    import psycopg

    base, name = PG_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def postgres_exists():
    import psycopg

    base, name = PG_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        return bool(conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone())


def drop_postgres():
    import psycopg

    base, name = PG_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def generate(scale, rng, words):
    import datetime

    from django.db import transaction

    from carnet.accounts.enums import RoleKind
    from carnet.accounts.models import Role, User
    from carnet.capitalisation.models import Learning
    from carnet.library.models import Document
    from carnet.networks.models import Membership, Network, Organisation
    from carnet.practices import domain as practices
    from carnet.practices.models import Sheet
    from carnet.timeline.models import Milestone, MilestoneTranslation

    sizes = {k: max(1, int(v * scale)) for k, v in SIZES.items()}
    # Published and in the public library, so /library/ lists its published items too.
    network = Network.objects.create(
        name="Bench", slug="bench", languages="en, fr", is_published=True, in_public_library=True
    )
    organisations = []
    for index in range(20):
        organisation = Organisation.objects.create(name=f"Organisation {index}", country="AL")
        Membership.objects.create(
            network=network, organisation=organisation, joined_on=datetime.date(2011, 1, 1)
        )
        organisations.append(organisation)
    coordinator = User.objects.create(username="coordinator")
    Role.objects.create(user=coordinator, network=network, kind=RoleKind.COORDINATOR)
    partner = User.objects.create(username="partner")
    Role.objects.create(
        user=partner,
        network=network,
        kind=RoleKind.PARTNER_EDITOR,
        organisation=organisations[0],
    )
    template = practices.template_for(network)
    batch = 1000

    def bulk(model, rows):
        for start in range(0, len(rows), batch):
            model.objects.bulk_create(rows[start : start + batch])

    states = ["draft", "submitted", "published"]
    with transaction.atomic():
        bulk(
            Document,
            [
                Document(
                    network=network,
                    organisation=organisations[i % 20],
                    title=f"Report {i} {rng.choice(REAL)}",
                    text=text,
                    extraction="done",
                    date=datetime.date(2010 + i % 15, 1 + i % 12, 1),
                )
                for i, text in enumerate(texts(rng, words, sizes["documents"], WORDS["documents"]))
            ],
        )
        bulk(
            Sheet,
            [
                Sheet(
                    network=network,
                    template=template,
                    organisation=organisations[i % 20],
                    slug=f"sheet-{i}",
                    title=f"Sheet {i} {rng.choice(REAL)}",
                    country="AL",
                    language="en",
                    state=states[i % 3],
                    open_to_peers=i % 2 == 0,
                    themes=[THEMES[i % len(THEMES)], THEMES[(i // 7) % len(THEMES)]],
                    content={"summary": text[:400], "activities": text[400:]},
                )
                for i, text in enumerate(texts(rng, words, sizes["sheets"], WORDS["sheets"]))
            ],
        )
        bulk(
            Learning,
            [
                Learning(network=network, statement=text, category="coordination")
                for text in texts(rng, words, sizes["learnings"], WORDS["learnings"])
            ],
        )
        bulk(
            Milestone,
            [
                Milestone(
                    network=network,
                    slug=f"moment-{i}",
                    title=f"Moment {i} {rng.choice(REAL)}",
                    text=text,
                    start_date=datetime.date(2000 + i % 25, 1 + i % 12, 1),
                    state="published" if i % 2 else "proposed",
                )
                for i, text in enumerate(texts(rng, words, sizes["moments"], WORDS["moments"]))
            ],
        )
        moments = list(Milestone.objects.filter(network=network).values_list("pk", flat=True))
        bulk(
            MilestoneTranslation,
            [
                MilestoneTranslation(
                    milestone_id=pk, language="fr", title=f"Moment {pk}", text=text
                )
                for pk, text in zip(
                    moments[::10],
                    texts(rng, words, len(moments[::10]), WORDS["moments"]),
                    strict=True,
                )
            ],
        )
    return network, coordinator, partner, sizes


def search_module(path):
    """The module whose search() is measured: carnet.search.engine, or a file (an older
    version of it, to measure before and after a change on the same database)."""
    if not path:
        from carnet.search import engine

        return engine
    import importlib.util

    # Named inside carnet.search, so that its relative imports (`from .models import …`) work.
    spec = importlib.util.spec_from_file_location("carnet.search.bench_engine", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_engine(engine, scale, keep="", count=QUERIES, search_from=""):
    """keep: a folder where the SQLite database is kept (and the PostgreSQL one not dropped);
    when it already holds the generated content, generation and re-index are skipped."""
    reuse = False
    if engine == "sqlite":
        folder = keep or tempfile.mkdtemp(prefix="carnet-bench-search2-")
        path = Path(folder) / f"bench-{scale}.sqlite3"
        reuse = path.exists()
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        reuse = bool(keep) and postgres_exists()
        if not reuse:
            fresh_postgres()
        os.environ["DATABASE_URL"] = PG_URL
    os.environ.setdefault("CARNET_SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carnet.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from carnet.practices import domain as practices
    from carnet.practices.models import Sheet
    from carnet.search import index
    from carnet.search.models import Entry

    call_command("migrate", verbosity=0)
    rng = random.Random(SEED)
    words = vocabulary(rng)
    if reuse:
        from carnet.accounts.models import User
        from carnet.networks.models import Network

        network = Network.objects.get(slug="bench")
        coordinator = User.objects.get(username="coordinator")
        partner = User.objects.get(username="partner")
        sizes = {k: max(1, int(v * scale)) for k, v in SIZES.items()}
        generated = reindex = 0.0
        entries = Entry.objects.count()
    else:
        started = time.perf_counter()
        network, coordinator, partner, sizes = generate(scale, rng, words)
        generated = time.perf_counter() - started

        started = time.perf_counter()
        entries = index.rebuild()
        reindex = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Every table vacuumed and analysed, as autovacuum would have by then (after so
            # many inserts): the tables' visibility maps set, so that index-only scans read no
            # row. Only ANALYZE before 2026-12-05: autovacuum might or might not have run by
            # the time of the queries, and the planner's choices differed with it.
            cursor.execute("VACUUM ANALYZE")

    search_engine = search_module(search_from)
    items = queries(random.Random(SEED + 1), words, count)
    people = [coordinator, partner]
    for query in items[:20]:  # warm the caches
        search_engine.search(coordinator, network, query)
    timings, totals = [], []
    for number, query in enumerate(items):
        user = people[number % 2]
        begin = time.perf_counter()
        results = search_engine.search(user, network, query)
        timings.append((time.perf_counter() - begin) * 1000)
        totals.append(results.total)
    timings.sort()
    library = library_timings(items)

    sheet = Sheet.objects.filter(network=network, organisation__name="Organisation 0").first()
    saves, writes = [], []
    for number in range(VERSIONS):
        content = {"summary": f"Version {number}: " + " ".join(rng.choices(words[:3000], k=150))}
        begin = time.perf_counter()
        practices.save_version(sheet, by=partner, content=content, base_revision=sheet.revision)
        saves.append((time.perf_counter() - begin) * 1000)
        sheet.refresh_from_db()
        begin = time.perf_counter()
        index.refresh(sheet)
        writes.append((time.perf_counter() - begin) * 1000)
    saves.sort()
    writes.sort()
    line = (
        f"{engine:<9} entries={entries} generate={generated:.0f}s reindex={reindex:.1f}s "
        f"queries={len(items)} p50={percentile(timings, 0.5):.1f}ms "
        f"p95={percentile(timings, 0.95):.1f}ms p99={percentile(timings, 0.99):.1f}ms "
        f"max={timings[-1]:.1f}ms mean_results={sum(totals) / len(totals):.0f} "
        f"sheet_version_p50={percentile(saves, 0.5):.1f}ms "
        f"sheet_version_p95={percentile(saves, 0.95):.1f}ms "
        f"index_write_p50={percentile(writes, 0.5):.1f}ms"
    )
    print(line, flush=True)
    print(
        f"{engine:<9} library: pages={len(library)} p50={percentile(library, 0.5):.1f}ms "
        f"p95={percentile(library, 0.95):.1f}ms p99={percentile(library, 0.99):.1f}ms "
        f"max={library[-1]:.1f}ms",
        flush=True,
    )
    print(f"{engine:<9} sizes={sizes} reused={reuse} search={search_from or 'current'}", flush=True)
    connection.close()
    if engine == "postgres" and not keep:
        drop_postgres()


def library_timings(items):
    """The public library's page (/library/) as its view computes it, through the test client:
    a third without a query (the newest publications, a filter by kind or theme), two thirds
    with the bench's queries, some with the sheets' theme or a language."""
    from django.conf import settings
    from django.test import Client, override_settings

    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(ALLOWED_HOSTS=["testserver"], STORAGES=storages):
        return _library_timings(Client(), items)


def _library_timings(client, items):
    variants = [{}, {"kind": "sheet"}, {"kind": "moment"}, {"theme": "prevention"}]
    asked = []
    for number, query in enumerate(items):
        if number % 3 == 0:
            asked.append(variants[(number // 3) % len(variants)])
        elif number % 3 == 1:
            asked.append({"q": query.strip('"')})
        else:
            asked.append({"q": query.strip('"'), "kind": "sheet", "language": "en"})
    for params in asked[:10]:  # warm the caches
        client.get("/library/", params, secure=True)
    timings = []
    for params in asked:
        begin = time.perf_counter()
        response = client.get("/library/", params, secure=True)
        timings.append((time.perf_counter() - begin) * 1000)
        assert response.status_code == 200, (params, response.status_code)
    return sorted(timings)


def machine():
    return f"machine: nproc={os.cpu_count()} cpu={cpu_model()} python={platform.python_version()}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgres"])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the issue's sizes")
    parser.add_argument(
        "--keep",
        default="",
        help="folder keeping the SQLite database (and the PostgreSQL one): a 2nd run reuses both",
    )
    parser.add_argument("--queries", type=int, default=QUERIES)
    parser.add_argument(
        "--search-from", default="", help="a file holding another version of carnet.search.engine"
    )
    args = parser.parse_args()
    if args.engine:
        run_engine(args.engine, args.scale, args.keep, args.queries, args.search_from)
        return
    print(machine())
    print(
        f"content x{args.scale}: {SIZES} (words each: {WORDS}); {args.queries} queries; "
        f"{VERSIONS} sheet versions; target p95 < {TARGET_MS} ms"
    )
    for engine in ("sqlite", "postgres"):
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--engine",
                engine,
                "--scale",
                str(args.scale),
                "--keep",
                args.keep,
                "--queries",
                str(args.queries),
                "--search-from",
                args.search_from,
            ],
            check=True,
            timeout=3600,
        )


if __name__ == "__main__":
    main()
