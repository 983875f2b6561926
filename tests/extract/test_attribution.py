"""attribution.v1: who each fact belongs to."""

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
