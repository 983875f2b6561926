from datetime import date

from docket.cases.release import CONVICTION, DETENTION, START, expected_release


def release(**options):
    base = {"min_months": 78, "max_months": 78, "life": False, "death": False}
    return expected_release(**(base | options))


def test_month_precision_start_gives_a_month():
    result = release(start="2017-05", basis=DETENTION)
    assert (result.edtf, result.text) == ("2023-11", "November 2023")
    assert (result.lower, result.upper) == (date(2023, 11, 1), date(2023, 11, 30))


def test_day_precision_start_gives_a_day():
    assert release(start="2017-05-21", basis=START).text == "21 November 2023"


def test_year_precision_start_gives_an_honest_range():
    result = release(start="2017", basis=DETENTION)
    assert result.edtf == "2023-07/2024-06"
    assert result.text == "July 2023 to June 2024"


def test_range_sentence_gives_a_range():
    result = release(min_months=144, max_months=180, start="2017", basis=DETENTION)
    assert (result.edtf, result.text) == ("2029/2032", "2029-2032")


def test_counting_from_conviction_gives_the_latest_date():
    result = release(start="2024-01", basis=CONVICTION)
    assert result.edtf == "../2030-07"
    assert result.text == "July 2030 at the latest"
    assert result.lower is None and result.upper == date(2030, 7, 31)
    assert "likely earlier" in result.note


def test_approximate_start_is_said():
    assert release(start="2017-05~", basis=DETENTION).text == "about November 2023"


def test_no_release_date_for_life_death_or_unknown_start():
    assert release(life=True, min_months=None, start="2017", basis=DETENTION) is None
    assert release(death=True, min_months=None, start="2017", basis=DETENTION) is None
    assert release(start=None, basis="") is None
    assert release(start="../2019", basis=DETENTION) is None
