"""Storing extracted documents and reviewing what they propose (real database)."""

import pytest

from docket.cases.models import Case, Claim, Institution, Person
from docket.cases.selectors import case_list, case_to_contract, person_to_contract
from docket.core.errors import ApplicationError, PermissionDenied
from docket.core.models import AuditEvent
from docket.core.selectors import audit_verify_chain
from docket.evidence.models import Source
from docket.ingest.models import Candidate, ExtractedPerson, Ingestion, NameKey
from docket.ingest.services import (
    Incoming,
    document_ingest,
    extracted_person_accept,
    extracted_person_link,
    extracted_person_reject,
    extractor_method,
    suggestion_accept,
    suggestion_reject,
)

pytestmark = pytest.mark.django_db


def seed_incoming(text, **options):
    return Incoming(name="seed.txt", text=text, filename="seed.txt", title="HRW", **options)


def ingest_seed(seed_text, seed_extraction, **options):
    options.setdefault("actor", "system:test")
    return document_ingest(
        incoming=seed_incoming(seed_text, published="2024-09-01"),
        extraction=seed_extraction,
        **options,
    )


def counts():
    return tuple(m.objects.count() for m in (Source, Person, Case, Claim, ExtractedPerson))


def test_document_ingest_stores_source_and_suggestions(seed_text, seed_extraction):
    result = ingest_seed(seed_text, seed_extraction)
    assert result.status == "stored" and result.persons == 5 and result.persons_new == 5
    source = Source.objects.get(pk=result.source_id)
    assert (source.title, source.published, source.added_by_name) == (
        "HRW",
        "2024-09-01",
        "system:test",
    )
    claims = Claim.objects.filter(source=source)
    assert claims.count() == result.claims > 30
    for claim in claims:
        assert claim.review_status == "suggested" and claim.veracity == "alleged"
        assert claim.method == extractor_method()
        if claim.span_start is not None:
            assert source.text[claim.span_start : claim.span_end] == claim.quote
    ingestion = Ingestion.objects.get(source=source)
    assert (ingestion.persons, ingestion.claims, ingestion.auto_accepted) == (
        5,
        result.claims,
        False,
    )
    extracted = list(ExtractedPerson.objects.filter(ingestion=ingestion).order_by("position"))
    assert [e.role for e in extracted] == ["victim", "source", "victim", "source", "victim"]
    assert all(e.decision == "pending" for e in extracted)
    assert sum(e.claims.count() for e in extracted) == result.claims
    # Suggestions are not part of the record yet.
    assert Person.objects.get(pk=extracted[0].person_id).names.count() == 0
    assert AuditEvent.objects.filter(action="source.ingest").count() == 1
    assert audit_verify_chain().ok


def test_document_ingest_groups_co_defendants_into_cases(seed_text, seed_extraction):
    ingest_seed(seed_text, seed_extraction)
    extracted = {e.position: e for e in ExtractedPerson.objects.all()}
    trial, partners = extracted[0].case, extracted[4].case
    assert trial.title == "Ikram Nurmehmet and 4 others"
    assert partners.title == "6 unnamed people (HRW)"
    assert extracted[2].case == trial and extracted[1].case == trial
    assert extracted[3].case == partners
    membership = Claim.objects.get(person_id=extracted[3].person_id, field="membership")
    assert membership.value == {"case": partners.pk, "role": "source"}


def test_sources_and_relatives_are_restricted(seed_text, seed_extraction):
    ingest_seed(seed_text, seed_extraction, confidentiality="public")
    levels = {e.role: e.person.confidentiality for e in ExtractedPerson.objects.all()}
    assert levels == {"victim": "public", "source": "restricted"}
    maya = ExtractedPerson.objects.get(position=1).person
    assert {c.confidentiality for c in maya.claims.all()} == {"restricted"}


def test_the_same_document_again_adds_nothing(seed_text, seed_extraction):
    ingest_seed(seed_text, seed_extraction)
    before, audit_rows = counts(), AuditEvent.objects.count()
    again = ingest_seed(seed_text, seed_extraction)
    assert again.status == "skipped" and again.claims == 0
    assert counts() == before and AuditEvent.objects.count() == audit_rows


def test_auto_accept_builds_the_record(seed_text, seed_extraction, users):
    ingest_seed(seed_text, seed_extraction, auto_accept=True)
    viewer = users["viewer"]
    ikram = ExtractedPerson.objects.get(position=0).person
    contract = person_to_contract(person=ikram, user=viewer)
    assert contract["name"] == "Ikram Nurmehmet"
    assert (contract["age"], contract["ethnicity"], contract["sex"]) == (33, "Uyghur", "male")
    assert contract["court"] == "Urumqi Intermediate People's Court"
    assert contract["facility"] == "Urumqi No. 1 Detention Center"
    assert contract["charge_categories"] == ["terrorism"]
    assert contract["sentence"] == {"min_months": 78, "max_months": 78}
    assert contract["allegations"] == ["torture", "coerced_confession", "family_not_notified"]
    cases = [case_to_contract(case=c, user=viewer) for c in case_list(user=viewer)]
    by_title = {c["title"]: c["persons"] for c in cases}
    partners = by_title["6 unnamed people (HRW)"]
    assert [(p["count"], p["sentence"]) for p in partners] == [
        (6, {"min_months": 144, "max_months": 180})
    ]
    assert [p["count"] for p in by_title["Ikram Nurmehmet and 4 others"]] == [1, 4]
    assert Institution.objects.filter(kind="court").count() == 1
    assert set(ExtractedPerson.objects.values_list("decision", flat=True)) == {"new"}
    assert NameKey.objects.exists()  # accepted names are indexed for matching


def test_auto_accept_needs_review_rights(seed_text, seed_extraction, users):
    with pytest.raises(PermissionDenied):
        ingest_seed(seed_text, seed_extraction, actor=users["researcher"], auto_accept=True)
    result = ingest_seed(seed_text, seed_extraction, actor=users["researcher"])
    source = Source.objects.get(pk=result.source_id)
    assert source.added_by == users["researcher"]
    assert Claim.objects.filter(source=source).first().made_by == users["researcher"]


def test_a_bad_extraction_writes_nothing(seed_text):
    with pytest.raises(ApplicationError):
        ingest_seed(seed_text, {"persons": "nobody"})
    assert counts() == (0, 0, 0, 0, 0)


def test_a_second_report_on_the_same_person_is_linked(seed_text, seed_extraction):
    ingest_seed(seed_text, seed_extraction, auto_accept=True)
    ikram = ExtractedPerson.objects.get(position=0).person
    text = (
        "Ikram Nurmehmet, 33, a Uyghur filmmaker, was sentenced to six and a half years "
        "by the Urumqi Intermediate People's Court in January 2024 for terrorism. "
        "He is held in Urumqi No. 1 Detention Center."
    )
    person = {
        "name": "Ikram Nurmehmet",
        "role": "victim",
        "age": 33,
        "sex": "male",
        "ethnicity": "Uyghur",
        "court": "Urumqi Intermediate People's Court",
        "facility": "Urumqi No. 1 Detention Center",
        "sentence": {"min_months": 78, "max_months": 78},
        "events": [{"type": "sentence", "date": "2024-01", "evidence": [[43, 56]]}],
    }
    result = document_ingest(
        actor="system:test",
        incoming=Incoming(name="second", text=text, published="2024-10-01"),
        extraction={"persons": [person]},
        auto_accept=True,
    )
    assert (result.persons_linked, result.persons_new) == (1, 0)
    extracted = ExtractedPerson.objects.get(ingestion__source_id=result.source_id)
    assert extracted.person == ikram and extracted.auto_linked and extracted.decision == "linked"
    assert ikram.claims.filter(source_id=result.source_id, field="name").exists()


def test_a_weaker_match_is_proposed_not_linked(seed_text, seed_extraction):
    ingest_seed(seed_text, seed_extraction, auto_accept=True)
    ikram = ExtractedPerson.objects.get(position=0).person
    text = "Ikram Nurmehmet, a Uyghur, was detained in 2019."
    person = {"name": "Ikram Nurmehmet", "role": "victim", "ethnicity": "Uyghur"}
    result = document_ingest(
        actor="system:test",
        incoming=Incoming(name="third", text=text),
        extraction={"persons": [person]},
    )
    assert (result.persons_new, result.persons_with_candidates) == (1, 1)
    extracted = ExtractedPerson.objects.get(ingestion__source_id=result.source_id)
    assert extracted.person != ikram and extracted.decision == "pending"
    [candidate] = Candidate.objects.filter(extracted=extracted)
    assert candidate.person == ikram and candidate.score >= 0.9
    assert candidate.reasons["agree"] == ["ethnicity"] and candidate.reasons["disagree"] == []


def test_a_disagreeing_match_is_not_linked(seed_text, seed_extraction):
    ingest_seed(seed_text, seed_extraction, auto_accept=True)
    text = "Ikram Nurmehmet, 70, a Kazakh woman, was sentenced to six and a half years."
    person = {
        "name": "Ikram Nurmehmet",
        "role": "victim",
        "age": 70,
        "sex": "female",
        "ethnicity": "Kazakh",
        "sentence": {"min_months": 78, "max_months": 78},
    }
    result = document_ingest(
        actor="system:test",
        incoming=Incoming(name="fourth", text=text, published="2024-10-01"),
        extraction={"persons": [person]},
        auto_accept=True,
    )
    assert (result.persons_linked, result.persons_new) == (0, 1)
    assert not Candidate.objects.filter(extracted__ingestion__source_id=result.source_id).exists()


def pending_ikram(seed_text, seed_extraction):
    ingest_seed(seed_text, seed_extraction)
    return ExtractedPerson.objects.get(position=0)


def test_extracted_person_accept_accepts_every_pending_claim(seed_text, seed_extraction, users):
    extracted = pending_ikram(seed_text, seed_extraction)
    done = extracted_person_accept(actor=users["editor"], extracted=extracted)
    assert done.decision == "new" and done.decided_by == users["editor"]
    assert set(done.claims.values_list("review_status", flat=True)) == {"accepted"}
    assert person_to_contract(person=done.person, user=users["viewer"])["name"] == (
        "Ikram Nurmehmet"
    )
    event = AuditEvent.objects.get(action="extracted_person.new")
    assert event.after["person"] == done.person_id and len(event.after["accepted"]) > 10
    assert NameKey.objects.filter(name__person=done.person).exists()


def test_extracted_person_reject_rejects_every_claim(seed_text, seed_extraction, users):
    extracted = pending_ikram(seed_text, seed_extraction)
    claim = extracted.claims.get(field="name")
    suggestion_accept(actor=users["editor"], claim=claim)
    done = extracted_person_reject(
        actor=users["editor"], extracted=extracted, reason="not a person"
    )
    assert done.decision == "rejected"
    assert set(done.claims.values_list("review_status", flat=True)) == {"rejected"}
    assert done.person.names.count() == 0  # taken out of the record again
    with pytest.raises(ApplicationError):
        extracted_person_accept(actor=users["editor"], extracted=done)


def test_review_needs_review_rights(seed_text, seed_extraction, users):
    extracted = pending_ikram(seed_text, seed_extraction)
    with pytest.raises(PermissionDenied):
        extracted_person_accept(actor=users["researcher"], extracted=extracted)
    with pytest.raises(PermissionDenied):
        suggestion_accept(actor=users["researcher"], claim=extracted.claims.first())
    assert extracted.claims.filter(review_status="accepted").count() == 0


def test_suggestion_accept_with_an_edit(seed_text, seed_extraction, users):
    extracted = pending_ikram(seed_text, seed_extraction)
    age = extracted.claims.get(field="age")
    done = suggestion_accept(actor=users["editor"], claim=age, value={"age": 34, "as_of": "2024"})
    assert done.review_status == "accepted" and done.value == {"age": 34, "as_of": "2024"}
    assert Person.objects.get(pk=extracted.person_id).age == 34
    actions = list(
        AuditEvent.objects.filter(entity_type="cases.claim", entity_id=str(age.pk)).values_list(
            "action", flat=True
        )
    )
    assert actions == ["claim.update", "claim.accept"]  # made in the person's bulk event
    bad = extracted.claims.get(field="sex")
    with pytest.raises(ApplicationError):
        suggestion_accept(actor=users["editor"], claim=bad, value="neither")
    bad.refresh_from_db()
    assert bad.review_status == "suggested" and bad.value == "male"
    rejected = suggestion_reject(actor=users["editor"], claim=bad, reason="pronoun misread")
    assert rejected.review_status == "rejected"


def second_report_on_ikram(seed_text, seed_extraction):
    """Ikram accepted from the seed, then a pending extraction that may be him."""
    ingest_seed(seed_text, seed_extraction, auto_accept=True)
    ikram = ExtractedPerson.objects.get(position=0).person
    result = document_ingest(
        actor="system:test",
        incoming=Incoming(name="other", text="Ikram Nurmehmet, a filmmaker, was tortured."),
        extraction={
            "persons": [
                {
                    "name": "Ikram Nurmehmet",
                    "role": "victim",
                    "allegations": ["torture"],
                    "evidence": {"name": [[0, 15]], "allegations": [[36, 44]]},
                }
            ]
        },
    )
    return ikram, ExtractedPerson.objects.get(ingestion__source_id=result.source_id)


def test_extracted_person_link_merges_its_record_into_the_person(seed_text, seed_extraction, users):
    ikram, extracted = second_report_on_ikram(seed_text, seed_extraction)
    shell = extracted.person
    assert [c.person for c in extracted.candidates.all()] == [ikram]
    moved = set(extracted.claims.values_list("pk", flat=True))
    done = extracted_person_link(actor=users["editor"], extracted=extracted, person=ikram)
    assert done.person == ikram and done.decision == "linked" and not done.auto_linked
    assert set(ikram.claims.filter(pk__in=moved).values_list("pk", flat=True)) == moved
    shell.refresh_from_db()
    assert shell.merged_into == ikram
    assert AuditEvent.objects.filter(action="person.merge").count() == 1
    event = AuditEvent.objects.get(action="extracted_person.linked")
    assert event.after["person"] == ikram.pk and event.after["merge"]
    # Its claims are still suggestions, now on Ikram's record for review.
    assert set(Claim.objects.filter(pk__in=moved).values_list("review_status", flat=True)) == {
        "suggested"
    }


def test_extracted_person_link_refuses_what_it_cannot_do(seed_text, seed_extraction, users):
    ikram, extracted = second_report_on_ikram(seed_text, seed_extraction)
    with pytest.raises(PermissionDenied):
        extracted_person_link(actor=users["researcher"], extracted=extracted, person=ikram)
    with pytest.raises(ApplicationError):
        extracted_person_link(actor=users["editor"], extracted=extracted, person=extracted.person)
    extracted.auto_linked = True  # as if ingest had linked it itself
    extracted.save()
    with pytest.raises(ApplicationError, match="automatically"):
        extracted_person_link(actor=users["editor"], extracted=extracted, person=ikram)
    assert extracted.person.merged_into is None
