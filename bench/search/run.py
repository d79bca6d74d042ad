"""Search latency of the document library: median and 95th percentile.

10,000 generated documents of about 500 words each (about 5 million words), on SQLite
(FTS5) and on PostgreSQL (tsvector + GIN), through carnet.library.search.search(),
the function the library page calls (ranking, snippets, documents fetched).

    .venv/bin/python bench/search/run.py                 # both engines
    .venv/bin/python bench/search/run.py --engine sqlite
    BENCH_PG=postgres://postgres@127.0.0.1:5432/carnet_bench_search .venv/bin/python ...

Each engine runs in its own process (Django settings are per process).
"""

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.machine import cpu_model  # noqa: E402

PG_URL = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432/carnet_bench_search")
DOCUMENTS = 10_000
WORDS_PER_DOCUMENT = 500
QUERIES = 300
SEED = 20191127

REAL = (
    "trafficking network partner caritas advocacy prevention victims identification "
    "ministry security coordinator training workshop capitalisation interview memorandum "
    "migration funding visibility authorities cooperation geneva nations research report"
).split()


def vocabulary(rng, size=30_000):
    syllables = [
        "ka",
        "ri",
        "tas",
        "ne",
        "to",
        "vo",
        "lan",
        "pre",
        "mi",
        "gra",
        "sto",
        "ve",
        "du",
        "or",
        "al",
        "ba",
        "ni",
        "sh",
        "ek",
        "zo",
        "ul",
        "rin",
        "tra",
        "fik",
    ]
    words = set(REAL)
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def corpus(rng, words):
    # Zipf-like: a few words are very common, most are rare (as in real text).
    weights = [1 / (rank + 1) for rank in range(len(words))]
    rng.shuffle(words)
    for index in range(DOCUMENTS):
        body = rng.choices(words, weights=weights, k=WORDS_PER_DOCUMENT)
        yield f"Report {index} {rng.choice(REAL)}", " ".join(body)


def queries(rng, words):
    common, rare = words[:50], words[5_000:]
    items = []
    for index in range(QUERIES):
        kind = index % 4
        if kind == 0:
            items.append(rng.choice(common))
        elif kind == 1:
            items.append(rng.choice(rare))
        elif kind == 2:
            items.append(f"{rng.choice(common)} {rng.choice(common)}")
        else:
            items.append(f'"{rng.choice(common)} {rng.choice(common)}"')
    return items


def run_engine(engine):
    if engine == "sqlite":
        folder = tempfile.mkdtemp(prefix="carnet-bench-search-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    else:
        import psycopg

        base, name = PG_URL.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = PG_URL
    os.environ.setdefault("CARNET_SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carnet.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from carnet.library.models import Document
    from carnet.library.search import search
    from carnet.networks.models import Network

    call_command("migrate", verbosity=0)
    network = Network.objects.create(name="Bench", slug="bench")
    rng = random.Random(SEED)
    words = vocabulary(rng)
    started = time.perf_counter()
    total_words = 0
    batch = []
    with transaction.atomic():
        for title, text in corpus(rng, list(words)):
            total_words += WORDS_PER_DOCUMENT
            batch.append(Document(network=network, title=title, text=text, extraction="done"))
            if len(batch) == 500:
                Document.objects.bulk_create(batch)
                batch = []
        Document.objects.bulk_create(batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE capitalisation_document")
    load_seconds = time.perf_counter() - started
    items = queries(random.Random(SEED + 1), sorted(words, key=lambda w: w not in REAL))
    for query in items[:20]:  # warm the caches
        search(network, query)
    timings, hits = [], []
    for query in items:
        begin = time.perf_counter()
        results = search(network, query)
        timings.append((time.perf_counter() - begin) * 1000)
        hits.append(len(results.hits))
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"{engine:<10} documents={Document.objects.count()} words={total_words} "
        f"load={load_seconds:.1f}s queries={len(items)} median={statistics.median(timings):.1f}ms "
        f"p95={p95:.1f}ms max={timings[-1]:.1f}ms mean_hits={statistics.mean(hits):.1f}"
    )
    if engine == "postgres":
        connection.close()


def machine():
    cpu = cpu_model()
    return f"machine: nproc={os.cpu_count()} cpu={cpu} python={platform.python_version()}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgres"])
    args = parser.parse_args()
    if args.engine:
        run_engine(args.engine)
        return
    print(machine())
    print(
        f"corpus: {DOCUMENTS} documents x {WORDS_PER_DOCUMENT} words; {QUERIES} queries "
        "(1 common word, 1 rare word, 2 common words, a 2-word phrase; 30 results each)"
    )
    for engine in ("sqlite", "postgres"):
        subprocess.run([sys.executable, __file__, "--engine", engine], check=True, timeout=1200)


if __name__ == "__main__":
    main()
