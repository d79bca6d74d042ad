"""Time to preview and apply a spreadsheet source (carnet.timeline.sources.apply): what
"Confirm and apply" does in its request for up to APPLY_IN_REQUEST moments, and the worker
for a larger source.

    .venv/bin/python bench/timeline/apply.py [--rows 500,5000] [--database sqlite|postgres]

For each size: an XLSX of that many rows (the TimelineJS template's columns) is added to
an empty network (`add_file`: read and checked), previewed, applied (every moment created,
logged and indexed for search), then a newer version with one changed row is previewed
and applied. A fresh database each time: SQLite in a temporary folder, or PostgreSQL
(`BENCH_PG`, default postgres://postgres@127.0.0.1:5432/carnet_bench_apply, dropped and
created by the script).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432/carnet_bench_apply")


def setup(database, tmp):
    sys.path.insert(0, str(ROOT))
    url = f"sqlite:///{tmp / 'bench.sqlite3'}" if database == "sqlite" else PG_URL
    if database == "postgres":
        name = PG_URL.rsplit("/", 1)[1]
        admin = PG_URL.rsplit("/", 1)[0] + "/postgres"
        subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
        subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="carnet.settings",
        CARNET_SECRET_KEY="bench-only",
        CARNET_DEBUG="false",
        CARNET_VAR_DIR=str(tmp),
        CARNET_MEDIA_ROOT=str(tmp / "media"),
        DATABASE_URL=url,
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def measure(rows):
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile

    from carnet.lib.spreadsheets import xlsx_bytes
    from carnet.networks.models import Network
    from carnet.timeline import sources

    by = get_user_model().objects.create(username=f"bench{rows}", email=f"b{rows}@example.org")
    network = Network.objects.create(slug=f"bench-{rows}", name=f"Bench {rows}")
    table = [["Year", "Month", "Day", "Headline", "Text", "Unique ID"]] + [
        [2000 + i % 20, 1 + i % 12, 1 + i % 28, f"Moment {i}", "<p>Two sentences. Of text.</p>",
         f"m{i}"]
        for i in range(rows)
    ]  # fmt: skip

    def upload():
        return SimpleUploadedFile("sheet.xlsx", xlsx_bytes(table, title="Timeline"))

    source, added = timed(sources.add_file, network, upload(), by=by)
    plan, previewed = timed(sources.preview, source)
    assert len(plan.created) == rows
    _plan, applied = timed(sources.apply, source, digest=source.digest, by=by)
    table[1][3] = "Moment 0, changed"
    source, _added = timed(sources.add_file, network, upload(), by=by)
    plan, previewed_again = timed(sources.preview, source)
    assert len(plan.changed) == 1
    _plan, applied_again = timed(sources.apply, source, digest=source.digest, by=by)
    return added, previewed, applied, previewed_again, applied_again


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", default="500,5000")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="carnet-bench-apply-"))
    setup(args.database, tmp)
    print(f"{args.database}: seconds (wall clock)")
    print("| rows | add (read, check) | preview | apply | preview, one row changed | apply it |")
    print("|---:|---:|---:|---:|---:|---:|")
    for rows in (int(r) for r in args.rows.split(",")):
        figures = measure(rows)
        print(f"| {rows} | " + " | ".join(f"{s:.2f}" for s in figures) + " |", flush=True)


if __name__ == "__main__":
    main()
