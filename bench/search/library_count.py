"""The public library's count of a kind's matches, two ways, on a database kept by
`bench/search/network.py --keep DIR` (PostgreSQL: its BENCH_PG database; SQLite: DIR's file).

- "rows": the kind's published rows with `pk IN (matches)`, counted (`Part.rows.count()`,
  what the library did before 2026-12-05, and still does on SQLite);
- "matches": the matches counted from their side, each tested against the published rows'
  ids (`carnet.commons.domain._matches_among`, PostgreSQL only).

Both are run one after the other, `--repeat` times each per word and kind, inside the library's
own settings (`domain.reading()`); their medians and the counts (which must agree) are printed.

    .venv/bin/python bench/search/library_count.py --engine postgres
    .venv/bin/python bench/search/library_count.py --engine sqlite --keep /tmp/bench
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
# Common prefixes (most sheets), a whole word, rare prefixes of the bench's made-up words.
WORDS = ["cari", "traffick", "ministry", "orshvez", "nive", "ekek"]


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--keep", default="/tmp/bench", help="network.py's --keep (SQLite)")
    parser.add_argument("--repeat", type=int, default=25)
    args = parser.parse_args()
    if args.engine == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(args.keep) / 'bench-1.0.sqlite3'}"
    else:
        os.environ["DATABASE_URL"] = PG_URL
    os.environ.setdefault("CARNET_SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carnet.settings")
    import django

    django.setup()
    from carnet.commons import domain

    print(f"machine: nproc={os.cpu_count()} cpu={cpu_model()} engine={args.engine}")
    print(f"{'word':<10} {'kind':<7} {'count':>6} {'rows ms':>8} {'matches ms':>11}")
    with domain.reading():
        for word in WORDS:
            filters = domain.Filters(q=word)
            publications = domain.publications(filters)
            for kind, part in zip((domain.SHEET, domain.MOMENT), publications.parts, strict=False):
                timings = {"rows": [], "matches": []}
                counts = {}
                ways = [("rows", part.rows.count)]
                if part.counted is not None:  # PostgreSQL
                    ways.append(("matches", part.counted))
                for _ in range(args.repeat):
                    for name, count in ways:
                        begin = time.perf_counter()
                        counts[name] = count()
                        timings[name].append((time.perf_counter() - begin) * 1000)
                if "matches" in counts:
                    assert counts["matches"] == counts["rows"], (word, kind, counts)
                matches = timings["matches"] or None
                print(
                    f"{word:<10} {kind:<7} {counts['rows']:>6} {median(timings['rows']):>8.1f} "
                    + (f"{median(matches):>11.1f}" if matches else f"{'(rows)':>11}")
                )


if __name__ == "__main__":
    main()
