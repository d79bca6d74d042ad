"""A real Carnet instance for end-to-end tests: its own fresh database (a SQLite file, or a
new PostgreSQL database on the server of the suite's DATABASE_URL), migrated by the
`carnet` command, and `carnet serve` processes on free ports of 127.0.0.1.

The suite runs on SQLite and again with DATABASE_URL on PostgreSQL (CI does both); ENGINE
tells which of the two this run is.
"""

import http.client
import itertools
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

import psycopg
import pytest

SUITE_URL = os.environ.get("DATABASE_URL", "")
ENGINE = "postgresql" if SUITE_URL.startswith(("postgres://", "postgresql://")) else "sqlite"
PASSWORD = "a-long-test-password-1"
ADD = "/admin/networks/organisation/add/"
CHANGELIST = "/admin/networks/organisation/"
WRITERS = 4

only_sqlite = pytest.mark.skipif(ENGINE != "sqlite", reason="SQLite run only")
only_postgresql = pytest.mark.skipif(ENGINE != "postgresql", reason="PostgreSQL run only")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def admin_connection():
    """A connection to the PostgreSQL server of the suite, to create and drop databases."""
    parts = urlsplit(SUITE_URL)
    return psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    )


@dataclass
class Instance:
    env: dict
    root: object
    database_url: str
    servers: list = field(default_factory=list)
    collected: bool = False

    def carnet(self, *args, check=True, extra_env=None):
        """Run the carnet command; return (exit code, stdout, stderr)."""
        base = {
            k: v for k, v in os.environ.items() if not k.startswith(("CARNET_", "DATABASE_URL"))
        }
        base.pop("DJANGO_SETTINGS_MODULE", None)
        result = subprocess.run(
            [sys.executable, "-m", "carnet.cli", *args],
            env={**base, **self.env, **(extra_env or {})},
            capture_output=True,
            text=True,
            timeout=180,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"carnet {' '.join(args)} failed: {result.stderr}")
        return result.returncode, result.stdout, result.stderr

    def python(self, code):
        """Run Python code inside Django (carnet shell); return its last line of output."""
        return self.carnet("shell", "-c", code)[1].strip().splitlines()[-1]

    def sql(self, query):
        """Rows of a query, straight from the database (not through Django)."""
        if ENGINE == "sqlite":
            import sqlite3

            with sqlite3.connect(self.database_url.removeprefix("sqlite:///")) as db:
                return db.execute(query).fetchall()
        with psycopg.connect(self.database_url) as db:
            cursor = db.execute(query)
            return cursor.fetchall() if cursor.description else []

    def serve(self, extra_env=None):
        """Start `carnet serve` on a free port; it is stopped when the test ends."""
        base = {
            k: v for k, v in os.environ.items() if not k.startswith(("CARNET_", "DATABASE_URL"))
        }
        base.pop("DJANGO_SETTINGS_MODULE", None)
        if not self.collected:
            self.carnet("collectstatic", "--noinput", "-v0")
            self.collected = True
        port = free_port()
        log = open(self.root / f"serve-{port}.log", "w")  # noqa: SIM115 - closed in stop()
        process = subprocess.Popen(
            [sys.executable, "-m", "carnet.cli", "serve", "--host", "127.0.0.1"]
            + ["--port", str(port), "--workers", "2", "--threads", "2", "--no-collectstatic"],
            env={**base, **self.env, **(extra_env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: gunicorn and its workers
        )
        server = Server(process, port, log)
        self.servers.append(server)
        server.wait_ready()
        return server

    def stop(self):
        for server in self.servers:
            server.kill(signal.SIGTERM)


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: object

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"carnet serve ended: {self.read_log()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"carnet serve did not start: {self.read_log()}")

    def read_log(self):
        self.log.flush()
        with open(self.log.name) as handle:
            return handle.read()[-2000:]

    def kill(self, sig=signal.SIGKILL):
        """Send sig to gunicorn and its workers; wait until they are gone."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, sig)
                self.process.wait(timeout=20)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=20)
        self.log.close()

    def client(self):
        return Client(self.port)


class Client:
    """A small HTTP client: keeps cookies, never follows redirects."""

    def __init__(self, port, cookies=None):
        self.port = port
        self.cookies = dict(cookies or {})

    def request(self, method, path, data=None, timeout=30):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";")[0]
        return response.status, response.headers, text

    def get(self, path):
        return self.request("GET", path)

    def form_token(self, path):
        """The CSRF token of the form on the page at `path`."""
        status, headers, text = self.get(path)
        assert status == 200, (path, status)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text).group(1)

    def post(self, path, data, token=None):
        """POST a form, with the CSRF token of the page at `path` (or the one given)."""
        token = token or self.form_token(path)
        return self.request("POST", path, {"csrfmiddlewaretoken": token, **data})

    def log_in(self, username, password=PASSWORD):
        status, headers, _ = self.post(
            "/accounts/login/", {"username": username, "password": password}
        )
        assert status == 302, status
        return self


def burst(server, cookies, token, acknowledged, attempted, stop):
    """Writers adding organisations until the server goes away."""
    numbers = itertools.count()
    lock = threading.Lock()

    def writer():
        client = Client(server.port, cookies)
        while not stop.is_set():
            with lock:
                name = f"Burst {next(numbers):04d}"
                attempted.append(name)
            try:
                status, headers, _ = client.post(
                    ADD, {"name": name, "country": "AL", "_save": "Save"}, token=token
                )
            except OSError:  # connection refused or reset: the server is gone
                return
            if status == 302 and headers["Location"] == CHANGELIST:
                with lock:
                    acknowledged.append(name)

    threads = [threading.Thread(target=writer) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    return threads


def check_intact(instance):
    if ENGINE == "sqlite":
        assert instance.sql("PRAGMA integrity_check") == [("ok",)]
        assert instance.sql("PRAGMA foreign_key_check") == []
    else:
        instance.sql("CREATE EXTENSION IF NOT EXISTS amcheck")
        checked = instance.sql(
            "SELECT bt_index_check(c.oid, true) FROM pg_index i"
            " JOIN pg_class c ON c.oid = i.indexrelid"
            " JOIN pg_class t ON t.oid = i.indrelid"
            " WHERE t.relname IN ('networks_organisation', 'django_admin_log')"
        )
        assert len(checked) >= 2


@pytest.fixture
def make_instance(tmp_path):
    """make_instance() -> a migrated Carnet with superuser `admin`, on the engine of this
    run; each call makes another one, with its own database."""
    made = []

    def make(superuser=True):
        root = tmp_path / f"site{len(made)}"
        (root / "var").mkdir(parents=True)
        name = f"carnet_e2e_{secrets.token_hex(6)}"
        if ENGINE == "sqlite":
            database_url = f"sqlite:///{root / 'carnet.sqlite3'}"
        else:
            with admin_connection() as db:
                db.execute(f'CREATE DATABASE "{name}"')
            database_url = urlsplit(SUITE_URL)._replace(path=f"/{name}").geturl()
        env = {
            "DATABASE_URL": database_url,
            "CARNET_SECRET_KEY": "e2e-" + "k" * 50,
            "CARNET_VAR_DIR": str(root / "var"),
            "CARNET_MEDIA_ROOT": str(root / "media"),
            "CARNET_HTTPS": "false",
            "CARNET_LOG_LEVEL": "ERROR",
        }
        site = Instance(env=env, root=root, database_url=database_url)
        made.append((site, name))
        site.carnet("migrate", "-v0")
        if superuser:
            site.python(
                "from carnet.accounts.models import User;"
                f"User.objects.create_superuser('admin', 'admin@example.org', {PASSWORD!r});"
                "print('ok')"
            )
        return site

    try:
        yield make
    finally:
        for site, name in made:
            site.stop()
            if ENGINE == "postgresql":
                with admin_connection() as db:
                    db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def instance(make_instance):
    return make_instance()
