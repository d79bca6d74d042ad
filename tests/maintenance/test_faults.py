"""Killing the server in the middle of a burst of writes loses no acknowledged save and
leaves the database intact (on SQLite and, in the PostgreSQL run, on PostgreSQL)."""

import signal
import threading
import time

from .conftest import ADD, CHANGELIST, ENGINE, burst, check_intact

KILL_AFTER = 25  # acknowledged saves before the kill


def test_killing_the_server_during_a_burst_of_writes_loses_no_acknowledged_save(instance):
    server = instance.serve()
    admin = server.client().log_in("admin")
    token = admin.form_token(ADD)
    acknowledged, attempted, stop = [], [], threading.Event()
    threads = burst(server, admin.cookies, token, acknowledged, attempted, stop)
    deadline = time.monotonic() + 120
    while len(acknowledged) < KILL_AFTER and time.monotonic() < deadline:
        time.sleep(0.01)
    server.kill(signal.SIGKILL)  # gunicorn and its workers, mid-burst
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    assert len(acknowledged) >= KILL_AFTER
    assert len(attempted) > len(acknowledged)  # some saves were in flight at the kill
    print(f"{ENGINE}: {len(attempted)} saves sent, {len(acknowledged)} acknowledged")

    check_intact(instance)
    stored = [name for (name,) in instance.sql("SELECT name FROM networks_organisation")]
    assert set(acknowledged) <= set(stored)  # every acknowledged save is there
    assert set(stored) <= set(attempted)  # and nothing else
    assert len(stored) == len(set(stored))  # each once
    # Each save is whole: the organisation and its admin log entry, or neither.
    logged = [name for (name,) in instance.sql("SELECT object_repr FROM django_admin_log")]
    assert sorted(logged) == sorted(stored)

    # The site starts again on the same database and takes writes.
    again = instance.serve().client().log_in("admin")
    status, headers, _ = again.post(ADD, {"name": "After the crash", "country": "AL"})
    assert (status, headers["Location"]) == (302, CHANGELIST)
    assert instance.sql(
        "SELECT count(*) FROM networks_organisation WHERE name = 'After the crash'"
    ) == [(1,)]
