"""Run requests at the same moment, for real: one thread (and one database connection) each.

    results = race(lambda: client_a.post(url), lambda: client_b.post(url))

Each call waits at a barrier so that all start together; a call's result is what it
returned or the exception it raised. The tests that use it need
@pytest.mark.django_db(transaction=True): the threads see only committed rows.
"""

import threading

import pytest
from django.db import connection

# SQLite's test database lives in memory, shared between threads with table locks that
# fail at once instead of waiting: a race there tests the test database, not Carnet.
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="races need a database that lets threads wait for each other's locks: "
    "run with DATABASE_URL=postgres://… (CI does)",
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
