"""Locust users for bench/load/run.py: readers of public pages and partner editors, mixed.

Reads the manifest written by generate.py (LOAD_MANIFEST) and the app servers to use
(LOAD_HOSTS, comma-separated, 127.0.0.1 only): each simulated user is given one of them in
turn (round robin), so two app processes share the load. Sessions live in the database, so
any server can serve any user.

Readers (weight 3): network page, timeline, timeline.json, sheets list, a published
sheet, a key moment, the published report. Editors (weight 2), each logged in as a
different partner editor: open their sheet's edit form, save it (a new version), propose
a key moment, open the capitalisation dashboard, search the documents.
Think time: 1 to 3 s between a user's requests.
"""

import itertools
import json
import logging
import os
import random
import sys
from pathlib import Path
from urllib.parse import urlsplit

from locust import HttpUser, between, events, task
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

sys.path.insert(0, str(Path(__file__).resolve().parent))
from htmlforms import csrf, form_fields  # noqa: E402

MANIFEST = json.loads(Path(os.environ["LOAD_MANIFEST"]).read_text())
HOSTS = [h.strip() for h in os.environ.get("LOAD_HOSTS", "http://127.0.0.1:8000").split(",")]
for _host in HOSTS:
    if urlsplit(_host).hostname != "127.0.0.1":
        raise SystemExit(f"Load only against 127.0.0.1, not {_host}")
NETWORKS = MANIFEST["networks"]
REPORTS = [n for n in NETWORKS if n["report"]]
SYNTHESES = [n for n in NETWORKS if n.get("synthesis")]
PASSWORD = MANIFEST["password"]
SEARCH_WORDS = ["shelter", "referral mechanism", "police", "training", '"social workers"']
_host_turn = itertools.count()
_editor_turn = itertools.count()
# Editors in the order network 0 editor 0, network 1 editor 0, ...: one per simulated user.
EDITORS = [
    (network, editor)
    for j in range(max(len(n["editors"]) for n in NETWORKS))
    for network in NETWORKS
    for editor in network["editors"][j : j + 1]
]


RETRIED = {"count": 0}


class _CountRetries(logging.Handler):
    def emit(self, record):
        if "Retrying" in record.getMessage():
            RETRIED["count"] += 1


logging.getLogger("urllib3.connectionpool").addHandler(_CountRetries())


class CarnetUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    host = HOSTS[0]

    def on_start(self):
        # Round robin over the app servers, one per simulated user.
        self.client.base_url = HOSTS[next(_host_turn) % len(HOSTS)]
        # As browsers do: a GET sent on a kept-alive connection that the server closed at
        # the same moment (gunicorn closes idle ones after 2 s) is sent again, once.
        # Retries are counted and reported; a request that fails twice is a failure.
        retry = Retry(total=1, connect=1, read=1, status=0, other=0, allowed_methods={"GET"})
        self.client.mount("http://", HTTPAdapter(max_retries=retry))

    def get(self, url, name, **kwargs):
        with self.client.get(url, name=name, catch_response=True, **kwargs) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code} {response.error or ''}"[:200])
            return response


class Reader(CarnetUser):
    weight = 3

    def on_start(self):
        super().on_start()
        self.rng = random.Random()

    def network(self):
        return self.rng.choice(NETWORKS)

    @task(3)
    def network_page(self):
        self.get(f"/{self.network()['slug']}/", "network page")

    @task(3)
    def timeline(self):
        self.get(f"/{self.network()['slug']}/timeline/", "timeline")

    @task(1)
    def timeline_json(self):
        self.get(f"/{self.network()['slug']}/timeline.json", "timeline.json")

    @task(3)
    def sheets(self):
        self.get(f"/{self.network()['slug']}/sheets/", "sheets list")

    @task(4)
    def sheet(self):
        network = self.network()
        slug = self.rng.choice(network["published_sheets"])
        self.get(f"/{network['slug']}/sheets/{slug}/", "published sheet")

    @task(2)
    def moment(self):
        network = self.network()
        slug = self.rng.choice(network["moments"])
        self.get(f"/{network['slug']}/timeline/moments/{slug}/", "key moment")

    @task(1)
    def report(self):
        if REPORTS:
            self.get(f"/{self.rng.choice(REPORTS)['slug']}/report/v/1/", "published report")

    @task(1)
    def synthesis(self):
        if SYNTHESES:
            slug = self.rng.choice(SYNTHESES)["slug"]
            self.get(f"/{slug}/synthesis/published/", "published synthesis")


class Editor(CarnetUser):
    weight = 2

    def on_start(self):
        super().on_start()
        self.rng = random.Random()
        network, editor = EDITORS[next(_editor_turn) % len(EDITORS)]
        self.slug, self.username, self.own = network["slug"], editor["username"], editor["sheets"]
        page = self.get("/accounts/login/", "login form")
        # The login itself (the password check, the session), then the page it sends to.
        with self.client.post(
            "/accounts/login/",
            {
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": csrf(page.text),
            },
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            target = response.headers.get("Location", "")
            if response.status_code != 302 or "/accounts/login/" in target:
                response.failure(f"login refused for {self.username}")
        if target:
            self.get(target, "home page (after login)")

    @task(3)
    def edit_form(self):
        sheet = self.rng.choice(self.own)
        self.get(f"/{self.slug}/sheets/{sheet}/edit/", "sheet edit form")

    @task(1)
    def save_sheet(self):
        sheet = self.rng.choice(self.own)
        url = f"/{self.slug}/sheets/{sheet}/edit/"
        page = self.get(url, "sheet edit form")
        form = form_fields(page.text, "revision") if page.status_code == 200 else None
        if form is None:
            return
        data = [(k, v) for k, v in form["fields"] if k != "summary"]
        data.append(("summary", f"Saved under load by {self.username}, {self.rng.random():.6f}."))
        with self.client.post(url, data, name="sheet save", catch_response=True) as response:
            if response.status_code != 200 or not response.history:
                response.failure(f"not saved (HTTP {response.status_code}, no redirect)")

    @task(1)
    def propose(self):
        url = f"/{self.slug}/timeline/moments/new/"
        page = self.get(url, "propose form")
        if page.status_code != 200:
            return
        data = {
            "csrfmiddlewaretoken": csrf(page.text),
            "title": f"Load moment {self.rng.randrange(10**9)}",
            "text": "Proposed while the network was under load.",
            "start": f"{self.rng.randrange(2006, 2025)}-{self.rng.randrange(1, 13):02d}",
            "importance": "3",
            "consent_scope": "none",
        }
        with self.client.post(url, data, name="propose save", catch_response=True) as response:
            if response.status_code != 200 or "/timeline/moments/" not in response.url:
                response.failure(f"not proposed (HTTP {response.status_code})")

    @task(2)
    def dashboard(self):
        self.get(f"/{self.slug}/capitalisation/", "capitalisation dashboard")

    @task(2)
    def search(self):
        query = self.rng.choice(SEARCH_WORDS)
        self.get(f"/{self.slug}/capitalisation/documents/", "document search", params={"q": query})


@events.quitting.add_listener
def _no_errors(environment, **kwargs):
    if os.environ.get("LOAD_RETRIES_FILE"):
        Path(os.environ["LOAD_RETRIES_FILE"]).write_text(str(RETRIED["count"]))
    if environment.stats.total.fail_ratio > 0:
        environment.process_exit_code = 1
