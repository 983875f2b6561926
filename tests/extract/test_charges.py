"""charges.v1: charges as quoted or named, with categories; statutes by code."""

from __future__ import annotations

import pytest

from docket.extract.pipeline import Pipeline


def _charges(text: str) -> list[tuple[str, tuple[str, ...]]]:
    doc = Pipeline(["tokens.v1", "sentences.v1", "charges.v1"])(text)
    return [(c.text, c.categories) for c in doc.charges]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ('He was convicted of "actively participating in terrorist activities."', "terrorism"),
        (
            'Police held her on suspicion of "picking quarrels and provoking trouble."',
            "picking_quarrels",
        ),
        ("They sentenced him for inciting splittism.", "separatism"),
        ('He was charged with "inciting subversion of state power."', "subversion"),
        ("He was charged with hooliganism.", "hooliganism"),
        ("She was arrested on drug charges.", "drugs"),
    ],
)
def test_charges_categories(text: str, category: str) -> None:
    assert any(category in cats for _, cats in _charges(text))


def test_charges_a_list_after_one_charge_word() -> None:
    found = _charges(
        "He was charged with inciting religious hatred, illegal entrepreneurship and tax evasion."
    )
    assert found == [
        ("inciting religious hatred", ("ethnic_hatred",)),
        ("illegal entrepreneurship", ("illegal_business",)),
        ("tax evasion", ("tax_financial",)),
    ]


def test_charges_quoted_campaign_name_is_not_a_charge() -> None:
    assert _charges('The "Strike Hard Campaign against Terrorism" began in 2014.') == []


def test_charges_statutes_follow_the_country() -> None:
    china = _charges("A Chinese court convicted him under Article 300 of the Criminal Law.")
    assert ("Article 300", ("cult",)) in china
    azerbaijan = _charges("The Baku court convicted him under Article 234.4.3.")
    assert ("Article 234.4.3", ("drugs",)) in azerbaijan
    assert _charges("He was convicted under Article 234.") == []


def test_charges_v2_article_numbers_take_the_stage_of_the_verdict() -> None:
    text = (
        "The Baku Grave Crimes Court found him guilty under Articles 233 (organising actions "
        "that violate public order) and 315.2 (resisting a representative of authority)."
    )
    doc = Pipeline(["tokens.v1", "sentences.v2", "charges.v2"])(text)
    stages = {c.text: c.stage for c in doc.charges if c.statute}
    assert stages == {"Articles 233": 2, "315.2": 2}
    v1 = Pipeline(["tokens.v1", "sentences.v1", "charges.v1"])(text)
    assert {c.text: c.stage for c in v1.charges if c.statute}["315.2"] == 1


def test_charges_v3_an_earlier_case_gives_way_to_this_one() -> None:
    from docket.extract import extract

    person = extract(
        "On June 26, 2008, police in Changsha detained democracy activist Xie Fa on charges of "
        '"inciting subversion." Previously, Xie served 2 years of reeducation through labor for '
        '"counterrevolutionary propaganda and incitement."'
    ).persons[0]
    assert person.charge_categories == ["subversion"]


def test_charges_v3_an_earlier_case_alone_still_counts() -> None:
    from docket.extract import extract

    person = extract(
        "Pei Dong began petitioning in 2006 after serving a 2-year prison sentence for "
        '"obstructing official business." Police detained Pei on May 3, 2016.'
    ).persons[0]
    assert person.charge_categories == ["obstructing_officials"]
