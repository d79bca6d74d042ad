"""Property-based: whatever an archive holds, `carnet archive import` either imports it or
refuses it with its own ArchiveError, in one line; never another exception."""

import itertools
import json
import tempfile
import zipfile
from pathlib import Path

from django.db import models
from hypothesis import event, given, settings
from hypothesis import strategies as st

from carnet.archive.importer import ArchiveError, Imported, archived_models, import_archive
from carnet.archive.schema import FORMAT

FUZZ = settings(max_examples=100)  # the rest: the 'carnet' profile in tests/conftest.py
TRICKY = st.sampled_from(
    [
        "", "0", "-1", "9" * 30, "2015-02-30", "2015-03-12", "2015-03-12T10:00:00+00:00",
        "NaN", "\ud800", "\x00", "a" * 300, "<script>alert(1)</script>", "../../etc/passwd",
        "draft", "published", "coordinator", "AL", "en",
    ]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    TRICKY,
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=8,
)
MODELS = sorted(archived_models())
OUTSIDERS = ["axes.AccessAttempt", "auth.Group", "sessions.Session", "nonsense", "a.b.c"]
serial = itertools.count()


def plausible(field):
    """Values of the right kind for a field (and, through VALUES, of any other kind)."""
    if field.is_relation:
        return st.none() | st.integers(0, 4)
    if field.choices:
        return st.sampled_from([value for value, _label in field.flatchoices])
    if isinstance(field, models.BooleanField):
        return st.booleans()
    if isinstance(field, (models.IntegerField, models.FloatField)):
        return st.integers(-5, 5000)
    if isinstance(field, models.DateTimeField):
        return st.datetimes().map(lambda d: d.isoformat() + "+00:00")
    if isinstance(field, models.DateField):
        return st.dates().map(str)
    if isinstance(field, models.JSONField):
        return VALUES
    return st.text(max_size=30)


@st.composite
def rows(draw, name):
    model = archived_models().get(name)
    fields = {}
    if model is not None:
        for field in model._meta.concrete_fields:
            if not field.primary_key and draw(st.booleans()):
                fields[field.name] = draw(plausible(field) | VALUES)
    fields.update(draw(st.dictionaries(st.text(max_size=8), VALUES, max_size=2)))
    return {"id": draw(st.integers(0, 4) | VALUES), "fields": fields}


@st.composite
def blocks(draw):
    name = draw(st.sampled_from(MODELS + OUTSIDERS) | VALUES)
    row_name = name if isinstance(name, str) else ""
    return {"model": name, "rows": draw(st.lists(rows(row_name), max_size=3) | VALUES)}


@st.composite
def documents(draw):
    network = {
        "model": "networks.Network",
        "rows": [
            {
                "id": 1,
                "fields": {
                    "name": draw(st.text("abc xyz", min_size=1)),
                    "slug": "fuzz",
                    "created": "2020-01-01T00:00:00+00:00",
                },
            }
        ],
    }
    models_ = draw(st.lists(blocks(), max_size=4))
    if draw(st.booleans()):
        models_.insert(0, network)
    document = {
        "format": FORMAT,
        "schema_version": draw(st.sampled_from([1] * 6 + [0, 2, "1", None])),
        "network": "fuzz",
        "models": models_,
        "files": {},
    }
    for key in draw(st.lists(st.sampled_from(sorted(document)), max_size=2)):
        document[key] = draw(VALUES)  # now and then, a key of the wrong kind
    return document


@FUZZ
@given(document=documents())
def test_an_archive_is_imported_or_refused_in_one_line(db, document):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("archive.json", json.dumps(document))
        try:
            imported = import_archive(path, slug=f"fuzz-{next(serial)}")
        except ArchiveError as exc:
            assert "\n" not in str(exc)
            event(str(exc).replace(folder, "")[:60])  # --hypothesis-show-statistics
            return
    event("imported")
    assert isinstance(imported, Imported)
    assert imported.network.slug.startswith("fuzz-")
