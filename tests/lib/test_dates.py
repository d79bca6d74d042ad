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
        ((0, None, None), "year 0 is out of range (1 to 9999)"),
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
        ("3/12/2015", PartialDate(2015, 3, 12)),
        ("  ", None),
    ],
)
def test_parse_reads_the_usual_forms(text, expected):
    assert parse(text) == expected


def test_parse_refuses_text():
    with pytest.raises(BadDate) as error:
        parse("spring")
    assert (error.value.code, error.value.params) == ("unreadable", {"text": "spring"})
    assert str(error.value) == "“spring” is not a date (write e.g. 2015, 2015-03 or 2015-03-12)"


def test_check_order_compares_first_days():
    check_order(PartialDate(2015, 3), PartialDate(2015, 3, 1))
    with pytest.raises(BadDate, match=r"the end \(2015-03\) is before the start \(2015-03-12\)"):
        check_order(PartialDate(2015, 3, 12), PartialDate(2015, 3))
    with pytest.raises(BadDate, match=r"the end \(2014\) is before the start \(2015-03\)"):
        check_order(PartialDate(2015, 3), PartialDate(2014))
