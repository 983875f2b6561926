"""extract() never fails on odd text, and its spans always point into the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from docket.extract import extract

_WORDS = st.sampled_from(
    [
        "Police", "detained", "Tashi", "Dorje", "on", "May", "3,", "2015", "(age", "25)",
        "sentenced", "him", "to", "six", "and", "a", "half", "years", "in", "prison", ".",
        "Urumqi", "No.", "1", "Detention", "Center", "Court", "her", "they", "'s", "Article",
        "234.4", "\n", "伊力哈木", "“", "”", "Uyghur", "nun", "four", "other", "Tibetans", ",",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, max_size=60).map(" ".join))
def test_extract_any_word_salad_gives_valid_spans(text: str) -> None:
    for person in extract(text).persons:
        assert person.count >= 1
        for spans in person.evidence.values():
            for start, end in spans:
                assert 0 <= start < end <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_extract_any_unicode_text(text: str) -> None:
    out = extract(text).to_dict("x")
    assert out["id"] == "x"
