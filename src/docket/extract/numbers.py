"""Numbers written in words or digits: "six and a half", "twenty-five", "a dozen", "18"."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0,
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "dozen": 12,
    "a dozen": 12,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}

_UNIT_WORDS = "|".join(sorted((k for k in UNITS if " " not in k), key=len, reverse=True))
_TENS_WORDS = "|".join(TENS)
# A number in words, and a cardinal number, as regular expression fragments (no groups).
WORD_NUMBER = rf"(?:(?:{_TENS_WORDS})(?:[- ](?:{_UNIT_WORDS}))?|a dozen|(?:{_UNIT_WORDS}))"
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{WORD_NUMBER})"
# A small number (up to two digits): counts of years, months, people.
SMALL_NUMBER = rf"(?:\d{{1,2}}(?:\.\d)?(?!\d)|{WORD_NUMBER})"
_NUMBER_RE = re.compile(rf"^{NUMBER}$", re.IGNORECASE)


def parse_number(words: str) -> float | None:
    """Return the value of a number written in digits or words, or None."""
    w = words.strip().lower().replace(",", "")
    if not w or not _NUMBER_RE.match(w):
        return None
    if w[0].isdigit():
        return float(w)
    if w in UNITS:
        return float(UNITS[w])
    parts = re.split(r"[- ]", w)
    if parts[0] in TENS:
        return float(TENS[parts[0]] + (UNITS.get(parts[1], 0) if len(parts) > 1 else 0))
    return None


def parse_count(words: str) -> int | None:
    """Return a whole number of people or things ("four", "16", "a dozen"), or None."""
    value = parse_number(words)
    if value is None or value != int(value) or value < 1:
        return None
    return int(value)
