"""persons.v4: "X, a.k.a. Y" is one person with an alias; a lone person the report cannot
name is an unnamed entry of count 1."""

from __future__ import annotations

from docket.extract import DEFAULT_STEPS, Pipeline, extract
from docket.extract.model import Sentence


def test_aliases_aka_outside_parentheses_is_one_person() -> None:
    persons = extract(
        "On May 2, 2016, police detained rights lawyer Zhou Lanfang, a.k.a. Zhou Lan, in "
        "Changsha. In 2017 the Changsha Intermediate People's Court sentenced Zhou Lan to 5 "
        'years in prison for "subversion of state power."'
    ).persons
    assert len(persons) == 1
    p = persons[0]
    assert p.name == "Zhou Lanfang"
    assert p.aliases == ["Zhou Lan"]
    assert p.court == "Changsha Intermediate People's Court"
    assert p.sentence == Sentence(min_months=60, max_months=60)
    assert p.detention_date == "2016-05-02"


def test_aliases_also_known_as_gives_the_court_and_term_to_one_person() -> None:
    persons = extract(
        "Police in Lhasa detained Tibetan monk Lobsang Tenzin, also known as Lota, on March 3, "
        "2019. The Lhasa Intermediate People's Court later sentenced Lota to 4 years in prison."
    ).persons
    assert [(p.name, p.aliases) for p in persons] == [("Lobsang Tenzin", ["Lota"])]
    assert persons[0].sentence == Sentence(min_months=48, max_months=48)
    assert persons[0].court == "Lhasa Intermediate People's Court"


def test_aliases_name_in_chinese_in_parentheses() -> None:
    persons = extract(
        "Authorities detained activist Wang Jianbing (Huang Xueqin in Chinese) on September 19, "
        "2021. Another blogger, Li Ming (Chinese: 李明), was detained in Guangzhou."
    ).persons
    assert {p.name: p.aliases for p in persons} == {
        "Wang Jianbing": ["Huang Xueqin"],
        "Li Ming": ["李明"],
    }


def test_aliases_v3_still_makes_two_entries() -> None:
    steps = [s if not s.startswith("persons.") else "persons.v3" for s in DEFAULT_STEPS]
    doc = Pipeline(steps)("Police detained activist Chen Qitang, a.k.a. Tian Li, in Foshan.")
    assert sorted(e.name or "" for e in doc.entities) == ["Chen Qitang", "Tian Li"]


def test_lone_unnamed_person_is_an_entry_of_count_one() -> None:
    persons = extract(
        "On June 4, 2020, police in Lhasa detained Tenzin Norbu and another monk whose name is "
        "unknown. An unidentified Tibetan woman was detained in Shigatse."
    ).persons
    unnamed = [p for p in persons if p.name is None]
    assert [p.count for p in unnamed] == [1, 1]
    assert unnamed[0].occupations == ["monk"]
    assert unnamed[1].sex == "female"
    assert [p.name for p in persons if p.name] == ["Tenzin Norbu"]


def test_lone_unnamed_person_completes_a_group_with_the_named() -> None:
    persons = extract(
        "Police detained three students from Kashgar University on May 2, 2018. Two were named "
        "as Abdurehim Memet and Tursun Qadir. A third student, whose name is not known, was "
        "also detained."
    ).persons
    assert sorted(p.count for p in persons) == [1, 1, 1]
    assert all(p.detention_date == "2018-05-02" for p in persons)
    assert all(p.occupations == ["student"] for p in persons)
    assert [p.name for p in persons].count(None) == 1


def test_lone_unnamed_needs_a_person_noun() -> None:
    persons = extract(
        "Police detained Dilnur Ablet on May 2, 2018, at a checkpoint whose name is unknown."
    ).persons
    assert [p.name for p in persons] == ["Dilnur Ablet"]


def test_lone_unnamed_person_named_again_keeps_their_own_facts() -> None:
    persons = extract(
        "Police in Sershul detained a Tibetan monk named Jamyang Lodro on August 2, 2022. "
        "Another monk whose name is not known was taken away the same night. The Kardze "
        "Intermediate People's Court later sentenced the unnamed monk to four years for \"inciting "
        'separatism."'
    ).persons
    named = next(p for p in persons if p.name == "Jamyang Lodro")
    assert (named.court, named.sentence, named.charge_categories) == (None, None, [])
    unnamed = next(p for p in persons if p.name is None)
    assert unnamed.count == 1
    assert unnamed.court == "Kardze Intermediate People's Court"
    assert unnamed.charge_categories == ["separatism"]
