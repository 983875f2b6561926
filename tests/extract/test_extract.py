"""The public API on the seed press release and on bad input."""

from __future__ import annotations

import pytest

from docket.extract import ExtractionError, extract
from docket.extract.model import Person


def _named(persons: list[Person], name: str) -> Person:
    return next(p for p in persons if p.name == name)


def test_extract_seed_main_person_facts(seed_text: str) -> None:
    persons = extract(seed_text, published="2024-09-10").persons
    ikram = _named(persons, "Ikram Nurmehmet")
    assert ikram.role == "victim"
    assert ikram.sex == "male"
    assert ikram.age == 33
    assert ikram.ethnicity == "Uyghur"
    assert {"filmmaker", "director"} <= set(ikram.occupations)
    assert ikram.court is not None and ikram.court.endswith("Urumqi Intermediate People’s Court")
    assert ikram.facility == "Urumqi No. 1 Detention Center"
    assert ikram.charge_categories == ["terrorism"]
    assert ikram.sentence is not None
    assert (ikram.sentence.min_months, ikram.sentence.max_months) == (78, 78)
    assert {"torture", "coerced_confession", "family_not_notified", "foreign_ties"} <= set(
        ikram.allegations
    )


def test_extract_seed_family_notification_date_from_context(seed_text: str) -> None:
    ikram = _named(extract(seed_text, published="2024-09-10").persons, "Ikram Nurmehmet")
    notified = [e for e in ikram.events if e.type == "family_notification"]
    assert [e.date for e in notified] == ["2024-08-23"]


def test_extract_seed_unnamed_groups(seed_text: str) -> None:
    persons = extract(seed_text, published="2024-09-10").persons
    groups = {p.count: p for p in persons if p.name is None}
    assert groups[4].ethnicity == "Uyghur"
    assert groups[4].role == "victim"
    partners = groups[6]
    assert partners.sentence is not None
    assert (partners.sentence.min_months, partners.sentence.max_months) == (144, 180)
    assert partners.charge_categories == ["separatism"]


def test_extract_seed_sources_are_not_victims(seed_text: str) -> None:
    persons = extract(seed_text, published="2024-09-10").persons
    assert _named(persons, "Maya Wang").role == "source"
    tahir = _named(persons, "Tahir Imin")
    assert tahir.role != "victim"
    assert tahir.sentence is None


def test_extract_evidence_spans_point_at_the_words(seed_text: str) -> None:
    ikram = _named(extract(seed_text).persons, "Ikram Nurmehmet")
    (start, end), *_ = ikram.evidence["age"]
    assert seed_text[start:end] == "33"
    (start, end), *_ = ikram.evidence["facility"]
    assert seed_text[start:end] == "Urumqi No. 1 Detention Center"
    for spans in ikram.evidence.values():
        for start, end in spans:
            assert 0 <= start < end <= len(seed_text)


def test_extract_to_dict_has_every_contract_key(seed_text: str) -> None:
    out = extract(seed_text).to_dict("doc-1")
    assert out["id"] == "doc-1"
    keys = {
        "name", "aliases", "count", "role", "sex", "age", "ethnicity", "occupations",
        "detention_date", "court", "facility", "charges", "charge_categories", "sentence",
        "status", "allegations", "evidence",
    }  # fmt: skip
    for person in out["persons"]:
        assert keys <= set(person)


def test_extract_empty_text_has_no_persons() -> None:
    assert extract("").persons == []
    assert extract("   \n ").persons == []


def test_extract_rejects_non_text() -> None:
    with pytest.raises(ExtractionError) as err:
        extract(b"bytes")  # type: ignore[arg-type]
    assert err.value.code == "E101"


def test_extract_rejects_a_bad_published_date() -> None:
    with pytest.raises(ExtractionError) as err:
        extract("Tashi was detained.", published="last week")
    assert err.value.code == "E102"


def test_extract_accepts_partial_published_dates() -> None:
    text = "Police detained the teacher Wang Lijun on March 3."
    person = extract(text, published="2019").persons[0]
    assert person.detention_date == "2019-03-03"


def test_extract_labelled_fields_of_a_list_entry() -> None:
    text = (
        "Name: Tofig Yagublu\n"
        "Position: Deputy chairman of the Musavat Party, journalist\n"
        "Date of arrest: 4 February 2013\n"
        "Charges: Article 233 (organizing actions that violate public order) and Article "
        "315.2 (violence against a representative of authority)\n"
        "Sentence: 5 years of imprisonment\n"
        "Court: Shaki Grave Crimes Court, 17 March 2014"
    )
    (person,) = extract(text).persons
    assert person.name == "Tofig Yagublu"
    assert person.detention_date == "2013-02-04"
    assert person.court == "Shaki Grave Crimes Court"
    assert person.sentence is not None and person.sentence.min_months == 60
    assert set(person.charge_categories) == {"public_order", "obstructing_officials"}
    assert person.status == "sentenced"


def test_extract_records_the_pipeline_that_made_it() -> None:
    from docket.extract import DEFAULT_STEPS

    assert extract("Police detained Li Bo.").pipeline == DEFAULT_STEPS


def test_extract_preload_is_idempotent() -> None:
    from docket.extract import preload

    preload()
    preload()
    assert extract("Police detained Li Bo on May 3, 2015.").persons[0].name == "Li Bo"


def test_extract_seed_asserts_no_detention_date_it_does_not_give(seed_text: str) -> None:
    # "January 2024" is when Nurmehmet was convicted; the report never says when anyone
    # was detained, and the "detained" of its background paragraph is about Uyghurs at large.
    persons = extract(seed_text, published="2024-09-10").persons
    assert [p.detention_date for p in persons] == [None] * len(persons)
    ikram = _named(persons, "Ikram Nurmehmet")
    assert ("conviction", "2024-01") in [(e.type, e.date) for e in ikram.events]
    assert all(e.date is None for e in ikram.events if e.type == "detention")


def test_extract_seed_quoted_source_has_her_title_and_no_case_facts(seed_text: str) -> None:
    maya = _named(extract(seed_text, published="2024-09-10").persons, "Maya Wang")
    assert maya.role == "source"
    assert maya.occupations == ["associate China director"]
    assert (maya.allegations, maya.charges, maya.sentence) == ([], [], None)
