import hashlib
import json
import sqlite3
import threading
import time

from .conftest import ADD, ENGINE, burst, check_intact, only_postgresql, only_sqlite

ORGANISATIONS = (
    "from carnet.networks.models import Organisation;"
    "print(sorted(Organisation.objects.values_list('name', flat=True)))"
)


def add_organisation(instance, name):
    instance.python(
        "from carnet.networks.models import Organisation;"
        f"print(Organisation.objects.create(name={name!r}, country='AL').pk)"
    )


def media_files(instance):
    media = instance.root / "media"
    return {
        p.relative_to(media).as_posix(): p.read_bytes() for p in media.rglob("*") if p.is_file()
    }


def write_media(instance, relative, content):
    path = instance.root / "media" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def backed_up(instance):
    add_organisation(instance, "Caritas Albania")
    add_organisation(instance, "Caritas Armenia")
    write_media(instance, "logos/albania-x7k2.png", b"\x89PNG fake logo")
    write_media(instance, "documents/2024/report-9f3a.pdf", b"%PDF-1.7 a report")
    folder = instance.root / "backup"
    code, out, err = instance.carnet("backup", "-o", str(folder))
    assert code == 0, err
    return folder


def test_backup_writes_the_database_the_media_and_a_manifest(instance):
    folder = backed_up(instance)
    manifest = json.loads((folder / "manifest.json").read_text())
    database_file = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}[ENGINE]
    assert manifest["format"] == "carnet-backup"
    assert manifest["format_version"] == 1
    assert manifest["carnet_version"] == "0.1.0"
    assert manifest["database"] == {"engine": ENGINE, "file": database_file}
    assert manifest["media"] == "included"
    assert manifest["migrations"]["networks"][0] == "0001_initial"
    assert "0001_initial" in manifest["migrations"]["accounts"]
    assert [entry["path"] for entry in manifest["files"]] == [
        database_file,
        "media/documents/2024/report-9f3a.pdf",
        "media/logos/albania-x7k2.png",
    ]
    for entry in manifest["files"]:
        content = (folder / entry["path"]).read_bytes()
        assert entry["size"] == len(content)
        assert entry["sha256"] == hashlib.sha256(content).hexdigest()
    assert (folder / "media/logos/albania-x7k2.png").read_bytes() == b"\x89PNG fake logo"


@only_sqlite
def test_sqlite_backup_is_one_intact_file_with_the_data(instance):
    folder = backed_up(instance)
    assert sorted(p.name for p in folder.iterdir()) == [
        "database.sqlite3",
        "manifest.json",
        "media",
    ]
    with sqlite3.connect(folder / "database.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert db.execute("SELECT name FROM networks_organisation ORDER BY name").fetchall() == [
            ("Caritas Albania",),
            ("Caritas Armenia",),
        ]


@only_postgresql
def test_postgresql_backup_is_a_pg_dump_archive_in_custom_format(instance):
    folder = backed_up(instance)
    assert (folder / "database.dump").read_bytes()[:5] == b"PGDMP"


def test_restore_brings_back_the_database_and_the_media(instance):
    folder = backed_up(instance)
    before = media_files(instance)
    add_organisation(instance, "Added after the backup")
    instance.python(
        "from carnet.networks.models import Organisation;"
        "print(Organisation.objects.filter(name='Caritas Albania').delete())"
    )
    write_media(instance, "logos/albania-x7k2.png", b"changed")
    write_media(instance, "logos/new-after-backup.png", b"new")

    code, out, err = instance.carnet("restore", str(folder), check=False)
    assert (code, err) == (
        1,
        "CommandError: the database is not empty: add --force to replace its content with "
        "the backup\n",
    )
    assert instance.python(ORGANISATIONS) == "['Added after the backup', 'Caritas Armenia']"

    code, out, err = instance.carnet("restore", str(folder), "--force")
    assert out.startswith("Restored the backup of 20")
    assert instance.python(ORGANISATIONS) == "['Caritas Albania', 'Caritas Armenia']"
    assert media_files(instance) == before
    # The restored database works on: new rows get new ids.
    add_organisation(instance, "Caritas Bosnia")
    assert instance.sql("SELECT count(DISTINCT id) FROM networks_organisation") == [(3,)]


def test_restore_into_a_new_empty_instance_needs_no_force(make_instance):
    source = make_instance()
    folder = backed_up(source)
    target = make_instance(superuser=False)
    code, out, err = target.carnet("restore", str(folder))
    assert code == 0, err
    assert target.python(ORGANISATIONS) == "['Caritas Albania', 'Caritas Armenia']"
    assert media_files(target) == media_files(source)
    assert (
        target.python("from carnet.accounts.models import User; print(User.objects.get().username)")
        == "admin"
    )


def test_backup_refuses_a_folder_that_is_not_empty(instance):
    folder = instance.root / "busy"
    folder.mkdir()
    (folder / "something").write_text("x")
    code, out, err = instance.carnet("backup", "-o", str(folder), check=False)
    assert (code, err) == (
        1,
        f"CommandError: {folder} is not an empty folder: choose a new one (e.g. one per date)\n",
    )


def test_restore_refuses_a_folder_that_is_not_a_backup(instance):
    folder = instance.root / "media"
    folder.mkdir()
    code, out, err = instance.carnet("restore", str(folder), "--force", check=False)
    assert (code, err) == (
        1,
        f"CommandError: {folder} is not a Carnet backup (no valid manifest.json)\n",
    )
    (folder / "manifest.json").write_text('{"format": "something else"}')
    code, out, err = instance.carnet("restore", str(folder), "--force", check=False)
    assert err == f"CommandError: {folder} is not a Carnet backup (no valid manifest.json)\n"


def test_restore_refuses_a_backup_whose_files_do_not_match_its_manifest(instance):
    folder = backed_up(instance)
    (folder / "media/logos/albania-x7k2.png").write_bytes(b"tampered")
    code, out, err = instance.carnet("restore", str(folder), "--force", check=False)
    assert (code, err) == (
        1,
        f"CommandError: {folder} does not match its manifest: "
        "media/logos/albania-x7k2.png has changed\n",
    )
    (folder / "media/logos/albania-x7k2.png").unlink()
    code, out, err = instance.carnet("restore", str(folder), "--force", check=False)
    assert err == (
        f"CommandError: {folder} does not match its manifest: "
        "media/logos/albania-x7k2.png is missing\n"
    )
    (folder / "media/stray.txt").write_text("x")
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["files"] = [e for e in manifest["files"] if "albania" not in e["path"]]
    (folder / "manifest.json").write_text(json.dumps(manifest))
    code, out, err = instance.carnet("restore", str(folder), "--force", check=False)
    assert err == (
        f"CommandError: {folder} does not match its manifest: "
        "media/stray.txt is not in the manifest\n"
    )
    # Nothing was restored by the refused attempts.
    assert (instance.root / "media/logos/albania-x7k2.png").read_bytes() == b"\x89PNG fake logo"


def test_restore_refuses_a_backup_of_another_database_engine(instance):
    folder = backed_up(instance)
    other = {"sqlite": "postgresql", "postgresql": "sqlite"}[ENGINE]
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["database"]["engine"] = other
    (folder / "manifest.json").write_text(json.dumps(manifest))
    code, out, err = instance.carnet("restore", str(folder), "--force", check=False)
    assert (code, err) == (
        1,
        f"CommandError: {folder} holds a {other} database but DATABASE_URL names a {ENGINE} "
        f"one: restore it into a {other} database\n",
    )


def test_restore_refuses_a_backup_made_by_a_newer_carnet(instance):
    folder = backed_up(instance)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["migrations"]["networks"].append("0999_from_the_future")
    manifest["carnet_version"] = "9.0.0"
    (folder / "manifest.json").write_text(json.dumps(manifest))
    code, out, err = instance.carnet("restore", str(folder), "--force", check=False)
    assert (code, err) == (
        1,
        f"CommandError: {folder} was made by a newer Carnet (9.0.0; unknown migration "
        "networks.0999_from_the_future): install that version first\n",
    )


def test_backup_refuses_a_folder_inside_the_media_folder(instance):
    folder = instance.root / "media" / "backups"
    code, out, err = instance.carnet("backup", "-o", str(folder), check=False)
    assert (code, err) == (
        1,
        f"CommandError: {folder} is inside the media folder: choose a folder elsewhere\n",
    )
    assert not folder.exists()


def test_restore_refuses_a_backup_holding_a_link(instance):
    folder = backed_up(instance)
    secret = instance.root / "secret.txt"
    secret.write_text("not for the media folder")
    (folder / "media/logos/link.png").symlink_to(secret)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["files"].append(
        {
            "path": "media/logos/link.png",
            "size": secret.stat().st_size,
            "sha256": hashlib.sha256(secret.read_bytes()).hexdigest(),
        }
    )
    (folder / "manifest.json").write_text(json.dumps(manifest))
    code, out, err = instance.carnet("restore", str(folder), "--force", check=False)
    assert (code, err) == (
        1,
        f"CommandError: {folder} holds a link (media/logos/link.png): a Carnet backup "
        "holds plain files only\n",
    )


def test_backup_during_a_burst_of_writes_is_consistent(make_instance):
    source = make_instance()
    server = source.serve()
    admin = server.client().log_in("admin")
    acknowledged, attempted, stop = [], [], threading.Event()
    threads = burst(server, admin.cookies, admin.form_token(ADD), acknowledged, attempted, stop)
    try:
        deadline = time.monotonic() + 120
        while len(acknowledged) < 10 and time.monotonic() < deadline:
            time.sleep(0.01)
        before = list(acknowledged)
        folder = source.root / "backup"
        code, out, err = source.carnet("backup", "-o", str(folder))
        after = len(acknowledged)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    assert after > len(before)  # the writes went on during the backup

    target = make_instance(superuser=False)
    code, out, err = target.carnet("restore", str(folder))
    assert code == 0, err
    check_intact(target)
    restored = [name for (name,) in target.sql("SELECT name FROM networks_organisation")]
    assert set(before) <= set(restored) <= set(attempted)
    logged = [name for (name,) in target.sql("SELECT object_repr FROM django_admin_log")]
    assert sorted(logged) == sorted(restored)  # whole transactions only
