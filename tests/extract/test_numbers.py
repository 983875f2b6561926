"""Numbers in words and digits."""

from __future__ import annotations

import pytest

from docket.extract.numbers import parse_count, parse_number


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("six", 6),
        ("Twelve", 12),
        ("twenty-five", 25),
        ("forty two", 42),
        ("a dozen", 12),
        ("18", 18),
        ("1,000", 1000),
        ("2.5", 2.5),
        ("an", 1),
    ],
)
def test_parse_number_words_and_digits(words: str, value: float) -> None:
    assert parse_number(words) == value


@pytest.mark.parametrize("words", ["", "several", "many", "six hundred and", "x"])
def test_parse_number_rejects_non_numbers(words: str) -> None:
    assert parse_number(words) is None


def test_parse_count_needs_a_whole_positive_number() -> None:
    assert parse_count("four") == 4
    assert parse_count("2.5") is None
    assert parse_count("zero") is None
