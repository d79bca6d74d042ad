"""Carnet's public timeline against TimelineJS 3.9.11, with the same data.

    .venv/bin/python bench/timeline/run.py [--sizes 50,500,5000] [--runs 3] [--phone]

For 50, 500 and 5,000 events: Carnet's page (rendered by Django from a throwaway SQLite
database, then served as files) and TimelineJS fed with Carnet's own TimelineJS JSON
export (/<network>/timeline.json), both served gzip-compressed by one local server on
127.0.0.1 and loaded in headless Chromium (Debian's, through Playwright), fresh cache
each time. Any request to another host is blocked and counted.

Measured (median of the runs): bytes transferred (gzip, headers included; the Carnet page
with every static file it asks for), first contentful paint, time until the timeline is
navigable, the time of one "next" (click until the next frame after the change: the first,
right after navigable, and the median of five more once the page has settled), the JS
heap after load (after a garbage collection), and the longest task before the timeline is
navigable.

Navigable, two columns, both caught inside the page. The moment "next" starts to work:
Carnet's script has built the slide and wired previous/next (a MutationObserver sees the
class tl-js on #timeline); TimelineJS: its "loaded" event. The issue's (17,
"Performance"): the end of the first frame in which "next" works, from Long Animation
Frame timing: if a long animation frame (a `long-animation-frame` PerformanceObserver
entry, frames over 50 ms) contains that moment, navigable is that frame's end (startTime +
duration); otherwise the frame was short, and navigable is when a task queued from the
next requestAnimationFrame runs.

Nothing of the bench runs in the page while it loads but that observer: the script waits
for a console message the page logs once the frame is drawn. (Until 2026-12-05 it polled
the page at each frame with Playwright's wait_for_function, whose injected script ran on
the page's main thread during the load of both pages, about 20 ms in a Chromium trace of
one load; the first column was the first polled frame after tl-js.)

With --phone, the pages are loaded as on a phone: a 360 x 740 viewport and the CPU slowed
four times (Chromium's CPU throttling, through the DevTools protocol). There Carnet keeps its
list (the script adds the filters and keyboard), so the column to read is FCP: how soon the
first moments show.

TimelineJS is installed from npm into bench/timeline/node_modules (never shipped) when
missing.
"""

import argparse
import gzip
import http.server
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
from bench.machine import cpu_model  # noqa: E402

TLJS_VERSION = "3.9.11"
TLJS_DIST = HERE / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


def install_timelinejs():
    if (TLJS_DIST / "js" / "timeline.js").exists():
        return
    print(f"Installing @knight-lab/timelinejs@{TLJS_VERSION} into {HERE / 'node_modules'}")
    subprocess.run(
        ["npm", "install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund",
         "--prefix", str(HERE), f"@knight-lab/timelinejs@{TLJS_VERSION}"],
        check=True,
    )  # fmt: skip


def setup_django(tmp):
    sys.path.insert(0, str(ROOT))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="carnet.settings",
        CARNET_SECRET_KEY="bench-only",
        CARNET_DEBUG="false",
        CARNET_HTTPS="false",
        CARNET_VAR_DIR=str(tmp),
        CARNET_MEDIA_ROOT=str(tmp / "media"),
        DATABASE_URL=f"sqlite:///{tmp / 'bench.sqlite3'}",
        CARNET_ALLOWED_HOSTS="127.0.0.1,testserver",
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
    call_command("migrate", verbosity=0)


WORDS = (
    "partners met to share their experience of identifying victims and of prevention "
    "with the authorities schools parishes and other organisations of the region"
).split()


def make_timeline(n):
    """A published network with n published moments from 2011 to 2020, and three eras."""
    import datetime

    from carnet.networks.models import Network
    from carnet.timeline.models import Era, Milestone

    network, _ = Network.objects.update_or_create(
        slug="bench", defaults={"name": "Benchmark network", "is_published": True}
    )
    Milestone.objects.filter(network=network).delete()
    Era.objects.filter(network=network).delete()
    for name, start, end in (
        ("Founding years", (2011, 1, 1), (2013, 12, 31)),
        ("Growth", (2014, 1, 1), (2017, 6, 30)),
        ("Capitalisation", (2017, 1, 1), (2020, 12, 31)),
    ):
        Era.objects.create(
            network=network,
            name=name,
            start=datetime.date(*start),
            end=datetime.date(*end),
        )
    first = datetime.date(2011, 1, 1)
    days = (datetime.date(2020, 12, 31) - first).days
    tags = ["meeting", "training", "advocacy", "prevention", "research"]
    rows = []
    for i in range(n):
        text = " ".join(WORDS[(i + k) % len(WORDS)] for k in range(30)).capitalize() + "."
        rows.append(
            Milestone(
                network=network,
                slug=f"moment-{i + 1}",
                title=f"Moment {i + 1}: {WORDS[i % len(WORDS)]} {WORDS[(i * 7) % len(WORDS)]}",
                text=text,
                start_date=first + datetime.timedelta(days=(i * days) // max(n - 1, 1)),
                start_precision="day",
                importance=1 + (i * 37) % 5,
                tags=tags[i % len(tags)],
                state="published",
            )
        )
    Milestone.objects.bulk_create(rows, batch_size=500)
    return network


def render_site(out, sizes):
    """Write Carnet's pages and the TimelineJS pages + data into out/; return render times."""
    from django.contrib.staticfiles import finders
    from django.test import Client

    from carnet.timeline import interop

    client = Client(HTTP_HOST="127.0.0.1")
    render_ms = {}
    static = set()
    shutil.copytree(TLJS_DIST, out / "tljs", dirs_exist_ok=True)
    for n in sizes:
        network = make_timeline(n)
        started = time.perf_counter()
        response = client.get("/bench/timeline/")
        render_ms[n] = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, response.status_code
        static.update(re.findall(r'(?:src|href)="/static/([^"#?]+)', response.content.decode()))
        page = out / f"carnet-{n}" / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_bytes(response.content)
        data = interop.export_json(network, base_url="http://127.0.0.1/")
        (out / "data").mkdir(exist_ok=True)
        (out / "data" / f"tljs-{n}.json").write_text(json.dumps(data), encoding="utf-8")
        html = TLJS_PAGE.replace("{n}", str(n))
        (out / f"tljs-{n}").mkdir(exist_ok=True)
        (out / f"tljs-{n}" / "index.html").write_text(html, encoding="utf-8")
    for name in static:  # every file the pages ask for (scripts, styles, icons)
        target = out / "static" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(finders.find(name), target)
    return render_ms


# The page TimelineJS's own documentation gives, with its files served locally.
TLJS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>TimelineJS {n}</title>
<link rel="stylesheet" href="/tljs/css/timeline.css">
</head><body>
<div id="timeline-embed" style="width:100%;height:600px"></div>
<script src="/tljs/js/timeline.js"></script>
<script>
window.timeline = new TL.Timeline('timeline-embed', location.origin + '/data/tljs-{n}.json',
  {script_path: location.origin + '/tljs/js/', hash_bookmark: true});
window.timeline.on('loaded', function () {
  window.__navigable = performance.now();
  window.__works();
});
</script>
</body></html>
"""


class Handler(http.server.SimpleHTTPRequestHandler):
    cache = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path.endswith("/"):
            path += "index.html"
        file = (Path(self.directory) / path.lstrip("/")).resolve()
        if not str(file).startswith(str(Path(self.directory).resolve())) or not file.is_file():
            self.send_error(404)
            return
        body = file.read_bytes()
        encode = "gzip" in self.headers.get("Accept-Encoding", "")
        if encode:
            if file not in self.cache:
                self.cache[file] = gzip.compress(body, compresslevel=6)
            body = self.cache[file]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(file)))
        self.send_header("Content-Length", str(len(body)))
        if encode:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


DRAWN = "carnet-bench: drawn"
INIT = (
    f"var DRAWN = {json.dumps(DRAWN)};"
    + """
window.__longtasks = [];
window.__frames = [];
try {
  new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (e) { window.__longtasks.push([e.startTime, e.duration]); });
  }).observe({type: 'longtask', buffered: true});
  new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (e) { window.__frames.push([e.startTime, e.duration]); });
  }).observe({type: 'long-animation-frame', buffered: true});
} catch (e) {}
// "next" works from now on: remember when, and when the frame after it has been drawn
// (then tell the bench, which waits for that console message).
window.__works = function () {
  if (window.__worksAt) return;
  window.__worksAt = performance.now();
  window.__navigable = window.__navigable || window.__worksAt;
  requestAnimationFrame(function () {
    setTimeout(function () {
      window.__frameDrawn = performance.now();
      console.debug(DRAWN);
    }, 0);
  });
};
// Carnet: timeline.js has built the slide and wired previous/next (class tl-js).
new MutationObserver(function (changes, observer) {
  var root = document.getElementById('timeline');
  if (root && root.classList.contains('tl-js')) { window.__works(); observer.disconnect(); }
}).observe(document, {attributes: true, attributeFilter: ['class'], subtree: true});
"""
)

# Navigable as issue 17 defines it: the end of the first frame in which "next" works. The
# long animation frame (LoAF, a frame longer than 50 ms) in which it became usable, if
# there was one; else the frame was short and the next one is drawn when a task queued
# from its requestAnimationFrame runs.
NAVIGABLE_LOAF = """() => {
  const at = window.__worksAt;
  const frame = window.__frames.find(([start, duration]) => start <= at && at <= start + duration);
  return frame ? frame[0] + frame[1] : window.__frameDrawn;
}"""


CARNET_NEXT = """async () => {
  const before = document.querySelector('.tl-current h2').textContent;
  const t0 = performance.now();
  document.querySelector('.tl-controls [data-go=next]').click();
  while (document.querySelector('.tl-current h2').textContent === before) {
    await new Promise(r => setTimeout(r, 0));
  }
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - t0;
}"""

TLJS_NEXT = """async () => {
  const t0 = performance.now();
  const changed = new Promise(r => window.timeline.on('change', r));
  document.querySelector('.tl-slidenav-next').click();
  await changed;
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - t0;
}"""


PHONE = {"width": 360, "height": 740}
PHONE_CPU_SLOWDOWN = 4


def measure(browser, url, next_script, phone=False):
    context = browser.new_context(viewport=PHONE if phone else {"width": 1280, "height": 800})
    blocked = []

    def route(route):
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    context.add_init_script(INIT)
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    if phone:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE_CPU_SLOWDOWN})
    with page.expect_console_message(lambda message: message.text == DRAWN, timeout=120_000):
        page.goto(url, wait_until="commit", timeout=120_000)
    navigable = page.evaluate("window.__navigable")
    page.wait_for_load_state("load", timeout=120_000)
    page.wait_for_function(
        "() => performance.getEntriesByName('first-contentful-paint').length > 0",
        timeout=120_000,
    )
    fcp = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
    navigable_loaf = page.evaluate(NAVIGABLE_LOAF)
    longtasks = page.evaluate("window.__longtasks")
    before = [d for start, d in longtasks if start <= navigable]
    cdp.send("HeapProfiler.collectGarbage")
    heap = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    # Bytes of the load (each "next" changes the address's #moment, and the bench's server
    # says no-store: Chromium asks for the favicon again each time).
    transferred = 0
    for request in finished:
        sizes = request.sizes()
        transferred += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    requests = len(finished)
    next_ms = page.evaluate(next_script)
    # Then, once the page has settled (a long timeline may still be finishing work while
    # idle): the median of five more, one after the other.
    page.wait_for_timeout(1500)
    settled = statistics.median(page.evaluate(next_script) for _ in range(5))
    context.close()
    return {
        "bytes": transferred,
        "requests": requests,
        "fcp": fcp,
        "navigable": navigable,
        "navigable_loaf": navigable_loaf,
        "next": next_ms,
        "next_settled": settled,
        "heap": heap["JSHeapUsedSize"],
        "longest_task": max(before, default=0),
        "blocked": len(blocked),
    }


def machine():
    cpu = cpu_model()
    version = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout
    return f"{os.cpu_count()} CPUs (nproc), {cpu}; {platform.platform()}; {version.strip()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="50,500,5000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--phone", action="store_true", help="360 x 740, CPU slowed 4 times")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    install_timelinejs()
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="carnet-bench-timeline-"))
    try:
        setup_django(tmp)
        out = tmp / "site"
        render_ms = render_site(out, sizes)
        handler = lambda *a, **k: Handler(*a, directory=str(out), **k)  # noqa: E731
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        rows = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for n in sizes:
                for name, path, nxt in (
                    ("Carnet", f"/carnet-{n}/", CARNET_NEXT),
                    (f"TimelineJS {TLJS_VERSION}", f"/tljs-{n}/", TLJS_NEXT),
                ):
                    runs = [
                        measure(browser, base + path, nxt, args.phone) for _ in range(args.runs)
                    ]
                    row = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
                    row.update(name=name, n=n)
                    rows.append(row)
                    print(
                        f"{n:>5} {name:<18} {row['bytes'] / 1024:8.1f} KB "
                        f"fcp {row['fcp']:7.0f} ms  navigable {row['navigable']:7.0f} ms  "
                        f"(LoAF {row['navigable_loaf']:7.0f} ms)  "
                        f"next {row['next']:6.1f} ms (settled {row['next_settled']:6.1f} ms)  "
                        f"heap {row['heap'] / 2**20:6.1f} MB  "
                        f"longest task {row['longest_task']:5.0f} ms  "
                        f"blocked {row['blocked']:.0f}",
                        flush=True,
                    )
            browser.close()
        server.shutdown()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print()
    print(f"Machine: {machine()}")
    if args.phone:
        print(f"As on a phone: {PHONE['width']} x {PHONE['height']}, CPU slowed "
              f"{PHONE_CPU_SLOWDOWN} times.")  # fmt: skip
    print(f"Runs per cell: {args.runs} (median). Carnet server render (Django, SQLite): "
          + ", ".join(f"{n} events {ms:.0f} ms" for n, ms in render_ms.items()))  # fmt: skip
    print()
    print(
        "| events | page | transferred (gzip) | requests | FCP | navigable | navigable (LoAF) "
        "| one “next” (first) | “next” once settled "
        "| JS heap | longest task before navigable | requests to other hosts (blocked) |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['n']} | {row['name']} | {row['bytes'] / 1024:.1f} KB | {row['requests']:.0f} "
            f"| {row['fcp']:.0f} ms | {row['navigable']:.0f} ms | {row['navigable_loaf']:.0f} ms "
            f"| {row['next']:.1f} ms | {row['next_settled']:.1f} ms "
            f"| {row['heap'] / 2**20:.1f} MB | {row['longest_task']:.0f} ms "
            f"| {row['blocked']:.0f} |"
        )
    print()
    by = {(r["n"], r["name"].split()[0]): r for r in rows}
    for n in sizes:
        carnet, tljs = by[(n, "Carnet")], by[(n, "TimelineJS")]
        print(
            f"{n} events: Carnet bytes = {carnet['bytes'] / tljs['bytes']:.2f} × TimelineJS; "
            f"TimelineJS navigable / Carnet navigable = "
            f"{tljs['navigable'] / carnet['navigable']:.1f}× "
            f"(LoAF: {tljs['navigable_loaf'] / carnet['navigable_loaf']:.1f}×)"
        )


if __name__ == "__main__":
    main()
