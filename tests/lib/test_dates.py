import datetime

import pytest

from carnet.lib.dates import BadDate, PartialDate, check_order, parse


def test_partial_date_keeps_its_precision():
    assert PartialDate(2015).precision == "year"
    assert PartialDate(2015, 3).precision == "month"
    assert PartialDate(2015, 3, 12).precision == "day"


def test_partial_date_iso_is_a_valid_time_datetime():
    assert PartialDate(2015).iso() == "2015"
    assert PartialDate(2015, 3).iso() == "2015-03"
    assert PartialDate(2015, 3, 12).iso() == "2015-03-12"


def test_partial_date_first_and_last_day():
    assert PartialDate(2016, 2).first_day == datetime.date(2016, 2, 1)
    assert PartialDate(2016, 2).last_day == datetime.date(2016, 2, 29)
    assert PartialDate(2015).last_day == datetime.date(2015, 12, 31)


@pytest.mark.parametrize(
    ("parts", "reason"),
    [
        ((2015, 2, 30), "2015-02-30 does not exist"),
        ((2015, 13, None), "month 13 does not exist"),
        ((2015, None, 4), "a day needs a month"),
        ((0, None, None), "year 0 is before the common era: moments start in year 1"),
    ],
)
def test_partial_date_refuses_dates_that_do_not_exist(parts, reason):
    with pytest.raises(BadDate) as error:
        PartialDate(*parts)
    assert str(error.value) == reason


def test_from_parts_reads_strings_and_blanks():
    assert PartialDate.from_parts("2015", "03", "") == PartialDate(2015, 3)
    assert PartialDate.from_parts(2015.0, " 3 ", None) == PartialDate(2015, 3)
    with pytest.raises(BadDate, match="the year is missing"):
        PartialDate.from_parts("", "3")
    with pytest.raises(BadDate, match="month is not a number: March"):
        PartialDate.from_parts("2015", "March")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2015", PartialDate(2015)),
        ("2015-03", PartialDate(2015, 3)),
        ("2015-03-12", PartialDate(2015, 3, 12)),
        ("2015,3,12", PartialDate(2015, 3, 12)),
        ("2015/03/12", PartialDate(2015, 3, 12)),
        ("2015/3", PartialDate(2015, 3)),
        ("2015-03-12 00:00:00", PartialDate(2015, 3, 12)),
        ("3/13/2015", PartialDate(2015, 3, 13)),
        ("13/3/2015", PartialDate(2015, 3, 13)),
        ("4/4/2015", PartialDate(2015, 4, 4)),
        ("  ", None),
    ],
)
def test_parse_reads_the_usual_forms(text, expected):
    assert parse(text) == expected


def test_parse_refuses_text():
    with pytest.raises(BadDate) as error:
        parse("spring")
    assert (error.value.code, error.value.params) == ("unreadable", {"text": "spring"})
    assert str(error.value) == (
        "“spring” is not a date (write e.g. 2015, October 2015, 10/2015 or 12/10/2015)"
    )


def test_parse_refuses_a_date_that_reads_both_ways_and_asks_for_year_month_day():
    with pytest.raises(BadDate) as error:
        parse("05/06/2013")
    assert str(error.value) == (
        "“05/06/2013” could be 2013-05-06 or 2013-06-05: write the date year-month-day"
    )


@pytest.mark.parametrize(
    ("value", "part"), [(2015.5, "year"), (float("nan"), "year"), (float("inf"), "year")]
)
def test_from_parts_refuses_numbers_that_are_not_whole_years(value, part):
    with pytest.raises(BadDate) as error:
        PartialDate.from_parts(value)
    assert error.value.part == part


def test_from_parts_refuses_a_year_of_a_thousand_digits_without_a_python_error():
    with pytest.raises(BadDate) as error:
        PartialDate.from_parts("9" * 1000)
    assert error.value.code == "not_a_number"


@pytest.mark.parametrize(
    ("parts", "part"),
    [((2015, 2, 30), "day"), ((2015, 13), "month"), ((2015, None, 3), "month"), ((0,), "year")],
)
def test_a_bad_date_names_the_part_at_fault(parts, part):
    with pytest.raises(BadDate) as error:
        PartialDate.from_parts(*parts)
    assert error.value.part == part


def test_check_order_compares_first_days():
    check_order(PartialDate(2015, 3), PartialDate(2015, 3, 1))
    with pytest.raises(BadDate, match=r"the end \(2015-03\) is before the start \(2015-03-12\)"):
        check_order(PartialDate(2015, 3, 12), PartialDate(2015, 3))
    with pytest.raises(BadDate, match=r"the end \(2014\) is before the start \(2015-03\)"):
        check_order(PartialDate(2015, 3), PartialDate(2014))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("October 2016", PartialDate(2016, 10)),
        ("octobre 2016", PartialDate(2016, 10)),
        ("Février 2015", PartialDate(2015, 2)),
        ("sept. 2016", PartialDate(2016, 9)),
        ("2016-10", PartialDate(2016, 10)),
        ("10/2016", PartialDate(2016, 10)),
        ("2016", PartialDate(2016)),
        ("12/10/2016", PartialDate(2016, 10, 12)),
        ("12.10.2016", PartialDate(2016, 10, 12)),
        ("1er octobre 2016", PartialDate(2016, 10, 1)),
        ("12 October 2016", PartialDate(2016, 10, 12)),
        ("October 12, 2016", PartialDate(2016, 10, 12)),
        ("3/13/2015", PartialDate(2015, 3, 13)),
    ],
)
def test_parse_reads_what_people_type_with_the_day_first(text, expected):
    assert parse(text, day_first=True) == expected


def test_a_spreadsheet_date_that_reads_both_ways_is_still_refused():
    assert parse("12/10/2016", day_first=True) == PartialDate(2016, 10, 12)
    with pytest.raises(BadDate) as error:
        parse("12/10/2016")
    assert error.value.code == "ambiguous"


@pytest.mark.parametrize("text", ["Octember 2016", "31/02/2016", "13/2016", "spring 2016"])
def test_parse_refuses_what_is_not_a_date_even_with_a_month_name(text):
    with pytest.raises(BadDate):
        parse(text, day_first=True)
