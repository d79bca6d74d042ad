"""Every CSV and XLSX file Carnet writes, through one cell helper.

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before
one) as a formula: an organisation named `=HYPERLINK("http://evil", "Click")` would
become a live link, or worse, in whoever opens the export (OWASP "CSV injection").
safe_cell() quotes such text with a leading apostrophe; XLSX cells are also written
with the string type, so openpyxl never stores a formula whatever the text.

Nothing else in the code base may import csv writers or openpyxl to write a file
(tests/lib/test_spreadsheets.py checks it).
"""

import csv
import io

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from carnet.lib import zipguard

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A value a spreadsheet shows as written: numbers stay numbers, text never runs."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def read_cell(text):
    """The text safe_cell() was given, from a cell of one of our CSV files (for imports)."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


def xlsx_rows(file):
    """The values of the first sheet of an XLSX file, row by row, read only once
    carnet.lib.zipguard has checked the zip (for imports). Raises zipguard.ZipRefused, or
    ValueError when the zip is no workbook openpyxl can read."""
    zipguard.check(file)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise ValueError("not a workbook") from exc
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def csv_text(rows):
    """Rows (the header first) as CSV text, lines ending in CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return buffer.getvalue()


def xlsx_bytes(rows, *, title):
    """Rows (the header first) as an XLSX workbook of one sheet, without any formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=safe_cell(value))
            if isinstance(cell.value, str):
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
