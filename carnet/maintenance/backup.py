"""Backups: a consistent copy of the database and the media files, and their restore.

A backup is a folder:

    manifest.json        what is in it (below)
    database.sqlite3     SQLite: a copy made with SQLite's online backup API
    database.dump        PostgreSQL: pg_dump's custom format
    media/...            the uploaded files (MEDIA_ROOT, or every object of the S3 bucket)

manifest.json: {"format": "carnet-backup", "format_version": 1, "carnet_version",
"created" (ISO 8601, UTC), "database": {"engine": "sqlite"|"postgresql", "file"},
"migrations": {app: [applied migrations]}, "media": "included"|"not included: ...",
"files": [{"path", "size", "sha256"}]}. Every file of the folder except the manifest
is listed; restore refuses a folder whose files differ from it.

The database is copied first, then the media: uploaded files get new random names and
are never changed in place, so every file the copied database names is in the backup.
"""

import contextlib
import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

FORMAT = "carnet-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
# Tables that `carnet migrate` fills by itself: rows there do not make a database "in use".
STRUCTURE_TABLES = {"django_migrations", "django_content_type", "auth_permission"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is one line for the operator."""


def engine():
    return "postgresql" if connection.vendor == "postgresql" else connection.vendor


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def media_on_disk():
    """MEDIA_ROOT when uploads are kept on this machine's disk, else None (e.g. S3)."""
    storage = storages["default"]
    return Path(settings.MEDIA_ROOT) if isinstance(storage, FileSystemStorage) else None


def stored_names(storage, folder=""):
    """Every file name in a storage (e.g. every object of an S3 bucket), folder by folder."""
    folders, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from stored_names(storage, f"{folder}/{sub}" if folder else sub)


def copy_stored_media(target, skip=()):
    """Copy every file of the media storage (not on this disk) into target, except the
    top folders named in skip."""
    storage = storages["default"]
    for name in stored_names(storage):
        if name.split("/")[0] in skip:
            continue
        path = target / name
        if not path.resolve().is_relative_to(target.resolve()):
            raise BackupError(
                _("the media storage holds an unsafe name: %(name)s") % {"name": name}
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source, open(path, "wb") as sink:
            shutil.copyfileobj(source, sink, CHUNK)


def applied_migrations():
    applied = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def carnet_version():
    try:
        return metadata.version("carnet")
    except metadata.PackageNotFoundError:
        return "unknown"


def listing(folder):
    """Every file under folder except the manifest, as manifest entries, sorted by path."""
    entries = []
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if relative != MANIFEST:
            entries.append({"path": relative, "size": path.stat().st_size, "sha256": sha256(path)})
    return entries


# --- PostgreSQL tools ---------------------------------------------------------------------


def pg_tool(name):
    """pg_dump, pg_restore or psql: on PATH, else the newest in /usr/lib/postgresql/*/bin."""
    if found := shutil.which(name):
        return found
    candidates = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if candidates:
        return str(candidates[-1])
    raise BackupError(
        _("%(tool)s was not found (install PostgreSQL's client programs, e.g. postgresql-client)")
        % {"tool": name}
    )


def pg_env():
    """Connection settings for PostgreSQL's programs, passed in the environment (no password
    on a command line)."""
    db = connection.settings_dict
    env = {**os.environ}
    for variable, key in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ]:
        if db.get(key):
            env[variable] = str(db[key])
    return env


def run_pg(args, **kwargs):
    result = subprocess.run(args, env=pg_env(), capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
        raise BackupError(
            _("%(tool)s failed: %(reason)s")
            % {"tool": Path(args[0]).name, "reason": lines[0] if lines else result.returncode}
        )
    return result


# --- backup -------------------------------------------------------------------------------


def copy_database(target):
    connection.ensure_connection()
    if engine() == "sqlite":
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
            # One self-contained file: no -wal or -shm beside it.
            destination.execute("PRAGMA journal_mode=DELETE")
        finally:
            destination.close()
    elif engine() == "postgresql":
        run_pg([pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target)])
    else:
        raise BackupError(_("Carnet cannot back up a %(engine)s database") % {"engine": engine()})


def make_backup(folder, *, skip_media=()):
    """Write a backup into folder (new or empty); return the manifest.

    skip_media: top folders of the media not copied (e.g. the downloads, which hold
    earlier backups)."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BackupError(
            _("%(folder)s is not an empty folder: choose a new one (e.g. one per date)")
            % {"folder": folder}
        )
    media = media_on_disk()
    if media is not None and folder.resolve().is_relative_to(media.resolve()):
        raise BackupError(
            _("%(folder)s is inside the media folder: choose a folder elsewhere")
            % {"folder": folder}
        )
    folder.mkdir(parents=True, exist_ok=True)
    database_file = DATABASE_FILES.get(engine(), "database")
    copy_database(folder / database_file)
    media_note = "included"
    if media is None:
        copy_stored_media(folder / "media", skip=skip_media)
    elif media.is_dir():
        skipped = set(skip_media)
        shutil.copytree(
            media,
            folder / "media",
            symlinks=False,
            ignore=lambda where, names: (
                [n for n in names if n in skipped] if Path(where) == media else []
            ),
        )
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "carnet_version": carnet_version(),
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": {"engine": engine(), "file": database_file},
        "migrations": applied_migrations(),
        "media": media_note,
        "files": listing(folder),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


# --- restore ------------------------------------------------------------------------------


def read_manifest(folder):
    """The manifest of a backup folder, checked against its files; BackupError if not."""
    folder = Path(folder)
    path = folder / MANIFEST
    not_a_backup = _("%(folder)s is not a Carnet backup (no valid manifest.json)") % {
        "folder": folder
    }
    if not path.is_file():
        raise BackupError(not_a_backup)
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError, OSError):
        raise BackupError(not_a_backup) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(not_a_backup)
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            # A link could bring in a file from elsewhere on this machine.
            raise BackupError(
                _("%(folder)s holds a link (%(path)s): a Carnet backup holds plain files only")
                % {"folder": folder, "path": path.relative_to(folder).as_posix()}
            )
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            _("%(folder)s is a backup in format %(version)s, which this Carnet cannot read")
            % {"folder": folder, "version": manifest.get("format_version")}
        )
    if problem := manifest_problem(manifest):
        raise BackupError(
            _("%(folder)s has a malformed manifest.json: %(problem)s")
            % {"folder": folder, "problem": problem}
        )
    listed = {entry["path"]: entry for entry in manifest["files"]}
    actual = {entry["path"]: entry for entry in listing(folder)}
    for relative in sorted(set(listed) | set(actual)):
        if relative not in actual:
            problem = _("%(path)s is missing") % {"path": relative}
        elif relative not in listed:
            problem = _("%(path)s is not in the manifest") % {"path": relative}
        elif listed[relative] != actual[relative]:
            problem = _("%(path)s has changed") % {"path": relative}
        else:
            continue
        raise BackupError(
            _("%(folder)s does not match its manifest: %(problem)s")
            % {"folder": folder, "problem": problem}
        )
    if manifest["database"]["file"] not in actual:
        raise BackupError(not_a_backup)
    return manifest


def _is_text_list(value):
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _is_file_entry(entry):
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("path"), str)
        and type(entry.get("size")) is int
        and isinstance(entry.get("sha256"), str)
    )


TEXT = gettext_lazy("text")
# What manifest.json holds: key -> (what it must be, a check of its value).
MANIFEST_KEYS = {
    "carnet_version": (TEXT, lambda v: isinstance(v, str)),
    "created": (TEXT, lambda v: isinstance(v, str)),
    "database": (
        '{"engine": "sqlite" or "postgresql", "file": text}',
        lambda v: (
            isinstance(v, dict)
            and v.get("engine") in DATABASE_FILES
            and isinstance(v.get("file"), str)
        ),
    ),
    "migrations": (
        "{app: [migration, …]}",
        lambda v: isinstance(v, dict) and all(_is_text_list(names) for names in v.values()),
    ),
    "media": (TEXT, lambda v: isinstance(v, str)),
    "files": (
        '[{"path": text, "size": number, "sha256": text}, …]',
        lambda v: isinstance(v, list) and all(_is_file_entry(entry) for entry in v),
    ),
}


def manifest_problem(manifest):
    """What is wrong with the manifest's keys and types (in one line), or None."""
    for key, (shape, valid) in MANIFEST_KEYS.items():
        if key not in manifest:
            return _("“%(key)s” is missing") % {"key": key}
        if not valid(manifest[key]):
            return _("“%(key)s” must be %(shape)s") % {"key": key, "shape": shape}
    return None


def database_in_use():
    """True when a model's table, other than those `migrate` fills by itself, has rows.

    Only models' tables count: search indexes (SQLite FTS5 shadow tables) hold
    bookkeeping rows from the start.
    """
    with connection.cursor() as cursor:
        for table in connection.introspection.django_table_names(only_existing=True):
            if table in STRUCTURE_TABLES:
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
            if cursor.fetchone():
                return True
    return False


def unknown_migrations(manifest):
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return sorted(
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in known
    )


SIGNATURES = {"sqlite": b"SQLite format 3\x00", "postgresql": b"PGDMP"}


def check_database_file(folder, manifest):
    """Refuse a database file that is not what the manifest says (e.g. not SQLite)."""
    source = folder / manifest["database"]["file"]
    expected = SIGNATURES[manifest["database"]["engine"]]
    with open(source, "rb") as handle:
        if handle.read(len(expected)) != expected:
            raise BackupError(
                _("%(folder)s: %(file)s is not a %(engine)s database file")
                % {
                    "folder": folder,
                    "file": manifest["database"]["file"],
                    "engine": manifest["database"]["engine"],
                }
            )
    if manifest["database"]["engine"] == "sqlite":
        try:
            with contextlib.closing(
                sqlite3.connect(f"file:{source}?mode=ro&immutable=1", uri=True)
            ) as database:
                result = database.execute("PRAGMA quick_check").fetchone()
        except sqlite3.DatabaseError as exc:
            result = (str(exc),)
        if result != ("ok",):
            raise BackupError(
                _("%(folder)s: %(file)s is a damaged SQLite database (%(reason)s)")
                % {"folder": folder, "file": manifest["database"]["file"], "reason": result[0]}
            )


def restore_database(source):
    if engine() == "sqlite":
        connection.ensure_connection()
        backup = sqlite3.connect(f"file:{source}?mode=ro&immutable=1", uri=True)
        try:
            backup.backup(connection.connection)
        finally:
            backup.close()
    else:
        # All or nothing: drop every table and load the dump in one transaction.
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
        drops = "".join(
            f"DROP TABLE IF EXISTS {connection.ops.quote_name(t)} CASCADE;\n" for t in tables
        )
        connection.close()  # our own idle connection must not hold locks on what we drop
        with tempfile.TemporaryDirectory(prefix="carnet-restore-") as work:
            (Path(work) / "drop.sql").write_text(drops)
            load = Path(work) / "load.sql"
            restore = [pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--file", load]
            run_pg([*restore, source])
            psql = [pg_tool("psql"), "--no-psqlrc", "--quiet", "--single-transaction"]
            psql += ["--set", "ON_ERROR_STOP=1", "--output", os.devnull]
            run_pg([*psql, "--file", Path(work) / "drop.sql", "--file", load])


def restore_media(source):
    media = media_on_disk()
    if media is None:
        # A bucket: put back every file it lacks (names are never reused, so a file that
        # is there is the same); objects the backup does not hold are left alone.
        storage = storages["default"]
        for path in sorted(p for p in source.rglob("*") if p.is_file()) if source.is_dir() else []:
            name = path.relative_to(source).as_posix()
            if not storage.exists(name):
                with open(path, "rb") as handle:
                    storage.save(name, File(handle, name=name))
        return
    media.mkdir(parents=True, exist_ok=True)
    for child in media.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if source.is_dir():
        shutil.copytree(source, media, dirs_exist_ok=True)


def restore_backup(folder, *, force=False):
    """Bring back the database and media of a backup folder; return its manifest."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    if manifest["database"]["engine"] != engine():
        raise BackupError(
            _(
                "%(folder)s holds a %(theirs)s database but DATABASE_URL names a %(ours)s one: "
                "restore it into a %(theirs)s database"
            )
            % {"folder": folder, "theirs": manifest["database"]["engine"], "ours": engine()}
        )
    if unknown := unknown_migrations(manifest):
        raise BackupError(
            _(
                "%(folder)s was made by a newer Carnet (%(version)s; unknown migration "
                "%(migration)s): install that version first"
            )
            % {
                "folder": folder,
                "version": manifest["carnet_version"],
                "migration": unknown[0],
            }
        )
    check_database_file(folder, manifest)
    if not force and database_in_use():
        raise BackupError(
            _("the database is not empty: add --force to replace its content with the backup")
        )
    restore_database(folder / manifest["database"]["file"])
    restore_media(folder / "media")
    return manifest
