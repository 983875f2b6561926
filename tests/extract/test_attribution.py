"""attribution.v2: who each fact belongs to."""

from __future__ import annotations

from docket.extract import extract
from docket.extract.model import Person, Sentence


def _by_name(text: str) -> dict[str | None, Person]:
    return {p.name: p for p in extract(text).persons}


def test_attribution_two_people_sentenced_in_one_sentence() -> None:
    persons = _by_name(
        "Police detained Rao Huoli and Yuan Shixiu on July 10, 2009. A court sentenced Rao to "
        "four years and Yuan to three years in prison."
    )
    assert persons["Rao Huoli"].sentence == Sentence(min_months=48, max_months=48)
    assert persons["Yuan Shixiu"].sentence == Sentence(min_months=36, max_months=36)


def test_attribution_respectively() -> None:
    persons = _by_name(
        "The court tried Guo Hongwei and Xiao Ming and sentenced them to 13 years and 6 years "
        "in prison, respectively."
    )
    assert persons["Guo Hongwei"].sentence == Sentence(min_months=156, max_months=156)
    assert persons["Xiao Ming"].sentence == Sentence(min_months=72, max_months=72)


def test_attribution_term_for_a_name() -> None:
    persons = _by_name(
        "The court sentenced the brothers to prison: 18 years for Dawa Gyaltsen and 13 years for "
        "Tenzin Dorje."
    )
    assert persons["Dawa Gyaltsen"].sentence == Sentence(min_months=216, max_months=216)
    assert persons["Tenzin Dorje"].sentence == Sentence(min_months=156, max_months=156)


def test_attribution_commuted_sentence_is_the_last_known() -> None:
    (person,) = extract(
        "In January 1989, Lobsang Tenzin was sentenced to death with a 2-year reprieve. In "
        "January 1991, his sentence was commuted to life imprisonment, and in April 1993 to a "
        "fixed term of 20 years."
    ).persons
    assert person.sentence == Sentence(min_months=240, max_months=240)


def test_attribution_earlier_sentence_mentioned_later_does_not_win() -> None:
    (person,) = extract(
        "On July 2, 2017, the court sentenced Liu Shaoming to 4 years, 6 months in prison. In "
        "November 1989, authorities had sentenced him to 1 year in prison."
    ).persons
    assert person.sentence == Sentence(min_months=54, max_months=54)


def test_attribution_redetention_keeps_the_first_detention_date() -> None:
    (person,) = extract(
        "On August 6, 2004, security officials detained Ma Wuyong, an unregistered priest. "
        "Authorities released Ma in December 2005, but detained him again in January 2006."
    ).persons
    assert person.detention_date == "2004-08-06"
    assert person.status == "detained"


def test_attribution_detention_by_object_and_passive_subject() -> None:
    persons = _by_name(
        "On March 6, 2011, police detained Tsering Kyipo. Jampa Ngodrub was detained on "
        "June 2, 2011."
    )
    assert persons["Tsering Kyipo"].detention_date == "2011-03-06"
    assert persons["Jampa Ngodrub"].detention_date == "2011-06-02"


def test_attribution_relative_named_after_kinship_word() -> None:
    persons = _by_name(
        "Officials detained one relative of each wanted man: Tsering Kyipo's father, Sangpa (53)."
    )
    assert persons["Sangpa"].age == 53
    assert persons["Sangpa"].sex == "male"
    assert persons["Tsering Kyipo"].age is None


def test_attribution_released_status_and_release_call() -> None:
    (person,) = extract(
        "Police detained the writer Li Bo on May 3, 2015. He was released on bail on June 1, 2015."
    ).persons
    assert person.status == "released"
    (person,) = extract(
        "Police detained the writer Li Bo on May 3, 2015. He should be immediately freed."
    ).persons
    assert person.status == "detained"


def test_attribution_deceased_status() -> None:
    (person,) = extract(
        "Jiang Zongxiu died in police custody on June 18, 2004, a day after she was detained."
    ).persons
    assert person.status == "deceased"
    assert "death_in_custody" in person.allegations


def test_attribution_group_gets_its_own_term_and_count() -> None:
    persons = extract(
        "The court sentenced all six of his business partners to between 12 and 15 years in "
        "prison for separatism."
    ).persons
    (group,) = persons
    assert group.count == 6
    assert group.sentence == Sentence(min_months=144, max_months=180)
    assert group.charge_categories == ["separatism"]


def test_attribution_role_evidence_points_at_the_detention() -> None:
    text = "Police detained the writer Li Bo on May 3, 2015."
    (person,) = extract(text).persons
    (start, end), *_ = person.evidence["role"]
    assert text[start:end] == "detained"


def test_attribution_judge_is_a_perpetrator_and_the_defendant_a_victim() -> None:
    persons = _by_name("Judge Wang Lin sentenced the activist Li Bo to 3 years in prison in 2015.")
    assert persons["Wang Lin"].role == "perpetrator"
    assert persons["Wang Lin"].sentence is None
    assert persons["Li Bo"].role == "victim"
    assert persons["Li Bo"].sentence == Sentence(min_months=36, max_months=36)


def test_attribution_unheard_of_since_detention_is_disappeared() -> None:
    (person,) = extract(
        "Police detained Abdulla Rashid in May 2017. He has not been heard from since."
    ).persons
    assert person.status == "disappeared"
    assert "enforced_disappearance" in person.allegations


# -- detention dates come only from detention-like steps ------------------------------------
def test_attribution_no_detention_date_from_a_conviction_date() -> None:
    (person,) = extract(
        "The Urumqi Intermediate People's Court convicted Ikram Tursun in January 2024 and "
        "sentenced him to six years in prison. His family was informed on August 23."
    ).persons
    assert person.detention_date is None
    assert [(e.type, e.date) for e in person.events][:2] == [
        ("conviction", "2024-01"),
        ("sentence", None),
    ]


def test_attribution_undated_detention_does_not_take_another_steps_date() -> None:
    (person,) = extract(
        "In March 2019 the Kashgar Intermediate People's Court sentenced Ehmet Qurban to life "
        "in prison. He had been detained in a camp before the trial."
    ).persons
    assert person.detention_date is None


def test_attribution_undated_detention_takes_the_date_before_it() -> None:
    (person,) = extract(
        "On May 14, 2008, nuns of Gaden Choeling Nunnery staged a protest. Police detained "
        "Pema Lhamo at the county seat."
    ).persons
    assert person.detention_date == "2008-05-14"


def test_attribution_held_since_is_a_detention_date() -> None:
    person = next(
        p
        for p in extract(
            "Abdusalam Raxman died in February 2020, months after being released from a camp "
            "where he had been held since April 2018."
        ).persons
        if p.name
    )
    assert person.detention_date == "2018-04"
    assert person.role == "victim"


def test_attribution_case_detention_date_skips_people_in_general() -> None:
    persons = {
        p.count: p
        for p in extract(
            "The court sentenced all six of his business partners to between 12 and 15 years "
            "in prison in 2023. Uyghurs who have been abroad have been interrogated and "
            "detained since 2017."
        ).persons
    }
    assert persons[6].sentence == Sentence(min_months=144, max_months=180)
    assert persons[6].detention_date is None


# -- steps that happen to people in general go to no one -------------------------------------
def test_attribution_generic_detention_is_nobodys() -> None:
    (person,) = extract(
        "The court sentenced Tursun Ahmet to ten years in prison. Uyghurs who have travelled to "
        "Turkey have been interrogated, detained and often imprisoned."
    ).persons
    assert [e.type for e in person.events] == ["sentence"]


# -- sources, relatives and others who were not held take no case facts ----------------------
def test_attribution_a_quoted_source_takes_no_allegation_or_sentence() -> None:
    persons = _by_name(
        "Police detained Mahire Tursun in July 2017; she was sentenced to 13 years in 2019. "
        '"Uyghurs continue to go to prison for many years after unfair trials," said Lina '
        "Osborne, a researcher at Amnesty International."
    )
    source = persons["Lina Osborne"]
    assert source.role == "source"
    assert source.allegations == []
    assert source.sentence is None
    assert source.detention_date is None


def test_attribution_a_relative_takes_no_allegation() -> None:
    persons = _by_name(
        "Police detained Reyhangul Abla on 9 May 2017. Her husband, Mamat Haji, said he has "
        "not been allowed to contact her."
    )
    assert persons["Mamat Haji"].allegations == []
    assert persons["Reyhangul Abla"].allegations == ["incommunicado"]


def test_attribution_his_trial_belongs_to_him_not_the_speaker() -> None:
    persons = _by_name(
        "Police detained Memet Ablimit in November 2017. Sarah Whitfield, China researcher at "
        "Amnesty International, said his trial lasted less than an hour."
    )
    assert persons["Sarah Whitfield"].role == "source"
    assert [e.type for e in persons["Memet Ablimit"].events] == ["detention", "trial"]


def test_attribution_name_after_brother_of_is_not_the_subject() -> None:
    persons = _by_name(
        "Zaur Ilgar oglu Akhundov (born 1985), brother of the exiled blogger Emin Akhundov, "
        "arrested on 3 April 2015, sentenced by the Binagadi District Court to 8 years. "
        "Observers believe he was arrested to put pressure on his brother."
    )
    zaur, emin = persons["Zaur Ilgar oglu Akhundov"], persons["Emin Akhundov"]
    assert zaur.detention_date == "2015-04-03"
    assert zaur.sentence == Sentence(min_months=96, max_months=96)
    assert emin.role == "relative"
    assert (emin.detention_date, emin.sentence, emin.court) == (None, None, None)


def test_attribution_kinship_in_a_list_of_detained() -> None:
    persons = _by_name(
        "In 2018, officials detained Uyghur scholar Rahile Tursun, her husband Abdulla Hashim, "
        "and two of their colleagues."
    )
    assert persons["Rahile Tursun"].sex == "female"
    assert persons["Abdulla Hashim"].detention_date == "2018"
    assert persons["Abdulla Hashim"].role == "victim"


def test_attribution_release_makes_a_victim() -> None:
    (person,) = extract(
        "Kalbinur Tursun was held in a camp from November 2017 to October 2018. After her "
        "release, she fled to Turkey."
    ).persons
    assert (person.role, person.status) == ("victim", "released")


def test_attribution_a_relatives_detention_is_not_the_speakers() -> None:
    persons = _by_name(
        "The court sentenced Rushangul Ablikim to 15 years in prison in 2020. Her daughter, "
        "Mihriban Tursun, said authorities never told the family where she is held. Mihriban "
        "said that her mother was detained in 2017."
    )
    daughter = persons["Mihriban Tursun"]
    assert daughter.role == "relative"
    assert (daughter.detention_date, daughter.sentence, daughter.events) == (None, None, [])
    assert persons["Rushangul Ablikim"].status == "sentenced"
