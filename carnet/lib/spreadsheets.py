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
import datetime
import io

from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from carnet.lib import zipguard

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HEADER_FONT = Font(bold=True)


def safe_cell(value):
    """A value a spreadsheet shows as written: numbers stay numbers, text never runs."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value) if timezone.is_aware(value) else value
    if isinstance(value, datetime.date):
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


def csv_cell(value):
    """safe_cell(), with dates as ISO text (2016-10-01, 2016-10-01 14:30)."""
    value = safe_cell(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def csv_text(rows):
    """Rows (the header first) as CSV text, lines ending in CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue()


def plain_csv_text(rows):
    """Rows as CSV text exactly as given (no formula guard, no date formats): only for handing
    a workbook's cells to the CSV import (carnet.timeline.sources), never for a file people
    open."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue()


def csv_bytes(rows):
    """Rows as a CSV file for people: UTF-8 with a byte order mark, without which Excel reads
    "Shkodër" as "ShkodÃ«r"."""
    return for_excel(csv_text(rows))


def for_excel(text):
    """CSV text (from csv_text) as the bytes of a file Excel opens with its accents."""
    return ("\ufeff" + text).encode("utf-8")


MAX_WIDTH = 60  # characters: longer texts wrap in the cell rather than widen the column


def xlsx_bytes(rows, *, title):
    """Rows (the header first) as an XLSX workbook of one sheet, without any formula: the
    header row bold and frozen, columns as wide as their content (up to MAX_WIDTH), dates as
    dates (Excel sorts and filters them as such)."""
    rows = [[safe_cell(value) for value in row] for row in rows]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.freeze_panes = "A2"
    widths = {}
    for row in rows:
        for index, value in enumerate(row):
            longest = max((len(line) for line in str(value).splitlines()), default=0)
            widths[index] = max(widths.get(index, 8), min(longest + 2, MAX_WIDTH))
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    for number, row in enumerate(rows):
        cells = []
        for value in row:
            if isinstance(value, datetime.datetime):
                value = value.replace(tzinfo=None)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            elif isinstance(value, datetime.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
            if number == 0:
                cell.font = HEADER_FONT
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
