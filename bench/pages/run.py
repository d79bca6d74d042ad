"""Server time of the three slow pages of the load bench, cold and warm cache, with queries.

    .venv/bin/python bench/pages/run.py [--scale 1.0] [--requests 50] [--json FILE]

Builds one network with bench/load's generator (its NETWORKS and REPORT_NETWORKS set to 1)
into a throwaway SQLite database: at scale 1, the size of one network of the load bench
(200 key moments, 120 of them published, 400 sheets, a third published, 3 eras, 20
organisations, a published report version). Then,
in this process through django.test.Client (no HTTP server, so only Django's own time):

- the public timeline /<network>/timeline/, anonymous and as the coordinator;
- the sheets list /<network>/sheets/, anonymous and as the coordinator (who sees them all);
- the published report version /<network>/report/v/1/, anonymous.

Each page is requested --requests times with the cache emptied before every request
("cold") and then --requests times after one request filled it ("warm"). Printed: median
and 95th percentile in milliseconds, and the number of SQL queries of one request.
Timings depend on the machine: compare runs made on the same one.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "load"))


def setup(tmp):
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/pages.sqlite3"
    os.environ["CARNET_VAR_DIR"] = str(tmp)
    os.environ["CARNET_MEDIA_ROOT"] = str(Path(tmp) / "media")
    os.environ["CARNET_SECRET_KEY"] = "bench-only"
    os.environ["CARNET_ALLOWED_HOSTS"] = "testserver"
    os.environ["CARNET_HTTPS"] = "false"
    os.environ["CARNET_DEBUG"] = "false"
    os.environ.pop("CARNET_REDIS_URL", None)  # the local-memory cache of one process
    os.environ["DJANGO_SETTINGS_MODULE"] = "carnet.settings"
    import django

    django.setup()


def build(scale, seed, tmp):
    import generate
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)  # hashed names, as served
    generate.NETWORKS = 1
    generate.REPORT_NETWORKS = 1
    started = time.perf_counter()
    manifest = generate.generate(scale, seed, str(Path(tmp) / "manifest.json"), out=lambda *a: 0)
    return manifest, time.perf_counter() - started


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, round(share * (len(values) - 1)))]


def measure(client, url, n, *, cold):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    if not cold:
        cache.clear()
        client.get(url)
    for _ in range(n):
        if cold:
            cache.clear()
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return {
        "median": statistics.median(times),
        "p95": percentile(times, 0.95),
        "queries": len(queries),
        "bytes": len(response.content),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--json", help="Also write the results to this file.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="carnet-bench-pages-") as tmp:
        setup(tmp)
        manifest, seconds = build(args.scale, args.seed, tmp)
        from django.contrib.auth import get_user_model
        from django.test import Client

        from carnet.practices.models import Sheet
        from carnet.timeline.models import Milestone

        slug = manifest["networks"][0]["slug"]
        coordinator = get_user_model().objects.get(username="coord00")
        anonymous, member = Client(), Client()
        member.force_login(coordinator)
        pages = [
            ("timeline", "anonymous", anonymous, f"/{slug}/timeline/"),
            ("timeline", "coordinator", member, f"/{slug}/timeline/"),
            ("sheets list", "anonymous", anonymous, f"/{slug}/sheets/"),
            ("sheets list", "coordinator", member, f"/{slug}/sheets/"),
            ("report version", "anonymous", anonymous, f"/{slug}/report/v/1/"),
        ]
        rows = []
        for name, who, client, url in pages:
            for cold in (True, False):
                result = measure(client, url, args.requests, cold=cold)
                rows.append({"page": name, "as": who, "cache": "cold" if cold else "warm",
                             **result})  # fmt: skip
        milestones = Milestone.objects.count()
        published = Milestone.objects.filter(state="published").count()
        sheets = Sheet.objects.count()

    print(
        f"One network at scale {args.scale}: {milestones} key moments ({published} published), "
        f"{sheets} sheets; built in {seconds:.0f} s. SQLite, {args.requests} requests per "
        f"row, django.test.Client in one process; Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs."
    )
    print()
    print("| page | as | cache | median ms | p95 ms | queries | KiB |")
    print("|---|---|---|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['page']} | {r['as']} | {r['cache']} | {r['median']:.1f} | {r['p95']:.1f} "
            f"| {r['queries']} | {r['bytes'] / 1024:.0f} |"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
