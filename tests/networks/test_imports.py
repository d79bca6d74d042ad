"""The members import parser: pure functions, read from CSV and XLSX uploads."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from carnet.lib.spreadsheets import csv_text, xlsx_bytes
from carnet.networks.imports import (
    COLUMNS,
    ImportRefused,
    RowError,
    parse_rows,
    read_table,
    template_csv,
    template_xlsx,
)

GOOD = [
    COLUMNS,
    ["Caritas Albania", "CA", "Albania", "Tirana", "https://caritas.al", "pilot", "2011-03-01", ""],
    ["Caritas Armenia", "", "AM", "Gyumri", "", "", "2012-06-01", "2016-12-31"],
]


def csv_upload(rows, name="members.csv"):
    return SimpleUploadedFile(name, csv_text(rows).encode())


def xlsx_upload(rows, name="members.xlsx"):
    return SimpleUploadedFile(name, xlsx_bytes(rows, title="members"))


@pytest.mark.parametrize("upload", [csv_upload, xlsx_upload])
def test_a_good_file_gives_clean_rows_and_no_error(upload):
    rows, errors = parse_rows(read_table(upload(GOOD)))
    assert errors == []
    assert rows == [
        {
            "row": 2,
            "name": "Caritas Albania",
            "short_name": "CA",
            "country": "AL",
            "city": "Tirana",
            "website": "https://caritas.al",
            "role": "pilot",
            "joined_on": "2011-03-01",
            "left_on": None,
        },
        {
            "row": 3,
            "name": "Caritas Armenia",
            "short_name": "",
            "country": "AM",
            "city": "Gyumri",
            "website": "",
            "role": "member",
            "joined_on": "2012-06-01",
            "left_on": "2016-12-31",
        },
    ]


@pytest.mark.parametrize("upload", [csv_upload, xlsx_upload])
def test_each_bad_row_is_reported_with_its_row_column_and_reason(upload):
    bad = [
        COLUMNS,
        ["Caritas Albania", "", "Atlantis", "", "", "", "2011-03-01", ""],
        ["Caritas Armenia", "", "AM", "", "", "", "2012-06-01", "2010-01-01"],
        ["caritas armenia", "", "AM", "", "", "", "2012-06-01", ""],
        ["", "", "FR", "Paris", "", "", "2013-01-01", ""],
        ["Caritas France", "", "FR", "", "", "", "", ""],
    ]
    rows, errors = parse_rows(read_table(upload(bad)))
    assert rows == []
    assert errors == [
        RowError(2, "Country", "Unknown country: “Atlantis”."),
        RowError(3, "Left on", "The member leaves before it joined."),
        RowError(4, "Organisation", "The organisation is already in row 3."),
        RowError(5, "Organisation", "The name is missing."),
        RowError(6, "Joined on", "The date of joining is missing."),
    ]


def test_countries_are_read_from_french_names_too():
    rows, errors = parse_rows(
        read_table(csv_upload([COLUMNS, ["X", "", "Arménie", "", "", "", "2012-06-01", ""]]))
    )
    assert (errors, rows[0]["country"]) == ([], "AM")


def test_a_formula_quoted_by_our_own_export_reads_back_as_written():
    rows, _ = parse_rows(
        read_table(csv_upload([COLUMNS, ["=Odd name", "", "FR", "", "", "", "2012-06-01", ""]]))
    )
    assert rows[0]["name"] == "=Odd name"


def test_a_file_without_the_required_columns_is_refused():
    with pytest.raises(ImportRefused, match="missing: Country, Joined on"):
        read_table(csv_upload([["name", "city"], ["X", "Y"]]))


def test_a_file_of_another_kind_is_refused():
    with pytest.raises(ImportRefused, match="Choose a .csv or .xlsx file."):
        read_table(SimpleUploadedFile("members.txt", b"name"))


def test_a_zip_bomb_named_xlsx_is_refused_before_openpyxl_reads_it(settings):
    settings.DOCUMENT_MAX_UNZIPPED_MB = 1
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"\0" * (3 * 1024 * 1024))
    with pytest.raises(ImportRefused, match="zip bomb"):
        read_table(SimpleUploadedFile("members.xlsx", buffer.getvalue()))


@pytest.mark.parametrize(("body", "name"), [(template_csv(), "t.csv"), (template_xlsx(), "t.xlsx")])
def test_the_templates_parse_without_error(body, name):
    rows, errors = parse_rows(read_table(SimpleUploadedFile(name, body)))
    assert (len(rows), errors) == (1, [])


def test_the_template_names_its_columns_in_the_interface_language_for_excel():
    with translation.override("fr"):
        body = template_csv()
    assert body.startswith(b"\xef\xbb\xbf")  # Excel reads the accents right
    assert body.decode("utf-8-sig").splitlines()[0].startswith("Organisation,Nom court,Pays,Ville")


def test_a_file_may_name_its_columns_in_any_interface_language_or_by_key():
    headers = ["Organisation", "Pays", "joined_on"]
    (row,) = read_table(csv_upload([headers, ["Caritas Albania", "Albania", "2011-03-01"]]))
    assert row == (2, {"name": "Caritas Albania", "country": "Albania", "joined_on": "2011-03-01"})


def test_a_file_named_xlsx_that_is_no_workbook_is_refused():
    with pytest.raises(ImportRefused, match="The XLSX file cannot be read."):
        read_table(SimpleUploadedFile("members.xlsx", b"name,country\n"))
