"""institutions.v1: courts and facilities by general patterns."""

from __future__ import annotations

import pytest

from docket.extract.pipeline import Pipeline


def _found(text: str) -> list[tuple[str, str]]:
    doc = Pipeline(["tokens.v1", "sentences.v1", "institutions.v1"])(text)
    return [(i.kind, i.name) for i in doc.institutions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Xinjiang's Urumqi Intermediate People's Court convicted him.",
            ("court", "Urumqi Intermediate People's Court"),
        ),
        (
            "The Chongqing No. 1 Intermediate People's Court tried him.",
            ("court", "Chongqing No. 1 Intermediate People's Court"),
        ),
        ("The Baku Grave Crimes Court sentenced him.", ("court", "Baku Grave Crimes Court")),
        ("The Baku Court of Appeal upheld it.", ("court", "Baku Court of Appeal")),
        (
            "He is held in Urumqi No. 1 Detention Center.",
            ("facility", "Urumqi No. 1 Detention Center"),
        ),
        ("He is held in the Zhejiang Women's Prison.", ("facility", "Zhejiang Women's Prison")),
        ("He was moved to Jingzhou prison in Hubei.", ("facility", "Jingzhou prison")),
        ("He is serving his sentence in Prison No. 14.", ("facility", "Prison No. 14")),
        ("He was sent to Drapchi, the regional prison.", ("facility", "TAR Prison")),
        (
            "The intermediate people's court in Zibo city sentenced him.",
            ("court", "Zibo Intermediate People's Court"),
        ),
        (
            "The Nanchong Reeducation Through Labor Committee ordered it.",
            ("court", "Nanchong Reeducation Through Labor Committee"),
        ),
    ],
)
def test_institutions_patterns(text: str, expected: tuple[str, str]) -> None:
    assert expected in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "He was sentenced to three years in prison.",
        "The Intermediate People's Court rejected the appeal.",
        "A county court tried him.",
    ],
)
def test_institutions_generic_mentions_are_not_names(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "He is held at the Investigative Isolator of the Ministry of National Security.",
            "Investigative Isolator of the Ministry of National Security",
        ),
        ("She is held in Baku Investigative Isolator No. 1.", "Baku Investigative Isolator No. 1"),
    ],
)
def test_institutions_v2_investigative_isolators(text: str, name: str) -> None:
    doc = Pipeline(["tokens.v1", "sentences.v2", "institutions.v2"])(text)
    assert [(i.kind, i.name) for i in doc.institutions] == [("facility", name)]
    assert _found(text) == []


def _found_v4(text: str) -> list[tuple[str, str]]:
    doc = Pipeline(["tokens.v1", "sentences.v2", "institutions.v4"])(text)
    return [(i.kind, i.name) for i in doc.institutions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Tieling RTL Management Committee ordered him to serve two years.",
            [("court", "Tieling RTL Management Committee")],
        ),
        (
            "The Hinggan League Reeducation Through Labor Management Committee sent her away.",
            [("court", "Hinggan League Reeducation Through Labor Management Committee")],
        ),
        ("Dorje, a member of the Sera Democratic Management Committee, was detained.", []),
        ("He chaired the Village Administration Committee before his arrest.", []),
    ],
)
def test_institutions_v4_a_committee_is_a_court_only_for_labour_camps(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found_v4(text) == expected
