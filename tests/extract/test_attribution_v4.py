"""attribution.v4: a short, earlier detention is not the case's date; a lone unnamed person
owns the facts stated for them."""

from __future__ import annotations

from docket.extract import DEFAULT_STEPS, extract
from docket.extract.model import Person
from docket.extract.pipeline import Pipeline


def _person(text: str, name: str, steps: tuple[str, ...] | list[str] = DEFAULT_STEPS) -> Person:
    doc = Pipeline(steps)(text)
    return next(p for p in doc.persons if p.name == name)


_EPISODES = (
    "On July 7, 2015, police in Yueyang detained Falun Gong practitioner Hu Lan. Officials "
    "had detained Hu for 15 days in 2001 and again on June 5, 2009 in Changsha."
)


def test_attribution_v4_short_earlier_detention_is_an_earlier_episode() -> None:
    assert _person(_EPISODES, "Hu Lan").detention_date == "2015-07-07"


def test_attribution_v4_only_short_earlier_detentions_take_the_case_date() -> None:
    text = (
        "On July 7, 2015, officials detained 3 practitioners (Hu Baori, Li Yan, Wang Xi) in "
        "Yueyang. Officials had detained Hu Baori for 15 days in 2001."
    )
    assert _person(text, "Hu Baori").detention_date == "2015-07-07"


def test_attribution_v4_a_short_detention_of_the_same_year_stays() -> None:
    text = (
        "Police detained petitioner Ren Hua on June 20, 2008, and held her for seven days. "
        "Police detained Ren again on September 2, 2008."
    )
    assert _person(text, "Ren Hua").detention_date == "2008-06-20"


def test_attribution_v3_keeps_the_first_dated_detention() -> None:
    v3 = [s if not s.startswith("attribution.") else "attribution.v3" for s in DEFAULT_STEPS]
    assert _person(_EPISODES, "Hu Lan", v3).detention_date == "2015-07-07"
    text = "Officials detained Hu Lan for 15 days in 2001. Police detained Hu on July 7, 2015."
    assert _person(text, "Hu Lan", v3).detention_date == "2001"
    assert _person(text, "Hu Lan").detention_date == "2015-07-07"


def test_attribution_v4_lone_unnamed_person_keeps_their_own_term() -> None:
    persons = extract(
        "On June 4, 2020, police in Lhasa detained Tenzin Norbu and another monk whose name is "
        "unknown. An unidentified Tibetan woman was sentenced to 3 years in prison."
    ).persons
    named = next(p for p in persons if p.name == "Tenzin Norbu")
    assert named.sentence is None
    woman = next(p for p in persons if p.sex == "female")
    assert woman.name is None and woman.sentence is not None
    assert woman.sentence.min_months == 36


def test_attribution_v4_a_facility_renamed_in_parentheses_is_one_place() -> None:
    persons = extract(
        "Officials sentenced Hu Wei to seven years in prison. Hu was reportedly imprisoned in "
        "Shenyang No. 2 Prison (also known as Dabei Prison). In March 2013, authorities "
        "transferred Liu Jun to the Guizhou No. 1 Women's Prison (\u201cYang'ai Prison\u201d)."
    ).persons
    assert {p.name: p.facility for p in persons} == {
        "Hu Wei": "Shenyang No. 2 Prison",
        "Liu Jun": "Guizhou No. 1 Women's Prison",
    }


def test_attribution_v4_a_later_facility_after_a_parenthesis_is_another_place() -> None:
    person = _person(
        "Police held Hu Wei in the Chaoyang District Detention Center (Beijing). In 2014 he was "
        "moved to Qincheng Prison.",
        "Hu Wei",
    )
    assert person.facility == "Qincheng Prison"


def test_attribution_v4_an_undated_detention_takes_a_date_two_sentences_back() -> None:
    text = (
        "On March 29, 1994, five monks of Serwa Monastery removed signboards in Pashoe county. "
        "The monks also put up posters and shouted slogans. Police detained the monks and beat "
        "them. The court sentenced them later; one of them was Lobsang Jinpa."
    )
    assert _person(text, "Lobsang Jinpa").detention_date == "1994-03-29"
    v3 = [s if not s.startswith("attribution.") else "attribution.v3" for s in DEFAULT_STEPS]
    assert _person(text, "Lobsang Jinpa", v3).detention_date is None


def test_events_v4_took_into_custody_across_a_parenthesis_and_curly_apostrophe() -> None:
    person = extract(
        "On August 15, 2007, officials in Gande county took monk-disciplinarian Nyi\u2019oe (or "
        "Nyi O) of Tongkyab Monastery into custody."
    ).persons[0]
    assert person.detention_date == "2007-08-15"


def test_attribution_v4_the_case_date_is_the_first_detention_in_the_text() -> None:
    text = (
        "A group of 15 monks staged a protest on Barkor street on March 10, 2008, the "
        "anniversary of the 1959 Lhasa uprising. The protesters "
        "shouted slogans. Security personnel detained and beat the protesters. The procuratorate "
        "formally arrested 13 on March 24. A court later sentenced Lodroe to 10 years."
    )
    assert _person(text, "Lodroe").detention_date == "2008-03-10"


def test_attribution_v4_one_of_the_group_takes_the_groups_date() -> None:
    text = (
        "On May 14, 2008, more than 50 nuns of Pangri Nunnery set out on a protest march. "
        "They shouted slogans. Police detained the nuns en route. Officials blamed the "
        "protests following March 10. Alo Chime was one of the nuns detained."
    )
    assert _person(text, "Alo Chime").detention_date == "2008-05-14"


def test_attribution_v4_an_earlier_cases_term_gives_way() -> None:
    text = (
        "Kirti monk Lobsang Dorje previously served a 2-year prison sentence from 2008 to 2010. "
        "In May 2012 the Aba Intermediate People's Court sentenced Lobsang Dorje to 3 years in "
        "prison."
    )
    v3 = [s if not s.startswith("attribution.") else "attribution.v3" for s in DEFAULT_STEPS]
    sentence = _person(text, "Lobsang Dorje").sentence
    assert sentence is not None and sentence.min_months == 36
    old = _person(text, "Lobsang Dorje", v3).sentence
    assert old is not None and old.min_months == 24


def test_attribution_v4_a_date_in_parentheses_beside_a_name_is_theirs() -> None:
    persons = extract(
        "On 4 days in February 2012, officials detained Falun Gong practitioners Ji Hanliang "
        "(February 12), Zhang Shunying (February 13), and male Li Quan (February 15) in "
        "Fengqing county. Police in Lhasa detained Dawa Tsering (RFA, 3 March 12) on March 1."
    ).persons
    assert {p.name: p.detention_date for p in persons} == {
        "Ji Hanliang": "2012-02-12",
        "Zhang Shunying": "2012-02-13",
        "Li Quan": "2012-02-15",
        "Dawa Tsering": "2012-03-01",
    }
