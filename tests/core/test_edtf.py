from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket.core import edtf
from docket.core.edtf import EDTFError, Precision


@pytest.mark.parametrize(
    ("text", "lower", "upper", "precision"),
    [
        ("2024", date(2024, 1, 1), date(2024, 12, 31), Precision.YEAR),
        ("2024-01", date(2024, 1, 1), date(2024, 1, 31), Precision.MONTH),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), Precision.MONTH),
        ("2024-08-23", date(2024, 8, 23), date(2024, 8, 23), Precision.DAY),
        ("2010/2016", date(2010, 1, 1), date(2016, 12, 31), Precision.RANGE),
        ("2017~", date(2017, 1, 1), date(2017, 12, 31), Precision.YEAR),
        ("2017?", date(2017, 1, 1), date(2017, 12, 31), Precision.YEAR),
        ("../2019", None, date(2019, 12, 31), Precision.RANGE),
        ("2019/..", date(2019, 1, 1), None, Precision.RANGE),
        ("201X", date(2010, 1, 1), date(2019, 12, 31), Precision.DECADE),
        ("19XX", date(1900, 1, 1), date(1999, 12, 31), Precision.CENTURY),
    ],
)
def test_parse_bounds_and_precision(text, lower, upper, precision):
    value = edtf.parse(text)
    assert (value.lower, value.upper, value.precision) == (lower, upper, precision)
    assert value.text == text


@pytest.mark.parametrize(
    ("text", "human"),
    [
        ("2024", "2024"),
        ("2024-01", "January 2024"),
        ("2024-08-23", "23 August 2024"),
        ("2010/2016", "2010-2016"),
        ("../2019", "before 2019"),
        ("2019/..", "2019 or later"),
        ("2017~", "about 2017"),
        ("2017?", "2017 (uncertain)"),
        ("2017%", "about 2017 (uncertain)"),
        ("201X", "the 2010s"),
        ("2024-01/2024-03", "January 2024 to March 2024"),
    ],
)
def test_human_text_is_honest(text, human):
    assert edtf.parse(text).human() == human


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-02-30", "February 2024 has 29 days"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("2024-13", "month must be 01 to 12"),
        ("2024-00-10", "month must be 01 to 12"),
        ("24-01-2024", "not a date Docket understands"),
        ("January 2024", "not a date Docket understands"),
        ("2016/2010", "ends before it starts"),
        ("../..", "open at both ends"),
        ("201X-05", "a month needs a full year"),
        ("", "empty date"),
        ("2" * 80, "longer than"),
    ],
)
def test_parse_rejects_with_clear_message(text, message):
    with pytest.raises(EDTFError) as info:
        edtf.parse(text)
    assert message in info.value.message
    assert info.value.code == "invalid_date"


def test_lowercase_unspecified_digit_is_normalised():
    assert edtf.parse("201x").text == "201X"


def test_within_and_overlaps():
    year = edtf.parse("2024")
    assert edtf.parse("2024-01").is_within(year)
    assert edtf.parse("2024-08-23").is_within(year)
    assert not edtf.parse("2023-12").is_within(year)
    assert not edtf.parse("2010/2016").is_within(edtf.parse("2012"))
    assert edtf.parse("2010/2016").overlaps(edtf.parse("2012"))
    assert not edtf.parse("2010/2016").overlaps(edtf.parse("2017"))
    assert edtf.parse("../2019").overlaps(edtf.parse("1990"))
    assert not edtf.parse("../2019").is_within(edtf.parse("2000/2019"))
    assert edtf.parse("2019/..").overlaps(edtf.parse("2030-05"))


def test_sorting_by_bounds():
    texts = ["2024-08-23", "2024", "2010/2016", "../2019", "2024-01", "201X"]
    ordered = [v.text for v in sorted(edtf.parse(t) for t in texts)]
    # Lower bound first, then the narrower (earlier-ending) value.
    assert ordered == ["../2019", "2010/2016", "201X", "2024-01", "2024", "2024-08-23"]


def test_add_months_clamps_to_month_end():
    assert edtf.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert edtf.add_months(date(2024, 1, 1), 78) == date(2030, 7, 1)
    assert edtf.add_months(date(2023, 11, 30), 3) == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("lower", "upper", "text"),
    [
        (date(2030, 7, 1), date(2030, 7, 31), "2030-07"),
        (date(2029, 1, 1), date(2032, 12, 31), "2029/2032"),
        (date(2030, 7, 5), date(2030, 7, 5), "2030-07-05"),
        (date(2023, 7, 1), date(2024, 6, 30), "2023-07/2024-06"),
        (date(2023, 7, 2), date(2024, 6, 3), "2023-07-02/2024-06-03"),
    ],
)
def test_from_bounds_is_tightest(lower, upper, text):
    value = edtf.from_bounds(lower, upper)
    assert value.text == text
    assert (value.lower, value.upper) == (lower, upper)


@given(st.dates(min_value=date(1000, 1, 1)), st.dates(min_value=date(1000, 1, 1)))
def test_from_bounds_round_trips_any_interval(a, b):
    lower, upper = min(a, b), max(a, b)
    value = edtf.from_bounds(lower, upper)
    assert (value.lower, value.upper) == (lower, upper)
    assert edtf.parse(value.text) == value


@given(st.dates(min_value=date(1000, 1, 1)))
def test_every_real_day_parses(day):
    value = edtf.parse(day.isoformat())
    assert value.lower == value.upper == day
    assert edtf.parse(f"{day.year:04d}-{day.month:02d}").lower.day == 1
