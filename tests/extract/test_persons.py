"""persons.v2: names, short forms, aliases, groups; places and outlets are not persons."""

from __future__ import annotations

import pytest

from docket.extract import DEFAULT_STEPS, Pipeline, extract
from docket.extract.model import Person


def _names(text: str) -> list[str | None]:
    return [p.name for p in extract(text).persons]


def _person(text: str, name: str) -> Person:
    return next(p for p in extract(text).persons if p.name == name)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Police detained monk Kabukye of Nubzur Monastery.", "Kabukye"),
        ("Atsag was sentenced to 10 years in prison.", "Atsag"),
        ("Security officials detained Buten on March 25, 2008.", "Buten"),
        ("Details are not available about Choeden's protest activity.", "Choeden"),
        ("Officials detained Tibetan satirist and shopkeeper Athar.", "Athar"),
        ("Ma Na was detained after the raid.", "Ma Na"),
        ("Authorities detained Zhao Anhui, a resident of Zhengzhou city.", "Zhao Anhui"),
        (
            "Rashad Ibrahim oglu Sadigli, a journalist, was arrested in Baku.",
            "Rashad Ibrahim oglu Sadigli",
        ),
    ],
)
def test_persons_found_by_context(text: str, name: str) -> None:
    assert name in _names(text)


@pytest.mark.parametrize(
    "text",
    [
        "Officials in Ganzi county detained a monk.",
        "Xinhua reported that the protest was dispersed.",
        "Based on information in the Dui Hua Official Registry, a court tried the case.",
        "Radio Free Asia said that the Dalai Lama was praised.",
        "The Urumqi Intermediate People's Court heard the case in Xinjiang.",
        "According to official Chinese sources, police detained a teacher in 2019.",
        "Two Turkish citizens were questioned, and a Kazakh official confirmed it.",
    ],
)
def test_persons_places_outlets_and_courts_are_not_persons(text: str) -> None:
    assert [n for n in _names(text) if n] == []


def test_persons_short_forms_join_the_full_name() -> None:
    text = (
        "Police detained Ikram Nurmehmet in 2023. "
        "Nurmehmet was later sentenced to 5 years in prison."
    )
    persons = extract(text).persons
    assert [p.name for p in persons] == ["Ikram Nurmehmet"]
    assert persons[0].sentence is not None


def test_persons_parenthesised_aliases() -> None:
    text = (
        "Officials detained the monk Tenzin Choedrag (Tenchoe) in April 2008. Tenchoe was released."
    )
    person = _person(text, "Tenzin Choedrag")
    assert person.aliases == ["Tenchoe"]
    assert person.status == "released"


def test_persons_place_aliases_are_not_person_aliases() -> None:
    text = "Officials in Ganzi (Kardze) county detained the nun Pema Dolma."
    assert _names(text) == ["Pema Dolma"]


def test_persons_unnamed_group_is_one_entry_with_a_count() -> None:
    text = (
        "The court convicted Ikram Nurmehmet. Four other Uyghurs whose identities are unknown "
        "were also convicted in the case."
    )
    groups = [p for p in extract(text).persons if p.name is None]
    assert [(g.count, g.ethnicity) for g in groups] == [(4, "Uyghur")]


def test_persons_group_spelled_out_by_name_is_not_repeated() -> None:
    text = (
        "Police detained three monks on May 2, 2008: Tashi Dorje, Sonam Gyatso and Lobsang Tenzin."
    )
    persons = extract(text).persons
    assert [p.name for p in persons] == ["Tashi Dorje", "Sonam Gyatso", "Lobsang Tenzin"]
    assert all(p.detention_date == "2008-05-02" for p in persons)


def test_persons_sources_and_relatives() -> None:
    text = (
        'Police detained Wang Yu on July 9, 2015. "She did nothing wrong," said her husband, '
        'Bao Longjun. "This is retaliation," said Maya Wang, a researcher at Human Rights Watch.'
    )
    roles = {p.name: p.role for p in extract(text).persons}
    assert roles == {"Wang Yu": "victim", "Bao Longjun": "relative", "Maya Wang": "source"}


def test_persons_name_in_its_own_script_is_an_alias() -> None:
    text = "Police detained the scholar Ilham Tohti (伊力哈木·土赫提) in January 2014."
    person = _person(text, "Ilham Tohti")
    assert person.aliases == ["伊力哈木·土赫提"]
    (start, end), *_ = person.evidence["aliases"]
    assert text[start:end] == "伊力哈木·土赫提"


def test_persons_capitalised_surname_first() -> None:
    text = "HASHIMLI Parviz Kamran oglu, journalist, was arrested on 17 September 2013."
    (person,) = extract(text).persons
    assert person.name == "HASHIMLI Parviz Kamran oglu"
    assert person.occupations == ["journalist"]


def test_persons_a_detainee_described_as_a_scholar_is_no_source() -> None:
    text = (
        '"His only crime is his faith," said Sarah Whitfield, China researcher at Amnesty '
        "International. Memet Ablimit, a Uyghur religious scholar, was detained in 2017."
    )
    doc = Pipeline()(text)
    hints = {e.name: e.role_hint for e in doc.entities}
    assert hints == {"Sarah Whitfield": "source", "Memet Ablimit": None}


def test_persons_v1_reads_any_scholar_as_a_source() -> None:
    steps = [s if not s.startswith("persons.") else "persons.v1" for s in DEFAULT_STEPS]
    doc = Pipeline(steps)("Memet Ablimit, a Uyghur religious scholar, was detained in 2017.")
    assert [e.role_hint for e in doc.entities] == ["source"]


def test_persons_aka_gives_aliases() -> None:
    person = _person(
        "Police took into custody NGO employee Tang Huanxing (a.k.a. Tang Jian or Bei Guo) on "
        "December 4, 2015.",
        "Tang Huanxing",
    )
    assert person.aliases == ["Tang Jian", "Bei Guo"]
    assert person.detention_date == "2015-12-04"
