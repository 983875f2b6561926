"""attributes.v2 (and attribution): age, sex, ethnicity, occupations beside a name."""

from __future__ import annotations

import pytest

from docket.extract import extract
from docket.extract.model import Person


def _first(text: str) -> Person:
    return next(p for p in extract(text).persons if p.name)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Police detained Chen Kehai, 37, a laid-off worker.", 37),
        ("Police detained Tsering Kyipo (age 25) in June.", 25),
        ("Police detained Samdrub Gyatso, aged about 33, in Ganzi.", 33),
        ("Officials detained 42-year-old folk musician Yu Zhou.", 42),
        ("Officials detained Kalsang, a 33-year-old Tibetan woman.", 33),
        ("Police detained Lhundrub Phuntsog (or Ludrup Phuntsok; age 23).", 23),
        ("Police detained Dai Hong in 2005. Dai was 35 years old at the time.", 35),
    ],
)
def test_attributes_age(text: str, age: int) -> None:
    assert _first(text).age == age


def test_attributes_a_year_is_not_an_age() -> None:
    assert _first("Police detained Wang Bo (2008) in Beijing.").age is None


@pytest.mark.parametrize(
    ("text", "sex"),
    [
        ("Police detained Li Hua in May 2009. She was released a week later.", "female"),
        ("Police detained Li Hua in May 2009. His family was not told.", "male"),
        ("Officials detained the nun Pema Dolma.", "female"),
        ("Officials detained Mr. Zhou Li.", "male"),
    ],
)
def test_attributes_sex_from_pronouns_and_words(text: str, sex: str) -> None:
    assert _first(text).sex == sex


def test_attributes_pronoun_after_another_person_follows_the_nearest() -> None:
    text = (
        "Police detained Zhang Wei and her colleague Liu Ming in 2015. Liu Ming was released "
        "in 2016; he left the country."
    )
    persons = {p.name: p for p in extract(text).persons}
    assert persons["Liu Ming"].sex == "male"


@pytest.mark.parametrize(
    ("text", "ethnicity"),
    [
        ("Police detained the Uighur scholar Ilham Tohti.", "Uyghur"),
        ("Officials detained Tibetan satirist Athar.", "Tibetan"),
        ("Nurlan Erlan, an ethnic Kazakh, was detained.", "Kazakh"),
        ("She was detained. Almas, an ethnic Mongol man, was held.", "Mongol"),
    ],
)
def test_attributes_ethnicity(text: str, ethnicity: str) -> None:
    assert _first(text).ethnicity == ethnicity


def test_attributes_she_is_a_pronoun_not_the_she_people() -> None:
    assert _first("Ngawang Sangdrol joined a protest. She was detained.").ethnicity is None


@pytest.mark.parametrize(
    ("text", "occupations"),
    [
        (
            "Police detained the Uyghur filmmaker and director Ikram Nurmehmet.",
            ["filmmaker", "director"],
        ),
        ("Police detained Ma Wuyong, an unregistered priest from Baoding city.", ["priest"]),
        ("Jampa Chung, born in 1945, was a monk at Tashilhunpo Monastery.", ["monk"]),
        (
            "Police detained Liu Sixin, an employee of the Beijing Fengrui Law Firm.",
            ["employee", "firm employee"],
        ),
    ],
)
def test_attributes_occupations(text: str, occupations: list[str]) -> None:
    assert _first(text).occupations == occupations


def test_attributes_description_before_a_list_covers_every_name() -> None:
    text = "Police detained Tibetan males Sonam Gonpo, Tsewang Gyatso, and Pema Yeshe."
    persons = extract(text).persons
    assert [(p.ethnicity, p.sex) for p in persons] == [("Tibetan", "male")] * 3


@pytest.mark.parametrize(
    ("text", "sex"),
    [
        ("Leyla Yunusova was arrested on 30 July 2014.", "female"),
        ("Intigam Aliyev was arrested in August 2014.", "male"),
        ("Parviz Kamran oglu Hashimli was arrested in 2013.", "male"),
        ("Aynur Rasim qizi Mammadli was arrested in 2013.", "female"),
    ],
)
def test_attributes_sex_from_the_form_of_a_name(text: str, sex: str) -> None:
    assert _first(text).sex == sex


def test_attributes_pronouns_outrank_the_form_of_a_name() -> None:
    assert _first("Kamil Aliyev was arrested. She was released in May 2015.").sex == "female"


def test_attributes_main_person_takes_the_reports_only_pronoun_sex() -> None:
    text = (
        "On July 10, 2015, police seized Zhao Wei, legal assistant to lawyer Li Heping, and "
        "took her away from her home."
    )
    persons = {p.name: p for p in extract(text).persons}
    assert persons["Zhao Wei"].sex == "female"


@pytest.mark.parametrize(
    ("text", "occupations"),
    [
        (
            '"They must be freed," said Maya Lin, associate China director at Human Rights Watch.',
            ["associate China director"],
        ),
        (
            '"Release her," said Lina Osborne, Amnesty International\'s East Asia Regional '
            "Director.",
            ["East Asia Regional Director"],
        ),
        (
            "Police detained the Uyghur filmmaker and director Ikram Tursun.",
            ["filmmaker", "director"],
        ),
        (
            '"Free her," said Tom Hale, Amnesty International\'s Director of Research.',
            ["Director of Research"],
        ),
    ],
)
def test_attributes_job_title_is_kept_whole(text: str, occupations: list[str]) -> None:
    assert _first(text).occupations == occupations


def test_attributes_ambiguous_ethnic_word_before_an_occupation() -> None:
    person = _first("In November 2019, police detained Ma Jinlong, a Hui imam, in Linxia.")
    assert (person.ethnicity, person.occupations) == ("Hui", ["imam"])


def test_attributes_kinship_before_a_name_describes_that_name() -> None:
    persons = {
        p.name: p
        for p in extract(
            "Officials detained Rahile Tursun, her husband Abdulla Hashim, and a colleague."
        ).persons
    }
    assert persons["Rahile Tursun"].role == "victim"
    assert persons["Rahile Tursun"].sex != "male"
    assert persons["Abdulla Hashim"].sex == "male"


def test_attributes_doc_ethnicity_from_a_name_counts_only_alone() -> None:
    persons = {
        p.name: p
        for p in extract(
            "Police in the Xinjiang Uyghur Autonomous Region detained Kazakh herder Serik Bolat "
            "and Aidos Nurlan in 2017."
        ).persons
    }
    assert persons["Aidos Nurlan"].ethnicity == "Kazakh"


def test_attributes_case_occupation_is_not_someone_elses() -> None:
    (person,) = [
        p
        for p in extract(
            "Farid Natig oglu Mehraliyev, arrested on 17 February 2017. His lawyer said that "
            "police beat him. Human rights defenders believe the case is political."
        ).persons
        if p.name
    ]
    assert person.occupations == []


def test_attributes_v3_age_across_the_description_before_a_name() -> None:
    ages = {
        p.name: p.age
        for p in extract(
            "On March 8, 2015, officials detained 18-year-old Kirti Monastery monk Gedun "
            "Phuntsog. Police later detained a 29-year-old Tibetan man named Jampa Sengge."
        ).persons
    }
    assert ages == {"Gedun Phuntsog": 18, "Jampa Sengge": 29}


def test_attributes_v3_age_before_another_name_is_not_taken() -> None:
    persons = extract(
        "Police detained a 30-year-old farmer who had written to Li Hua, and Wang Bo."
    ).persons
    assert all(p.age is None for p in persons)


def test_attributes_v3_both_aged_and_respectively() -> None:
    ages = {
        p.name: p.age
        for p in extract(
            "Police detained Tibetan men Sonam Choegyal and Sonam Nyima, both aged 19, in Ngaba. "
            "Officials detained practitioners Bai Gendi and Yao Yuhua, aged 60 and 57 "
            "respectively, in Tianjin."
        ).persons
    }
    assert ages == {"Sonam Choegyal": 19, "Sonam Nyima": 19, "Bai Gendi": 60, "Yao Yuhua": 57}


def test_attributes_v2_unchanged_for_an_age_far_before_the_name() -> None:
    from docket.extract import DEFAULT_STEPS, Pipeline  # only this test runs another pipeline

    v2 = [s if not s.startswith("attributes.") else "attributes.v2" for s in DEFAULT_STEPS]
    doc = Pipeline(v2)("Officials detained 18-year-old Kirti Monastery monk Gedun Phuntsog.")
    assert [f for f in doc.facts if f.field == "age" and f.entity is not None] == []
