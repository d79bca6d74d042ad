from pathlib import Path

import pytest

from carnet.maintenance.backup import BackupError, pg_tool

INSTALLED = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_dump"))


def test_pg_tools_are_found_on_the_path_first(tmp_path, monkeypatch):
    fake = tmp_path / "pg_dump"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert pg_tool("pg_dump") == str(fake)


@pytest.mark.skipif(not INSTALLED, reason="no /usr/lib/postgresql/*/bin/pg_dump here")
def test_pg_tools_are_found_in_the_postgresql_folders_when_not_on_the_path(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert pg_tool("pg_dump") == str(INSTALLED[-1])


def test_a_missing_pg_tool_is_named_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BackupError) as refused:
        pg_tool("pg_nothing")
    assert str(refused.value) == (
        "pg_nothing was not found (install PostgreSQL's client programs, e.g. postgresql-client)"
    )
