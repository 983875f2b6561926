"""Text helpers: a same-length normalised copy of the report, and small string tests."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docket.extract.doc import Token

# One character for one character, so offsets into the normalised text are offsets into the
# original: curly quotes become straight, dashes become hyphens, odd spaces become spaces.
_SAME_LENGTH = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u202f": " ",
        "\u3000": " ",
        "\t": " ",
        "\r": " ",
    }
)


def normalize(text: str) -> str:
    """Return `text` with quotes, dashes and spaces made plain, keeping every offset."""
    return text.translate(_SAME_LENGTH)


# Month names and their usual abbreviations -> month number.
MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return _WS.sub(" ", text).strip()


def is_capitalized(word: str) -> bool:
    """True for 'Tashi', 'McDonald', "Yong'e"; false for 'RFA', 'tashi', '33'."""
    return len(word) > 1 and word[0].isupper() and any(c.islower() for c in word[1:])


def is_apposition_mark(toks: Sequence[Token], i: int) -> bool:
    """A comma, or a dash or colon set off by spaces: 'Parviz Hashimli - journalist'."""
    t = toks[i]
    if t.text == ",":
        return True
    return t.text in ("-", ":") and i > 0 and toks[i - 1].space_after and t.space_after


def wordset(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (vocabularies in code)."""
    return frozenset(text.split())


# Words that put a charge or a term in an earlier case than the one the report is about
# (charges.v3, attribution.v4): "Previously, Xie served 2 years ... for", "after serving".
_EARLIER_CASE = re.compile(
    r"\b(?:previously|earlier|formerly|once before|in the past|prior to (?:this|that|his|her)"
    r"|after serving|had (?:previously |earlier |already |once )?(?:served|been (?:sentenced"
    r"|convicted|jailed|imprisoned))|(?:had |has |have )?(?:previously |already |once )?served)"
    r"\b",
    re.IGNORECASE,
)


def in_earlier_case(text: str, lo: int, hi: int) -> bool:
    """True when text[lo:hi] has words that put what follows in an earlier case."""
    return bool(_EARLIER_CASE.search(text, lo, hi))
