"""Queries and in-process time per page of the load test, against the database of DATABASE_URL.

    DATABASE_URL=... .venv/bin/python bench/load/queries.py MANIFEST [--repeat 5]

Uses Django's test client (no server) and CaptureQueriesContext on the first network of
the manifest (it has a published report) as anonymous reader and as its first partner
editor. Prints one JSON object: {page: {"queries": n, "ms": median of --repeat runs}}.
Run at two data sizes to see whether a page's query count grows with the data.
The two POSTs (sheet save, propose save) change the data: run this before the load test.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from htmlforms import form_fields  # noqa: E402


def pages(manifest):
    network = manifest["networks"][0]
    slug = network["slug"]
    sheet = network["published_sheets"][0]
    editor = network["editors"][0]
    own = editor["sheets"][0]
    public = [
        ("network page", f"/{slug}/"),
        ("timeline", f"/{slug}/timeline/"),
        ("timeline.json", f"/{slug}/timeline.json"),
        ("sheets list", f"/{slug}/sheets/"),
        ("published sheet", f"/{slug}/sheets/{sheet}/"),
        ("key moment", f"/{slug}/timeline/moments/{network['moments'][0]}/"),
        ("published report", f"/{slug}/report/v/1/"),
        ("published synthesis", f"/{slug}/synthesis/published/"),
    ]
    editing = [
        ("sheet edit form", f"/{slug}/sheets/{own}/edit/"),
        ("propose form", f"/{slug}/timeline/moments/new/"),
        ("capitalisation dashboard", f"/{slug}/capitalisation/"),
        ("document search", f"/{slug}/capitalisation/documents/?q=referral+mechanism"),
        ("document list", f"/{slug}/capitalisation/documents/"),
    ]
    return editor["username"], own, slug, public, editing


def measure(client, url, repeat, method="get", data=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts, times = [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            t = time.perf_counter()
            response = getattr(client, method)(url, data) if data is not None else client.get(url)
            times.append((time.perf_counter() - t) * 1000)
        expected = 302 if method == "post" else 200
        if response.status_code != expected:
            raise SystemExit(f"{url}: HTTP {response.status_code}, expected {expected}")
        counts.append(len(captured.captured_queries))
    return {"queries": max(counts), "ms": round(statistics.median(times), 1)}, response


def main():
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("manifest")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carnet.settings")
    os.environ.setdefault("CARNET_SECRET_KEY", "bench-only")
    sys.path.insert(0, str(HERE.parent.parent))
    import django

    django.setup()
    from django.test import Client

    from carnet.accounts.models import User

    manifest = json.loads(Path(args.manifest).read_text())
    username, own, slug, public, editing = pages(manifest)
    result = {}
    anonymous = Client()
    for name, url in public:
        result[name], _response = measure(anonymous, url, args.repeat)
    editor = Client()
    editor.force_login(User.objects.get(username=username))
    for name, url in editing:
        result[name], response = measure(editor, url, args.repeat)
        if name == "sheet edit form":
            form = form_fields(response.content.decode(), "revision")
    data = {}
    for key, value in form["fields"]:
        data.setdefault(key, []).append(value)
    data["summary"] = ["Saved by the query count."]
    result["sheet save"], _response = measure(
        editor, f"/{slug}/sheets/{own}/edit/", 1, method="post", data=data
    )
    result["propose save"], _response = measure(
        editor,
        f"/{slug}/timeline/moments/new/",
        1,
        method="post",
        data={"title": "Query count moment", "start": "2015-03", "importance": "3",
              "consent_scope": "none", "text": "Counted."},
    )  # fmt: skip
    print(json.dumps(result))


if __name__ == "__main__":
    main()
