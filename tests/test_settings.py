import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from carnet.settings import database_from_url, email_from_url, env_bool


def run_carnet(*args, **env):
    """Run the carnet command in a clean environment; return (exit code, stdout, stderr)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("CARNET_", "DATABASE_URL"))}
    base.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "carnet.cli", *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stdout, result.stderr


def test_env_bool_reads_the_usual_spellings(monkeypatch):
    monkeypatch.setenv("CARNET_X", "Yes")
    assert env_bool("CARNET_X", False) is True
    monkeypatch.setenv("CARNET_X", "off")
    assert env_bool("CARNET_X", True) is False
    monkeypatch.setenv("CARNET_X", "")
    assert env_bool("CARNET_X", True) is True


def test_env_bool_rejects_other_words_naming_the_variable(monkeypatch):
    monkeypatch.setenv("CARNET_X", "maybe")
    with pytest.raises(ImproperlyConfigured, match="CARNET_X must be true or false, not 'maybe'"):
        env_bool("CARNET_X", False)


def test_sqlite_url_turns_on_wal_mode():
    config = database_from_url("sqlite:////tmp/x.sqlite3")
    assert config["NAME"] == "/tmp/x.sqlite3"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_postgres_url_is_parsed():
    config = database_from_url("postgres://carnet:pw@db.example:5433/carnet")
    assert (config["ENGINE"], config["HOST"], config["PORT"], config["NAME"]) == (
        "django.db.backends.postgresql",
        "db.example",
        5433,
        "carnet",
    )


@pytest.mark.parametrize("url", ["foo://x", "mysql://root@localhost/x", "not a url"])
def test_unknown_database_urls_are_refused(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL must start with sqlite://"):
        database_from_url(url)


def test_email_url_smtp():
    options = email_from_url("smtp://me%40x.org:p%40ss@mail.example:587?tls=1")
    assert options["EMAIL_HOST"] == "mail.example"
    assert options["EMAIL_PORT"] == 587
    assert options["EMAIL_HOST_USER"] == "me@x.org"
    assert options["EMAIL_HOST_PASSWORD"] == "p@ss"
    assert options["EMAIL_USE_TLS"] is True


def test_email_url_unknown_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured, match="CARNET_EMAIL_URL"):
        email_from_url("pigeon://loft")


def test_missing_secret_key_in_production_stops_with_one_line(tmp_path):
    code, out, err = run_carnet("check", CARNET_VAR_DIR=str(tmp_path))
    assert code == 2
    assert err == (
        "carnet: configuration error: CARNET_SECRET_KEY is required when CARNET_DEBUG is off "
        "(a long random string)\n"
    )


def test_secret_key_is_generated_in_var_when_debugging(tmp_path):
    code, out, err = run_carnet("check", CARNET_DEBUG="1", CARNET_VAR_DIR=str(tmp_path))
    assert code == 0, err
    key = (tmp_path / "secret_key").read_text()
    assert len(key) >= 50
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"


def test_bad_boolean_stops_with_one_line(tmp_path):
    code, out, err = run_carnet("check", CARNET_DEBUG="maybe", CARNET_VAR_DIR=str(tmp_path))
    assert code == 2
    assert err == "carnet: configuration error: CARNET_DEBUG must be true or false, not 'maybe'\n"


def test_invalid_database_url_stops_with_one_line(tmp_path):
    code, out, err = run_carnet(
        "migrate", CARNET_DEBUG="1", CARNET_VAR_DIR=str(tmp_path), DATABASE_URL="foo://x"
    )
    assert code == 2
    assert err == (
        "carnet: configuration error: DATABASE_URL must start with sqlite:// or postgres://, "
        "not 'foo'\n"
    )


def test_unreachable_database_stops_with_one_line(tmp_path):
    code, out, err = run_carnet(
        "migrate",
        CARNET_DEBUG="1",
        CARNET_VAR_DIR=str(tmp_path),
        DATABASE_URL="postgres://nobody@127.0.0.1:9/nothing",
    )
    assert code == 2
    assert err.startswith("carnet: cannot use the database (check DATABASE_URL): ")
    assert err.count("\n") == 1
    assert "Traceback" not in err
