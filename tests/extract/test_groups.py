"""persons.v3 and attribution.v3: groups the report names person by person, and facts
stated for one person that are not the case's to share."""

from __future__ import annotations

from docket.extract import DEFAULT_STEPS, Pipeline, extract
from docket.extract.model import Person, Sentence


def _by_name(text: str) -> dict[str | None, Person]:
    return {p.name: p for p in extract(text).persons}


def test_groups_named_later_are_no_entry_of_their_own() -> None:
    text = (
        "Security officers detained six Kazakh herders in Ili in May 2018. The herders were "
        "later sentenced to 5 years in prison. They are Serik Omar, Nurlan Bek, Daulet Asan, "
        "Marat Sabit, Erlan Kali and Bolat Tursyn."
    )
    persons = extract(text).persons
    assert [p.count for p in persons] == [1] * 6
    assert all(p.name for p in persons)
    for p in persons:
        assert p.ethnicity == "Kazakh"
        assert p.occupations == ["herder"]
        assert p.detention_date == "2018-05"
        assert p.sentence == Sentence(min_months=60, max_months=60)


def test_groups_named_in_apposition_take_the_groups_date() -> None:
    persons = _by_name(
        "On March 3, 2019, police detained four teachers, Anar Ali, Rustam Guliyev, "
        "Leyla Hasanova and Emin Aziz, in Ganja. They were charged with hooliganism."
    )
    assert None not in persons
    assert {p.detention_date for p in persons.values()} == {"2019-03-03"}
    assert all(p.charge_categories == ["hooliganism"] for p in persons.values())


def test_groups_the_same_group_named_again_is_one_entry() -> None:
    persons = extract(
        "Police detained twelve villagers in Hotan in 2017. Relatives said the twelve "
        "villagers were held in a camp."
    ).persons
    assert [p.count for p in persons] == [12]


def test_groups_including_leaves_the_unnamed_rest() -> None:
    persons = extract(
        "Police detained nine farmers, including Ahmet Kurban and Memet Sadiq, in 2018."
    ).persons
    counts = sorted((p.name or "", p.count) for p in persons)
    assert counts == [("", 7), ("Ahmet Kurban", 1), ("Memet Sadiq", 1)]


def test_groups_others_are_not_the_named() -> None:
    persons = extract("Police detained Tenzin Norbu and three other monks in 2012.").persons
    assert sorted(p.count for p in persons) == [1, 3]


def test_groups_persons_v2_keeps_the_group() -> None:
    steps = [
        "persons.v2"
        if s.startswith("persons.")
        else "attribution.v2"
        if s.startswith("attribution.")
        else s
        for s in DEFAULT_STEPS
    ]
    doc = Pipeline(steps)(
        "Police detained nine farmers in 2017. They were sentenced to 5 years in prison. "
        "A court later named them. They are Ahmet Tursun, Memet Ali, Yusup Kurban, Abla "
        "Hasan, Tohti Niyaz, Kerim Sadiq, Rozi Ablet, Hamut Sawut and Ilyas Omer."
    )
    assert 9 in [p.count for p in doc.persons]


def test_sharing_a_facility_stated_for_one_person_is_not_shared() -> None:
    persons = _by_name(
        "Police detained Yunus Ablet, Kamil Tursun and Aziz Memet in Turpan in 2018. Yunus "
        "may have been held in Turpan Prison. Kamil was sentenced to 10 years by the Turpan "
        "Intermediate People's Court."
    )
    assert persons["Yunus Ablet"].facility == "Turpan Prison"
    assert persons["Kamil Tursun"].facility is None
    assert persons["Aziz Memet"].facility is None
    assert persons["Kamil Tursun"].sentence == Sentence(min_months=120, max_months=120)
    assert persons["Yunus Ablet"].sentence is None
    assert persons["Aziz Memet"].court is None


def test_sharing_a_court_named_again_for_others_is_shared() -> None:
    persons = _by_name(
        "In June, the Hami Intermediate People's Court tried Erkin Kadir. In July, the same "
        "court tried Rahman Osman."
    )
    assert persons["Rahman Osman"].court == "Hami Intermediate People's Court"


def test_sharing_the_case_court_when_no_one_person_is_named_with_it() -> None:
    persons = _by_name(
        "Police detained Li Wen and Zhao Gang in 2015. They were tried by the Dongcheng "
        "District People's Court in 2016."
    )
    assert {p.court for p in persons.values()} == {"Dongcheng District People's Court"}
