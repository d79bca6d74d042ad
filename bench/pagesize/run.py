"""Page weight: each page with everything it loads, gzipped, against the 50 KB budget.

    .venv/bin/python bench/pagesize/run.py [--base http://127.0.0.1:8071] [--compare main]

Without --base it starts the demo itself (`carnet demo`, in a throwaway folder, on a free
local port) and stops it at the end. The demo runs with DEBUG, which serves files uncompressed, so
each response body is gzipped here at level 6, as whitenoise and nginx would. Chromium
(/usr/bin/chromium) opens each page as the persona who uses it, at 360 × 740, and every
response of the page is counted: the HTML, stylesheets, scripts, the icon sprite; images
aside (the budget leaves them out). --compare REV also prints the size of every stylesheet
at REV and now (read with git, no server needed).
To weigh the pages of an older commit, run this script with PYTHONPATH=<a checkout of it>:
the demo it starts then runs that code (pages it lacks answer 404).
"""

import argparse
import gzip
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
from bench.demo_server import start_demo, stop  # noqa: E402

BUDGET = 50 * 1024
PAGES = [  # (persona, path)
    ("anonymous", "/euromed/"),
    ("anonymous", "/euromed/timeline/"),
    ("anonymous", "/euromed/sheets/"),
    ("claire", "/euromed/"),
    ("claire", "/euromed/report/"),
    ("claire", "/euromed/validations/"),
    ("ana", "/accounts/waiting/"),
    ("farid", "/euromed/capitalisation/"),
    ("claire", "/euromed/timeline/moments/"),
    ("admin", "/styleguide/"),
    ("vera", "/euromed/report/v/1/"),
    ("farid", "/euromed/sheets/supporting-syrian-armenian-families/"),
    ("claire", "/euromed/search/?q=families"),
    ("anonymous", "/library/"),
    ("anonymous", "/euromed/timeline/embed/"),
]


def gz(data):
    return len(gzip.compress(data, compresslevel=6))


def kind(response):
    content_type = response.headers.get("content-type", "")
    for word in ("html", "css", "javascript", "svg", "image"):
        if word in content_type:
            return {"javascript": "js", "svg": "svg", "image": "image"}.get(word, word)
    return "other"


def log_in(context, base, user):
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", user)
    page.fill("#id_password", "carnet-demo")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    page.close()


def measure(browser, base, persona, path):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    if persona != "anonymous":
        log_in(context, base, persona)
    sizes = {}
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    first = page.goto(base + path)
    page.wait_for_load_state("networkidle")
    for response in responses:
        what = kind(response)
        if what == "image" or response.status >= 300 and response is not first:
            continue
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 (a redirect has no body)
            continue
        sizes[what] = sizes.get(what, 0) + gz(body)
    context.close()
    return first.status, sizes


def stylesheets(rev):
    files = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", rev, "carnet"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    found = {}
    for name in files:
        if name.endswith(".css"):
            data = subprocess.run(
                ["git", "show", f"{rev}:{name}"], cwd=ROOT, capture_output=True, check=True
            ).stdout
            found[name] = (len(data), gz(data))
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="")
    parser.add_argument("--compare", default="")
    args = parser.parse_args()
    server = None
    if not args.base:
        folder = tempfile.mkdtemp(prefix="carnet-pagesize-")
        server, args.base = start_demo(folder)
    try:
        pages(args)
    finally:
        if server is not None:
            stop(server)


def pages(args):
    print(f"machine: {platform.platform()}, Python {sys.version.split()[0]}")
    print(f"{'persona':<10} {'page':<52} {'status':>6} {'html':>6} {'css':>6} {'js':>6} "
          f"{'svg':>6} {'total':>7}  (bytes gzipped; budget {BUDGET})")  # fmt: skip
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        for persona, path in PAGES:
            status, sizes = measure(browser, args.base, persona, path)
            total = sum(sizes.values())
            print(
                f"{persona:<10} {path:<52} {status:>6} {sizes.get('html', 0):>6} "
                f"{sizes.get('css', 0):>6} {sizes.get('js', 0):>6} {sizes.get('svg', 0):>6} "
                f"{total:>7}{'  OVER BUDGET' if total > BUDGET else ''}"
            )
        browser.close()
    if args.compare:
        before, after = stylesheets(args.compare), stylesheets("HEAD")
        print(f"\nstylesheets, bytes raw / gzipped: {args.compare} → HEAD")
        for name in sorted(set(before) | set(after)):
            b, a = before.get(name, (0, 0)), after.get(name, (0, 0))
            print(f"{name:<62} {b[0]:>6} / {b[1]:>5} → {a[0]:>6} / {a[1]:>5}")
        totals = [sum(v[i] for v in d.values()) for d in (before, after) for i in (0, 1)]
        print(f"{'all stylesheets':<62} {totals[0]:>6} / {totals[1]:>5} → "
              f"{totals[2]:>6} / {totals[3]:>5}")  # fmt: skip


if __name__ == "__main__":
    main()
