from docket.cases.models import Claim, Person
from docket.cases.selectors import (
    case_list,
    person_get,
    person_sentences,
    person_timeline,
    person_to_contract,
)
from docket.core.models import AuditEvent
from docket.core.selectors import audit_verify_chain
from docket.evidence.models import Source
from docket.ingest.demo import demo_load, demo_text


def test_demo_text_is_the_seed(seed_text):
    assert demo_text() == seed_text


def test_demo_load_is_idempotent(demo):
    counts = (Source.objects.count(), Person.objects.count(), Claim.objects.count())
    audit_rows = AuditEvent.objects.count()
    again = demo_load(actor="system:test")
    assert again.created is False
    assert (Source.objects.count(), Person.objects.count(), Claim.objects.count()) == counts
    assert AuditEvent.objects.count() == audit_rows
    assert audit_verify_chain().ok


def test_demo_claims_cite_their_words(demo):
    source = Source.objects.get(pk=demo.source_id)
    claims = Claim.objects.filter(source=source)
    assert claims.count() > 30
    for claim in claims:
        assert claim.review_status == "accepted"
        assert source.text[claim.span_start : claim.span_end] == claim.quote


def test_demo_ikram_record(demo, users):
    viewer = users["viewer"]
    ikram = person_get(user=viewer, person_id=demo.person_ids[0])
    contract = person_to_contract(person=ikram, user=viewer)
    assert contract["name"] == "Ikram Nurmehmet"
    assert contract["age"] == 33
    assert contract["ethnicity"] == "Uyghur"
    assert contract["occupations"] == ["filmmaker", "director"]
    assert contract["court"] == "Urumqi Intermediate People's Court"
    assert contract["facility"] == "Urumqi No. 1 Detention Center"
    assert contract["charge_categories"] == ["terrorism"]
    assert contract["sentence"] == {"min_months": 78, "max_months": 78}
    assert set(contract["allegations"]) == {
        "torture",
        "coerced_confession",
        "family_not_notified",
        "foreign_ties",
        "unfair_trial",
    }
    [sentence] = person_sentences(user=viewer, person=ikram)
    assert sentence.expected_release.text == "July 2030 at the latest"
    dates = [entry.date_text for entry in person_timeline(user=viewer, person=ikram)]
    assert dates[:3] == ["2010-2016", "January 2024", "23 August 2024"]
    assert len(case_list(user=viewer)) == 2
