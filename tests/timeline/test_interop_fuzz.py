"""Property-based: whatever a TimelineJS JSON or CSV file holds, the importer either
imports it correctly or refuses it with its own ImportFailed; never another exception."""

import json

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from carnet.timeline import interop
from carnet.timeline.models import Era, Milestone

FUZZ = settings(max_examples=120)  # the rest: the 'carnet' profile in tests/conftest.py

TRICKY = st.sampled_from(
    [
        "2015", "2015-03", "2015/03/12", "05/06/2013", "13/06/2013", "2015-02-30", "0",
        "NaN", "1e400", "-1", "9" * 30, "<img src=x onerror=alert(1)>", "=HYPERLINK(1)",
        "http://example.org/a.jpg", "http://testserver/media/../settings.py", "http://[::1",
        "javascript:alert(1)", "\ud800", "\x00", "a" * 400, "é, ü", " ",
    ]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    TRICKY,
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=8,
)


def some(**fields):
    """A dict holding any of these fields, or any value at all."""
    return st.fixed_dictionaries({}, optional=fields) | VALUES


DATES = some(year=VALUES, month=VALUES, day=VALUES, display_date=VALUES) | TRICKY
SLIDES = some(
    unique_id=st.sampled_from(["a", "b", "A b", ""]) | VALUES,
    start_date=DATES,
    end_date=DATES,
    display_date=VALUES,
    group=VALUES,
    text=some(headline=SCALARS, text=SCALARS),
    media=some(url=SCALARS, caption=SCALARS, credit=SCALARS, alt=SCALARS),
)
DOCUMENTS = st.fixed_dictionaries(
    {},
    optional={
        "events": st.lists(SLIDES, max_size=4) | VALUES,
        "eras": st.lists(SLIDES, max_size=3) | VALUES,
        "title": VALUES,
    },
)

CSV_HEADER = (
    "Year,Month,Day,End Year,End Month,End Day,Display Date,Headline,Text,Media,Type,Group,"
    "Start Date\n"
)
CELLS = st.one_of(TRICKY, st.text(max_size=12), st.integers().map(str))
CSV_ROWS = st.lists(st.lists(CELLS, min_size=0, max_size=14), max_size=5)


def csv_cell(value):
    return '"' + value.replace('"', '""') + '"'


def import_or_refuse(network, content):
    """Import in a transaction rolled back after the checks, so examples stay apart."""
    with transaction.atomic():
        try:
            moments, eras, _notes = interop.import_file(network, content, by=None)
        except interop.ImportFailed as failed:
            assert failed.problems
            assert all(str(problem) for problem in failed.problems)
        else:
            assert Milestone.objects.filter(network=network).count() == len(moments)
            assert Era.objects.filter(network=network).count() == len(eras)
            assert all(m.title and m.start for m in moments)
        transaction.set_rollback(True)


@pytest.mark.django_db
@FUZZ
@given(document=DOCUMENTS)
def test_any_timelinejs_json_is_imported_or_refused_clearly(network, document):
    import_or_refuse(network, json.dumps(document, allow_nan=True).encode())


@pytest.mark.django_db
@FUZZ
@given(content=st.binary(max_size=200))
def test_any_bytes_after_a_brace_are_imported_or_refused_clearly(network, content):
    import_or_refuse(network, b"{" + content)


@pytest.mark.django_db
@FUZZ
@given(rows=CSV_ROWS)
def test_any_timelinejs_csv_is_imported_or_refused_clearly(network, rows):
    body = "".join(",".join(csv_cell(c) for c in row) + "\n" for row in rows)
    try:
        content = (CSV_HEADER + body).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate cannot even be written as UTF-8
        content = (CSV_HEADER + body).encode("utf-8", "surrogatepass")
    import_or_refuse(network, content)
