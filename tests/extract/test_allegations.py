"""allegations.v1 through extract(): what is alleged, and about whom."""

from __future__ import annotations

import pytest

from docket.extract import extract


def _allegations(text: str) -> list[str]:
    return next(p for p in extract(text).persons if p.name).allegations


@pytest.mark.parametrize(
    ("text", "allegation"),
    [
        ("Police detained Wang Bo. He said guards tortured him with electric batons.", "torture"),
        ("Police detained Wang Bo. He was forced to sign a confession.", "coerced_confession"),
        ("Police detained Wang Bo. He has been held incommunicado since May.", "incommunicado"),
        ("Police detained Wang Bo. His lawyer was denied access to him.", "denied_counsel"),
        (
            "Police detained Wang Bo. Authorities did not notify his family of the detention.",
            "family_not_notified",
        ),
        (
            "Police detained Wang Bo in 2017. His whereabouts remain unknown.",
            "enforced_disappearance",
        ),
        ("Police detained Wang Bo. He was tried in secret.", "unfair_trial"),
        ("Police detained Wang Bo. He died in custody in 2019.", "death_in_custody"),
        ("Police detained Wang Bo. He was denied medical treatment.", "denied_medical_care"),
        (
            "Police detained Wang Bo after he returned from Turkey, where he had studied.",
            "foreign_ties",
        ),
    ],
)
def test_allegations_types(text: str, allegation: str) -> None:
    assert allegation in _allegations(text)


def test_allegations_need_words_that_allege_them() -> None:
    assert _allegations("Police detained Wang Bo on May 3, 2015, in Beijing.") == []
