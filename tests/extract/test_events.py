"""events.v1 and events.v2: steps at trigger words, with their dates."""

from __future__ import annotations

import pytest

from docket.extract import DEFAULT_STEPS, Pipeline
from docket.extract.doc import EventMention

_V1 = [s if not s.startswith("events.") else "events.v1" for s in DEFAULT_STEPS]


def _events(text: str, steps: list[str] | tuple[str, ...] = DEFAULT_STEPS) -> list[EventMention]:
    return Pipeline(steps)(text).events


def _kinds(text: str) -> list[str]:
    return [e.kind for e in _events(text)]


def test_events_convicted_is_a_conviction_not_a_sentence() -> None:
    (event,) = _events("The Kashgar Intermediate People's Court convicted Ehmet in May 2019.")
    assert event.kind == "conviction"
    assert event.date is not None and event.date.edtf() == "2019-05"


def test_events_found_guilty_is_a_conviction() -> None:
    assert _kinds("On 29 April 2014 the court found him guilty of hooliganism.") == ["conviction"]


def test_events_v1_keeps_convicted_as_a_sentence() -> None:
    events = _events("The court convicted Ehmet in May 2019.", _V1)
    assert [e.kind for e in events] == ["sentence"]


@pytest.mark.parametrize(
    "text",
    [
        "He was held in a re-education camp from November 2017.",
        "Police held him for 20 days.",
        "She had been held since April 2018.",
        "Farid was held in pre-trial detention.",
    ],
)
def test_events_held_is_custody(text: str) -> None:
    assert "custody" in _kinds(text)


def test_events_held_in_a_named_facility_is_custody() -> None:
    events = _events("Dilgam Sultanov, sentenced to life imprisonment. Held in Gobustan Prison.")
    assert [e.kind for e in events] == ["sentence", "custody"]


def test_events_held_a_meeting_is_no_custody() -> None:
    assert _kinds("The villagers held a meeting in the square.") == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Police intercepted petitioner Song Cuirong in Beijing.", "detention"),
        ("Police placed petitioner Chen Xiaomei under residential surveillance.", "detention"),
        ("Officers took activist and writer Huuchinhuu to the Ke'erqin PSB.", "detention"),
        ("After her release, she moved to Almaty.", "release"),
    ],
)
def test_events_v2_triggers(text: str, kind: str) -> None:
    assert kind in _kinds(text)


def test_events_a_question_is_no_event() -> None:
    text = "Sources did not know whether he had been tried or sentenced."
    assert _kinds(text) == []


def test_events_pre_trial_is_no_trial() -> None:
    text = "Officials from the pre-trial corps took Xu Xiao into custody on May 3, 2014."
    (event,) = _events(text)
    assert event.kind == "detention"
    assert event.date is not None and event.date.edtf() == "2014-05-03"


@pytest.mark.parametrize(
    "text",
    [
        "Uyghurs who have been to these countries have been interrogated, detained and tried.",
        "Tibetans who stage small protests are often detained.",
        "Authorities used the camps to arbitrarily detain Uyghurs and others.",
        "Police detained several other monks earlier that month.",
    ],
)
def test_events_steps_of_people_in_general_are_generic(text: str) -> None:
    events = [e for e in _events(text) if e.kind == "detention"]
    assert events and all(e.generic for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "Police detained monks Gedun Dragpa and Choeying Kalden on March 14, 2014.",
        "Police detained several monks, including Tenzin Deleg.",
        "Four other Uyghurs whose identities are unknown were also detained.",
        "The monks were detained on March 10.",
    ],
)
def test_events_steps_of_particular_people_are_not_generic(text: str) -> None:
    events = [e for e in _events(text) if e.kind == "detention"]
    assert events and not any(e.generic for e in events)


def test_events_were_also_convicted_is_passive() -> None:
    (event,) = _events("Four other Uyghurs were also convicted in connection to the case.")
    assert event.passive


def test_events_took_from_home_is_a_detention() -> None:
    (event,) = _events(
        "Police took Memtimin Yasin, a retired engineer, from his home on 2 May 2018."
    )
    assert (event.kind, event.date and event.date.edtf()) == ("detention", "2018-05-02")


def test_events_when_unknown_leaves_the_step_undated() -> None:
    (event,) = _events("The notice did not say when police detained Kamil Ahmet in 2015.")
    assert (event.kind, event.date) == ("detention", None)


def test_events_date_of_a_relative_clause_is_not_the_steps() -> None:
    (event,) = _events("Police detained Kamil Ahmet, who had travelled to Turkey in 2015.")
    assert event.date is None


@pytest.mark.parametrize(
    "text",
    [
        "He was sentenced to death in 2019.",
        "The court sentenced him to death with a two-year reprieve.",
        "She received a death sentence.",
        "He could face the death penalty.",
        "He was handed a sentence of death.",
    ],
)
def test_events_v3_a_death_penalty_is_no_death(text: str) -> None:
    assert "death" not in _kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "He was sentenced to death and executed in 2019.",
        "He was executed in May 2020.",
        "She died in custody in 2018.",
        "Guards beat him to death.",
    ],
)
def test_events_v3_an_execution_or_a_death_is_a_death(text: str) -> None:
    assert "death" in _kinds(text)


def test_events_v2_keeps_the_death_of_a_death_sentence() -> None:
    v2 = [s if not s.startswith("events.") else "events.v2" for s in DEFAULT_STEPS]
    assert "death" in [e.kind for e in _events("He was sentenced to death.", v2)]


def test_extract_a_death_sentence_leaves_the_person_sentenced_not_deceased() -> None:
    from docket.extract import extract

    (person,) = extract("Ahmad Karimi was sentenced to death in May 2021.").persons
    assert person.sentence is not None and person.sentence.death
    assert person.status == "sentenced"


def test_events_v3_summoned_to_trial_is_no_detention() -> None:
    assert "detention" not in _kinds("On May 29, a court summoned Dorje Tashi to trial.")
    assert "detention" in _kinds("Police summoned Dorje Tashi on May 29.")


def test_events_v3_a_dateline_is_no_steps_date() -> None:
    (ev,) = [
        e
        for e in _events("Baku, 3 June 2024 \u2013 Police detained Anar Ali on 20 May.")
        if e.kind == "detention"
    ]
    assert ev.date is not None and (ev.date.month, ev.date.day) == (5, 20)


def test_events_v4_detained_describing_people_is_no_detention() -> None:
    kinds = [
        (e.kind, e.date.edtf() if e.date else None)
        for e in _events(
            "Authorities released most detained protesters prior to December 2014. One of the "
            "detained men died on August 17. Police detained 3 monks on May 4, 2012."
        )
    ]
    assert kinds == [("release", "2014-12"), ("death", "2014-08-17"), ("detention", "2012-05-04")]


def test_events_v3_still_reads_detained_protesters_as_a_detention() -> None:
    v3 = [s if not s.startswith("events.") else "events.v3" for s in DEFAULT_STEPS]
    events = _events("Authorities released most detained protesters prior to December 2014.", v3)
    assert [e.kind for e in events] == ["release", "detention"]
