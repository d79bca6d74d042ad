"""Run requests at the same moment, for real: one thread (and one database connection) each.

    results = race(lambda: client_a.post(url), lambda: client_b.post(url))

Each call waits at a barrier so that all start together; a call's result is what it
returned or the exception it raised. The tests that use it need
@pytest.mark.django_db(transaction=True): the threads see only committed rows.
"""

import threading

import pytest
from django.db import connection
from django.test import Client


def _threads_can_wait():
    """Not in SQLite's in-memory database: there threads fail at once on each other's locks."""
    test_name = connection.settings_dict.get("TEST", {}).get("NAME") or ":memory:"
    return connection.vendor != "sqlite" or "memory" not in test_name


racing = pytest.mark.skipif(
    not _threads_can_wait(),
    reason="races need a database where threads wait for each other's locks: PostgreSQL, "
    "or SQLite in a file (tests/settings.py sets one)",
)


def race(*calls):
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            results[index] = call()
        except BaseException as exc:  # noqa: BLE001 - the test looks at what each call got
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a racing call never finished"
    return results


def post_twice_at_once(user, url, data):
    """Two clicks of one person at once: two sessions posting the same form together."""
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(user)
    return race(*(lambda c=c: c.post(url, data) for c in clients))
