"""allegations.v2 through extract(): what is alleged, and about whom."""

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


@pytest.mark.parametrize(
    "text",
    [
        "Police detained Askar Toktosun in 2018, according to his relatives in Kyrgyzstan.",
        "Police detained Askar Toktosun in 2018. His daughter, who lives in the Netherlands, "
        "spoke to reporters.",
        "Police detained Askar Toktosun in 2018. Relatives abroad believe he is in a camp.",
        "Askar Toktosun was held in a camp until 2018. After his release, he fled to Turkey.",
    ],
)
def test_allegations_witness_abroad_or_later_travel_is_no_foreign_ties(text: str) -> None:
    assert "foreign_ties" not in _allegations(text)


@pytest.mark.parametrize(
    "text",
    [
        "Police detained Rozi Mamut in 2018 because his daughter lives in Turkey.",
        "Police detained Rozi Mamut in 2018 after he returned from studying in Egypt.",
        "Police detained Rozi Mamut in 2018 for having relatives abroad.",
    ],
)
def test_allegations_abroad_as_a_reason_is_foreign_ties(text: str) -> None:
    assert "foreign_ties" in _allegations(text)


def test_allegations_background_about_people_in_general_is_about_no_one() -> None:
    text = (
        "The court sentenced Ikram Tursun to six years in prison. "
        '"The government dismisses allegations, yet Uyghurs continue to go to prison after '
        'unfair trials," a researcher said.'
    )
    assert "unfair_trial" not in _allegations(text)


def test_allegations_a_relative_studying_abroad_now_is_no_foreign_ties() -> None:
    text = (
        "Police took Memtimin Yasin from his home in 2018. His son, Arslan Memtimin, a graduate "
        "student in Japan, said his father prayed at home."
    )
    assert "foreign_ties" not in _allegations(text)
