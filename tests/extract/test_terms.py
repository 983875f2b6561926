"""terms.v1: prison terms written in words and digits, life, death, revisions."""

from __future__ import annotations

import pytest

from docket.extract.doc import Term
from docket.extract.model import Sentence
from docket.extract.pipeline import Pipeline
from docket.extract.steps.terms import durations


def _terms(text: str) -> list[Term]:
    return Pipeline(["tokens.v1", "sentences.v1", "dates.v1", "terms.v1"])(text).terms


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("He was sentenced to six and a half years in prison.", (78, 78)),
        ("The court sentenced him to between 12 and 15 years in prison.", (144, 180)),
        ("He is serving an 18-year sentence.", (216, 216)),
        ("He was sentenced to 1 year and 6 months in prison.", (18, 18)),
        ("She was sentenced to three years and six months' imprisonment.", (42, 42)),
        ("The court sentenced him to two years' and six months' imprisonment.", (30, 30)),
        ("He was given 10 years' imprisonment.", (120, 120)),
        ("He received a sentence of eight months in prison.", (8, 8)),
        ("She was sentenced to 12 to 15 years in prison.", (144, 180)),
    ],
)
def test_terms_in_words_and_digits(text: str, months: tuple[int, int]) -> None:
    (term,) = _terms(text)
    assert term.kind == "prison"
    assert (term.sentence.min_months, term.sentence.max_months) == months


def test_terms_life_and_death() -> None:
    assert _terms("He was sentenced to life imprisonment.")[0].sentence == Sentence(life=True)
    death = _terms("He was sentenced to death with a two-year reprieve.")
    assert [t.sentence for t in death] == [Sentence(death=True, suspended=True)]
    assert _terms("He received a suspended death sentence.")[0].sentence.suspended
    assert not _terms("He was sentenced to death.")[0].sentence.suspended


def test_terms_suspended_prison_sentence_keeps_the_term_only() -> None:
    found = _terms("He was sentenced to 3 years in prison suspended for 4 years.")
    assert [t.sentence.min_months for t in found] == [36]


def test_terms_revisions_and_reductions() -> None:
    found = _terms(
        "In 1989 he was sentenced to death. In 1991 his sentence was commuted to life "
        "imprisonment, and in 1993 reduced to 20 years. In 2002 it was reduced by 1 year."
    )
    assert [(t.kind, t.sentence) for t in found] == [
        ("prison", Sentence(death=True)),
        ("revision", Sentence(life=True)),
        ("revision", Sentence(min_months=240, max_months=240)),
    ]


def test_terms_administrative_penalties_are_told_apart() -> None:
    found = _terms("He was ordered to serve two years of reeducation through labor.")
    assert [t.kind for t in found] == ["administrative"]
    found = _terms("Police placed him in administrative detention for 10 days.")
    assert [t.kind for t in found] == ["administrative"]


@pytest.mark.parametrize(
    "text",
    [
        "Police held him in a dark room for 20 days.",
        "He was 33 years old when he was detained.",
        "Two years later he was released.",
        "He studied abroad for three years.",
        "The court sentenced him in May 2003.",
        "He was deprived of political rights for 3 years.",
    ],
)
def test_terms_durations_that_are_not_penalties(text: str) -> None:
    assert _terms(text) == []


def test_terms_date_then_term_is_not_a_range() -> None:
    (term,) = _terms("The court sentenced him on December 29 to 1 year and 6 months in prison.")
    assert term.sentence.min_months == 18


def test_durations_split_lists_and_keep_compounds() -> None:
    assert [m for _, _, m in durations("13 years and 6 years")] == [156, 72]
    assert [m for _, _, m in durations("3 years, 6 months")] == [42]
    assert [m for _, _, m in durations("two weeks")] == [pytest.approx(24 / 52)]


def _terms_v2(text: str) -> list[Term]:
    return Pipeline(["tokens.v1", "sentences.v2", "dates.v1", "terms.v2"])(text).terms


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("She was sentenced to 4 yrs. and 3 mos. in prison.", 51),
        ("The court gave him 9 yrs in jail.", 108),
        ("He got 8 yrs for leaking secrets.", 96),
        ("Farmers said he got five years in prison.", 60),
        ("She was jailed for a year and a half.", 18),
        ("He was sentenced to two years and a half in prison.", 30),
        ("He was sentenced to 20 mths in prison.", 20),
        ("The court handed her a 12-year prison term.", 144),
        ("He was sentenced on May 3 to nine years and ten months.", 118),
    ],
)
def test_terms_v2_abbreviations_and_half_after_the_unit(text: str, months: int) -> None:
    (term,) = _terms_v2(text)
    assert term.kind == "prison"
    assert term.sentence == Sentence(min_months=months, max_months=months)


def test_terms_v2_sentence_end_after_a_unit_is_no_abbreviation() -> None:
    (term,) = _terms_v2("His trial ended with a sentence of 11 years. After that he was moved.")
    assert term.sentence.min_months == 132


@pytest.mark.parametrize(
    "text",
    [
        "He faces up to 10 years in prison if convicted.",
        "Prosecutors requested 12 years for the blogger.",
        "She could face the death penalty.",
        "He faces a possible life sentence.",
        "The charge carries a maximum sentence of 15 years.",
        "Prosecutors have asked for a 9-year sentence.",
        "If found guilty, she would be sentenced to as much as seven years in prison.",
    ],
)
def test_terms_v2_possible_or_requested_penalties_are_no_terms(text: str) -> None:
    assert _terms_v2(text) == []


def test_terms_v2_keeps_a_hedged_past_sentence() -> None:
    (term,) = _terms_v2("Authorities may have sentenced her to 4 years in prison.")
    assert term.sentence.min_months == 48


def test_terms_v1_is_unchanged() -> None:
    assert [t.sentence.min_months for t in _terms("He got 8 yrs for leaking secrets.")] == []
    assert [t.sentence.min_months for t in _terms("She faces up to 10 years in prison.")] == [120]
