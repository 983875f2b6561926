"""persons.v4: news outlets and websites are not persons, by name or by the words around
them."""

from __future__ import annotations

from docket.extract import DEFAULT_STEPS, Pipeline, extract
from docket.extract.candidates import is_outlet


def _names(text: str) -> list[str | None]:
    return [p.name for p in extract(text).persons]


def test_outlets_known_outlet_is_no_person_and_takes_no_pronoun() -> None:
    persons = extract(
        "Journalist Elchin Mammad was detained on 30 March 2023, Toplum Xeber reported. "
        "According to Meydan TV, the Baku Grave Crimes Court sentenced him to 8 years."
    ).persons
    assert [p.name for p in persons] == ["Elchin Mammad"]
    assert persons[0].sentence is not None and persons[0].sentence.min_months == 96


def test_outlets_named_by_the_noun_before_or_after() -> None:
    names = _names(
        "Police detained rights activist Yang Hong on May 3, 2013, for supporting reporters at "
        "Southern Weekend newspaper. Yang had organized the Southern Weekend protests, the Hong "
        "Kong newspaper Kuai Bao reported, and the news site Golden Tarim said he was tried."
    )
    assert names == ["Yang Hong"]


def test_outlets_a_capitalised_outlet_word_before_a_comma_leaves_the_person() -> None:
    names = _names(
        "According to China Youth Daily, Xu Dong, a 59-year-old farmer, was released in 2010."
    )
    assert names == ["Xu Dong"]


def test_outlets_his_blog_or_a_police_station_does_not_hide_a_person() -> None:
    names = _names("At the police station Wang Hua was beaten. On his blog Li Ming wrote of it.")
    assert names == ["Wang Hua", "Li Ming"]


def test_outlets_gazetteer_reads_heads_and_tails() -> None:
    assert is_outlet(["Novaya", "Gazeta"])
    assert is_outlet(["Radio", "Farda"])
    assert not is_outlet(["Elchin", "Mammad"])


def test_outlets_v3_unchanged() -> None:
    steps = [s if not s.startswith("persons.") else "persons.v3" for s in DEFAULT_STEPS]
    doc = Pipeline(steps)("Police detained Elchin Mammad on 30 March 2023, Toplum Xeber reported.")
    assert sorted(e.name or "" for e in doc.entities) == ["Elchin Mammad", "Toplum Xeber"]
