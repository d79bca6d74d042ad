"""Property-based: whatever a backup folder's manifest.json and database file hold, the
backup reader either accepts them or refuses with its own BackupError, in one line; never
another exception."""

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carnet.maintenance.backup import (
    MANIFEST_KEYS,
    BackupError,
    check_database_file,
    listing,
    read_manifest,
)

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(["sqlite", "postgresql", "database.sqlite3", "../outside", "\ud800"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
DATABASES = st.one_of(
    st.binary(max_size=300),
    st.binary(max_size=300).map(lambda tail: b"SQLite format 3\x00" + tail),
    st.binary(max_size=100).map(lambda tail: b"PGDMP" + tail),
)


@st.composite
def manifests(draw, database):
    """A manifest as `carnet backup` writes it, with some keys dropped, retyped or added."""
    manifest = {
        "format": "carnet-backup",
        "format_version": draw(st.sampled_from([1, 1, 1, 2, "1"])),
        "carnet_version": "0.1.0",
        "created": "2026-12-01T04:00:00+00:00",
        "database": {
            "engine": draw(st.sampled_from(["sqlite", "postgresql"])),
            "file": "database.sqlite3",
        },
        "migrations": {"networks": ["0001_initial"]},
        "media": "included",
        "files": listing(database),
    }
    for key in draw(st.lists(st.sampled_from(sorted(MANIFEST_KEYS)), max_size=2)):
        if draw(st.booleans()):
            manifest.pop(key, None)
        else:
            manifest[key] = draw(VALUES)
    manifest.update(draw(st.dictionaries(st.text(max_size=8), VALUES, max_size=2)))
    return manifest


@FUZZ
@given(data=st.data(), database=DATABASES, raw=st.none() | st.binary(max_size=200))
def test_a_backup_manifest_is_read_or_refused_in_one_line(data, database, raw):
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "database.sqlite3").write_bytes(database)
        manifest = data.draw(manifests(folder))
        text = json.dumps(manifest).encode() if raw is None else raw
        (folder / "manifest.json").write_bytes(text)
        try:
            checked = read_manifest(folder)
            check_database_file(folder, checked)
        except BackupError as exc:
            assert "\n" not in str(exc)
            return
        assert checked == json.loads(text)
