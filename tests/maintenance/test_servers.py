"""Several `carnet serve` processes on one PostgreSQL database work as one site."""

import socket

import pytest

from .conftest import only_postgresql

ADD = "/admin/networks/organisation/add/"
CHANGELIST = "/admin/networks/organisation/"
REDIS_URL = "redis://127.0.0.1:6379/7"


def redis_is_running():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def add_organisation(client, name):
    status, headers, _ = client.post(ADD, {"name": name, "country": "AL", "_save": "Save"})
    assert (status, headers["Location"]) == (302, CHANGELIST)


def check_shared_sessions_and_data(one, two):
    on_one = one.client().log_in("admin")
    # The session cookie made by the first server is valid on the second.
    on_two = two.client()
    on_two.cookies = dict(on_one.cookies)
    status, headers, text = on_two.get(CHANGELIST)
    assert status == 200
    assert "0 organisations" in text

    # Written through one, read through the other, and the other way round.
    add_organisation(on_one, "Written through server one")
    status, headers, text = on_two.get(CHANGELIST)
    assert "Written through server one" in text
    add_organisation(on_two, "Written through server two")
    status, headers, text = on_one.get(CHANGELIST)
    assert "Written through server one" in text
    assert "Written through server two" in text

    # Logging out on one server ends the session on both.
    on_one.post("/accounts/logout/", {}, token=on_one.form_token(CHANGELIST))
    status, headers, _ = on_two.get(CHANGELIST)
    assert (status, headers["Location"]) == (
        302,
        "/admin/login/?next=/admin/networks/organisation/",
    )
    return on_one


@only_postgresql
def test_two_app_servers_share_sessions_and_data_in_postgresql(instance):
    one = instance.serve()
    two = instance.serve()
    assert one.port != two.port
    check_shared_sessions_and_data(one, two)
    assert instance.sql("SELECT count(*) FROM django_session") == [(0,)]


@only_postgresql
@pytest.mark.skipif(not redis_is_running(), reason="no Redis on 127.0.0.1:6379")
def test_two_app_servers_share_sessions_through_redis(instance):
    import redis

    redis_env = {"CARNET_REDIS_URL": REDIS_URL}
    one = instance.serve(extra_env=redis_env)
    two = instance.serve(extra_env=redis_env)
    on_one = one.client().log_in("admin")
    session_key = on_one.cookies["sessionid"]
    cached = redis.Redis.from_url(REDIS_URL)
    try:
        assert cached.exists(f"carnet:1:django.contrib.sessions.cached_db{session_key}") == 1
        # cached_db: the session is written through to the database too.
        assert instance.sql(
            f"SELECT count(*) FROM django_session WHERE session_key = '{session_key}'"
        ) == [(1,)]
        on_two = two.client()
        on_two.cookies = dict(on_one.cookies)
        status, headers, text = on_two.get(CHANGELIST)
        assert status == 200
        add_organisation(on_two, "Through Redis sessions")
        assert instance.sql("SELECT name FROM networks_organisation") == [
            ("Through Redis sessions",)
        ]
    finally:
        cached.delete(f"carnet:1:django.contrib.sessions.cached_db{session_key}")
        cached.close()
