"""dates.v1: precision, citations and inferred years."""

from __future__ import annotations

import datetime as dt

import pytest

from docket.extract.doc import Doc
from docket.extract.pipeline import Pipeline


def _dates(text: str, published: dt.date | None = None) -> list[tuple[str, bool]]:
    doc: Doc = Pipeline(["tokens.v1", "sentences.v1", "dates.v1"])(text, published)
    return [(d.edtf(), d.citation) for d in doc.dates]


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("He was detained on August 23, 2017.", "2017-08-23"),
        ("He was detained on 23 August 2017.", "2017-08-23"),
        ("He was detained in August 2017.", "2017-08"),
        ("He was detained in early February 2012.", "2012-02"),
        ("He was detained in 2017.", "2017"),
        ("He was detained on or about June 23, 2017.", "2017-06-23~"),
        ("He was detained in the summer of 2008.", "2008-22"),
        ("He was detained around 2015.", "2015~"),
        ("He was detained on 17.09.2013 in Baku.", "2013-09-17"),
        ("Police detained them on May 12-14, 2008.", "2008-05-12"),
    ],
)
def test_dates_keep_their_precision(text: str, edtf: str) -> None:
    assert _dates(text)[0][0] == edtf


def test_dates_year_of_day_and_month_comes_from_context() -> None:
    text = "The court convicted him in January 2024. His family was told on August 23."
    assert [d for d, _ in _dates(text)] == ["2024-01", "2024-08-23"]


def test_dates_year_prefers_a_full_date_to_a_background_year() -> None:
    text = (
        "He studied in Turkey between 2010 and 2016. "
        "He was tried in January 2024 and on May 5 sentenced."
    )
    assert _dates(text)[-1][0] == "2024-05-05"


def test_dates_month_far_after_the_reference_is_last_year() -> None:
    text = "He was sentenced on January 17, 2008. On December 12, he had been detained."
    assert _dates(text)[-1][0] == "2007-12-12"


def test_dates_year_from_published_when_the_text_has_none() -> None:
    assert _dates("He was detained on March 3.", dt.date(2019, 6, 1)) == [("2019-03-03", False)]


def test_dates_without_year_or_context_are_dropped() -> None:
    assert _dates("He was detained on March 3.") == []


def test_dates_source_citations_are_marked() -> None:
    text = "According to RFA (24 February 12; 21 May 12), police detained him on May 3, 2011."
    found = _dates(text)
    assert found[:2] == [("2012-02-24", True), ("2012-05-21", True)]
    assert found[2] == ("2011-05-03", False)


def test_dates_report_dates_are_citations() -> None:
    text = "According to a December 7, 2016, RFA report, officials detained him on May 3, 2016."
    assert _dates(text) == [("2016-12-07", True), ("2016-05-03", False)]


def test_dates_not_years() -> None:
    assert _dates("They fined him 2000 yuan and 1,500 others.") == []


def test_dates_v2_date_of_a_list_of_sources_is_a_citation() -> None:
    from docket.extract.steps.dates import find_dates

    text = (
        "Based on February 2009 TCHRD, RFA, and FTC reports, police detained him. According "
        "to April 2009 Phayul and TCHRD reports, in early April 2009 officials detained her. "
        "Police detained Li Hua in May 2009 and Wang Bo reports that he was beaten."
    )
    found = [(text[d.span[0] : d.span[1]], d.citation) for d in find_dates(text, v2=True)]
    assert found == [
        ("February 2009", True),
        ("April 2009", True),
        ("April 2009", False),
        ("May 2009", False),
    ]
    assert not any(d.citation for d in find_dates(text)[:1])


def test_dates_v2_space_before_the_comma() -> None:
    from docket.extract.steps.dates import find_dates

    (date,) = find_dates("On June 12 , 2010, police detained him.", v2=True)
    assert (date.year, date.month, date.day) == (2010, 6, 12)
