"""`carnet restore` given a broken backup: one clear line and exit status 1, never a traceback,
and nothing restored."""

import hashlib
import json
import sqlite3

import pytest
from django.core.management import CommandError, call_command

from carnet.maintenance.backup import listing

from .conftest import ENGINE, only_postgresql, only_sqlite
from .test_backup import ORGANISATIONS, backed_up


def restore_error(instance, folder):
    code, out, err = instance.carnet("restore", str(folder), "--force", check=False)
    assert "Traceback" not in err
    assert code == 1
    return err


def rewrite_manifest(folder, change):
    manifest = json.loads((folder / "manifest.json").read_text())
    change(manifest)
    (folder / "manifest.json").write_text(json.dumps(manifest))


def relist(folder, relative):
    """Update the manifest's entry of a file changed on purpose (so only its content is off)."""
    path = folder / relative
    data = path.read_bytes()

    def change(manifest):
        for entry in manifest["files"]:
            if entry["path"] == relative:
                entry.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())

    rewrite_manifest(folder, change)


def restore_refusal(folder):
    """The one line of an in-process `carnet restore` refused before touching anything."""
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(folder), "--force")
    message = str(refused.value)
    assert "\n" not in message
    return message


def a_backup(folder):
    """A backup folder as `carnet backup` writes it (a small, empty SQLite database)."""
    folder.mkdir()
    sqlite3.connect(folder / "database.sqlite3").close()
    manifest = {
        "format": "carnet-backup",
        "format_version": 1,
        "carnet_version": "0.1.0",
        "created": "2026-12-01T04:00:00+00:00",
        "database": {"engine": "sqlite", "file": "database.sqlite3"},
        "migrations": {"networks": ["0001_initial"]},
        "media": "included",
        "files": listing(folder),
    }
    (folder / "manifest.json").write_text(json.dumps(manifest))
    return folder


@pytest.mark.parametrize(
    "content",
    [b"[" * 100_000, b'{"format": ' * 50_000],
    ids=["deep-list", "deep-object"],
)
def test_restore_refuses_a_manifest_nested_too_deep_in_one_line(tmp_path, content):
    folder = a_backup(tmp_path / "broken")
    (folder / "manifest.json").write_bytes(content)
    assert restore_refusal(folder) == f"{folder} is not a Carnet backup (no valid manifest.json)"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda m: m.pop("database"), "“database” is missing"),
        (lambda m: m.pop("migrations"), "“migrations” is missing"),
        (lambda m: m.pop("created"), "“created” is missing"),
        (lambda m: m.update(files="all of them"), "“files” must be "),
        (lambda m: m.update(files=[{"path": 3}]), "“files” must be "),
        (lambda m: m.update(database=["sqlite"]), "“database” must be "),
        (lambda m: m["database"].update(file=None), "“database” must be "),
        (lambda m: m["database"].update(engine="oracle"), "“database” must be "),
        (lambda m: m.update(migrations={"networks": "0001"}), "“migrations” must be "),
        (lambda m: m.update(carnet_version=9), "“carnet_version” must be text"),
    ],
    ids=[
        "no-database",
        "no-migrations",
        "no-created",
        "files-text",
        "file-entry",
        "database-list",
        "database-file",
        "database-engine",
        "migrations-text",
        "version-number",
    ],
)
def test_restore_names_the_malformed_key_of_a_manifest(tmp_path, change, problem):
    folder = a_backup(tmp_path / "backup")
    rewrite_manifest(folder, change)
    assert restore_refusal(folder).startswith(f"{folder} has a malformed manifest.json: {problem}")


@only_sqlite
@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"%PDF-1.7 not a database at all", "is not a sqlite database file"),
        (b"SQLite format 3\x00" + b"\x00" * 200, "is a damaged SQLite database"),
    ],
    ids=["not-sqlite", "damaged-sqlite"],
)
def test_restore_refuses_a_database_file_that_is_not_sqlite(instance, content, reason):
    folder = backed_up(instance)
    (folder / "database.sqlite3").write_bytes(content)
    relist(folder, "database.sqlite3")
    err = restore_error(instance, folder)
    assert err.startswith(f"CommandError: {folder}: database.sqlite3 {reason}")
    assert err.count("\n") == 1
    assert "Caritas Albania" in instance.python(ORGANISATIONS)  # nothing was replaced


@only_postgresql
def test_restore_refuses_a_database_file_that_is_not_a_pg_dump(instance):
    folder = backed_up(instance)
    (folder / "database.dump").write_bytes(b"SQLite format 3\x00 not a dump")
    relist(folder, "database.dump")
    assert restore_error(instance, folder) == (
        f"CommandError: {folder}: database.dump is not a postgresql database file\n"
    )
    assert ENGINE == "postgresql"
