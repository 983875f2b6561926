"""interventions.v1: calls for release, who made them, for whom."""

from __future__ import annotations

import pytest

from docket.extract import extract


def _calls(
    text: str, published: str | None = None
) -> dict[str | None, list[tuple[str, str | None]]]:
    found = extract(text, published=published)
    return {p.name: [(i.by, i.date) for i in p.interventions] for p in found.persons}


def test_an_organisation_urging_a_release_is_a_call_for_that_person() -> None:
    text = (
        "Police in Baku detained the journalist Gulnara Aliyeva on June 3, 2023. "
        "Amnesty International urged the authorities to release Gulnara Aliyeva immediately."
    )
    calls = _calls(text)
    assert calls["Gulnara Aliyeva"] == [("Amnesty International", None)]


def test_a_quoted_call_belongs_to_the_organisation_of_its_speaker() -> None:
    text = (
        "A court in Minsk sentenced Ivan Petrov, 51, to seven years in prison in May 2022. "
        "\u201cThe authorities should free Ivan Petrov now,\u201d said Anna Smith, Europe "
        "researcher at Human Rights Watch."
    )
    assert _calls(text)["Ivan Petrov"] == [("Human Rights Watch", None)]


def test_the_date_the_sentence_gives_is_the_date_of_the_call() -> None:
    text = (
        "Tenzin Norbu, a monk, was detained in 2019. On March 3, 2023, the UN Working Group on "
        "Arbitrary Detention called for the release of Tenzin Norbu."
    )
    assert _calls(text)["Tenzin Norbu"] == [
        ("UN Working Group on Arbitrary Detention", "2023-03-03")
    ]


@pytest.mark.parametrize(
    "text",
    [
        # the detainee's own act, not an intervention
        "Police detained Lobsang Dorje in 2012 after he shouted slogans calling for the release "
        "of political prisoners. Human Rights Watch said the case was typical.",
        # a news outlet reports a call by nobody it names
        "Radio Free Asia reported that relatives called for the release of Dilnur Rahman, "
        "who was detained in 2018.",
        # an organisation named as a source of facts, not as the caller
        "According to Amnesty International, police detained Aziz Karimov in 2020 and he "
        "remains in custody.",
    ],
)
def test_no_call_without_an_advocate_asking_for_it(text: str) -> None:
    assert all(not calls for calls in _calls(text).values())


def test_a_speaker_in_the_next_sentence_owns_only_a_quoted_call() -> None:
    quoted = (
        "Police detained Nurlan Abenov in 2021. \u201cHe must be released. Kazakhstan should "
        "release Nurlan Abenov,\u201d the researcher said. Human Rights Watch said so again."
    )
    assert _calls(quoted)["Nurlan Abenov"] == [("Human Rights Watch", None)]
    plain = (
        "Police detained Nurlan Abenov in 2021. His family wants the court to release Nurlan "
        "Abenov. Human Rights Watch said the trial was unfair."
    )
    assert _calls(plain)["Nurlan Abenov"] == []
