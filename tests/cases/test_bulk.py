from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from docket.cases.models import Claim, Person, PersonIdentifier
from docket.cases.services import (
    ClaimInput,
    IdentifierInput,
    PersonClaims,
    case_create,
    claim_create,
    claims_bulk_create,
    institution_create,
    person_create,
)
from docket.core.audit import canonical_json
from docket.core.errors import ApplicationError, PermissionDenied
from docket.core.models import AuditEvent
from docket.core.selectors import audit_verify_chain
from docket.evidence.services import source_create

pytestmark = pytest.mark.django_db

ACTOR = "system:test"


@pytest.fixture
def world(db):
    """A source, a case and a court to cite."""
    text = (
        "Alim Tursun, 40, a Uyghur teacher from Kashgar, was detained in May 2017. "
        "The Kashgar Intermediate People's Court sentenced him to 10 years."
    )
    source = source_create(actor=ACTOR, text=text, confidentiality="public").source
    case = case_create(actor=ACTOR, title="Alim Tursun", confidentiality="public")
    court = institution_create(
        actor=ACTOR, name="Kashgar Intermediate People's Court", kind="court"
    )
    return source, case, court


def sample_claims(case, court, tag=""):
    """Claims that exercise every kind of projection: rows shared, levels, conflicts."""
    return [
        ClaimInput("name", {"text": "Alim Tursun"}, quote="Alim Tursun"),
        ClaimInput("name", {"text": "Alim Tursun"}, confidentiality="restricted"),
        ClaimInput("name", {"text": "阿力木", "script": "Hans", "language": "zh"}),
        ClaimInput("age", {"age": 40, "as_of": "2017-05"}, quote="40", veracity="confirmed"),
        ClaimInput("age", {"age": 52, "as_of": "2017"}),
        ClaimInput("ethnicity", "Uyghur", confidentiality="restricted"),
        ClaimInput("ethnicity", "Kazakh"),
        ClaimInput("religion", "Muslim"),
        ClaimInput("sex", "male"),
        ClaimInput("occupation", f"teacher{tag}", quote="teacher"),
        ClaimInput("membership", {"case": case.pk, "role": "victim"}),
        ClaimInput("event", {"type": "detention", "date": "2017-05", "case": case.pk}),
        ClaimInput("event", {"type": "sentence", "institution": court.pk, "date": "2018"}),
        ClaimInput("event", {"type": "sentence", "institution": court.pk, "date": "2018"}),
        ClaimInput("charge", {"text": "separatism", "category": "separatism"}),
        ClaimInput("sentence", {"min_months": 120, "case": case.pk}, quote="10 years"),
        ClaimInput("allegation", "torture", confidentiality="restricted"),
        ClaimInput("allegation", "torture", confidentiality="public"),
        ClaimInput("status", "sentenced"),
    ]


def one_by_one(person, source, claims, accept=True, method="import:test 1"):
    for c in claims:
        claim_create(
            actor=ACTOR,
            person=person,
            field=c.field,
            value=c.value,
            source=source,
            quote=c.quote,
            span=c.span,
            veracity=c.veracity,
            confidentiality=c.confidentiality,
            method=method,
            accept=accept,
        )


@pytest.mark.parametrize("accept", [True, False])
def test_claims_bulk_create_matches_one_by_one_for_new_persons(world, accept, person_record):
    source, case, court = world
    single = person_create(actor=ACTOR, confidentiality="public")
    one_by_one(single, source, sample_claims(case, court), accept=accept)
    result = claims_bulk_create(
        actor=ACTOR,
        method="import:test 1",
        accept=accept,
        records=[
            PersonClaims(
                source=source, confidentiality="public", claims=sample_claims(case, court)
            ),
            PersonClaims(source=source, claims=sample_claims(case, court, tag=" 2")),
        ],
    )
    bulk = result.records[0].person
    assert result.records[0].created and len(result.records[0].claims) == 19
    assert person_record(bulk) == person_record(single)
    assert result.records[1].person.confidentiality == "internal"
    relative = PersonClaims(role="relative", claims=[ClaimInput("name", "A Relative")])
    made = claims_bulk_create(actor=ACTOR, records=[relative]).records[0]
    assert made.person.confidentiality == made.claims[0].confidentiality == "restricted"
    if accept:
        assert bulk.ethnicity == "Kazakh" and bulk.ethnicity_level == "public"
        assert bulk.names.get(text="Alim Tursun").confidentiality == "public"


def test_claims_bulk_create_matches_one_by_one_for_existing_persons(world, person_record):
    source, case, court = world
    other = source_create(actor=ACTOR, text="Alim Tursun is 41.", confidentiality="public").source
    first = sample_claims(case, court)[::2]
    later = [replace(c, quote="") for c in sample_claims(case, court)[1::2]]
    single = person_create(actor=ACTOR, confidentiality="public")
    one_by_one(single, source, first)
    one_by_one(single, other, later)
    bulk = person_create(actor=ACTOR, confidentiality="public")
    one_by_one(bulk, source, first)
    claims_bulk_create(
        actor=ACTOR,
        method="import:test 1",
        accept=True,
        records=[PersonClaims(person=bulk, source=other, claims=later)],
    )
    assert person_record(bulk) == person_record(single)


def test_claims_bulk_create_supersede_replaces_one_source(world, person_record):
    source, case, court = world
    newer = source_create(actor=ACTOR, text="Alim Tursun, 41, was released.").source
    manual = source_create(actor=ACTOR, text="A relative: Alim Tursun is a teacher.").source
    claims = sample_claims(case, court)
    replacement = [ClaimInput("age", {"age": 41}), ClaimInput("status", "released")]
    kept = [ClaimInput("occupation", "teacher", quote="teacher")]

    person = person_create(actor=ACTOR, confidentiality="public")
    one_by_one(person, manual, kept, method="user:someone")
    one_by_one(person, source, claims)
    result = claims_bulk_create(
        actor=ACTOR,
        method="import:test 2",
        accept=True,
        records=[PersonClaims(person=person, source=newer, supersede=source, claims=replacement)],
    )
    assert result.records[0].superseded == len(claims)

    expected = person_create(actor=ACTOR, confidentiality="public")
    one_by_one(expected, manual, kept, method="user:someone")
    one_by_one(expected, newer, replacement, method="import:test 2")
    assert person_record(person) == person_record(expected)
    assert person.age == 41 and person.status == "released"


def test_claims_bulk_create_queries_do_not_grow_with_records(world):
    source, case, court = world

    def queries_for(n):
        records = [PersonClaims(source=source, claims=sample_claims(case, court)) for _ in range(n)]
        with CaptureQueriesContext(connection) as queries:
            claims_bulk_create(actor=ACTOR, method="import:test 1", accept=True, records=records)
        return len(queries)

    few, many = queries_for(3), queries_for(40)
    assert Claim.objects.filter(person__isnull=False).count() == 43 * 19
    # A constant number of queries per batch, plus SQLite's insert batches (>= 50 rows each).
    assert few < 30
    assert many - few <= (40 - 3) * 19 // 50 + 1


def test_claims_bulk_create_audits_one_event_per_record_masking_restricted(world):
    source, case, court = world
    claims_bulk_create(
        actor=ACTOR,
        accept=True,
        records=[
            PersonClaims(source=source, claims=sample_claims(case, court)),
            PersonClaims(
                confidentiality="restricted",
                claims=[ClaimInput("name", "Secret Witness")],
                identifiers=[IdentifierInput("test", "W-1")],
            ),
        ],
    )
    events = list(AuditEvent.objects.filter(action="claims.bulk_create"))
    assert len(events) == 2
    first = events[0].after
    assert first["person_created"] and first["review_status"] == "accepted"
    ethnicity = [c for c in first["claims"] if c["field"] == "ethnicity"]
    assert ethnicity[0]["value"].startswith("[restricted ")  # restricted claim masked
    assert ethnicity[1]["value"] == "Kazakh"
    dumped = canonical_json([e.after for e in events])
    assert "Secret Witness" not in dumped and "W-1" not in dumped
    assert audit_verify_chain().ok


def test_claims_bulk_create_refuses_bad_records_or_skips_them(world, users):
    source, _, _ = world
    good = PersonClaims(source=source, claims=[ClaimInput("name", "Alim Tursun")])
    bad_date = PersonClaims(claims=[ClaimInput("event", {"type": "detention", "date": "2017-13"})])
    bad_ref = PersonClaims(claims=[ClaimInput("event", {"type": "trial", "institution": 99999})])
    before = (Person.objects.count(), Claim.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ApplicationError, match=r"record 1: claim 0 \(event\).*month"):
        claims_bulk_create(actor=ACTOR, records=[good, bad_date])
    with pytest.raises(ApplicationError, match="institution 99999 does not exist"):
        claims_bulk_create(actor=ACTOR, records=[good, bad_ref])
    with pytest.raises(PermissionDenied):
        claims_bulk_create(actor=users["researcher"], accept=True, records=[good])
    assert (Person.objects.count(), Claim.objects.count(), AuditEvent.objects.count()) == before

    result = claims_bulk_create(
        actor=users["researcher"], records=[bad_date, good, bad_ref], skip_invalid=True
    )
    assert result.records[0] is None and result.records[2] is None
    assert set(result.errors) == {0, 2}
    made = result.records[1].claims[0]
    assert (made.review_status, made.method, made.made_by) == (
        "suggested",
        "user:researcher-user",
        users["researcher"],
    )


def test_claims_bulk_create_sets_and_guards_identifiers(world):
    source, _, _ = world
    first = claims_bulk_create(
        actor=ACTOR,
        records=[
            PersonClaims(
                claims=[ClaimInput("name", "Alim Tursun")],
                identifiers=[IdentifierInput("cecc", "2004-00001", "abc", source)],
            )
        ],
    ).records[0]
    ident = PersonIdentifier.objects.get(scheme="cecc", value="2004-00001")
    assert (ident.person, ident.fingerprint, ident.source) == (first.person, "abc", source)
    with pytest.raises(ApplicationError, match="belongs to another person"):
        claims_bulk_create(
            actor=ACTOR, records=[PersonClaims(identifiers=[IdentifierInput("cecc", "2004-00001")])]
        )
    claims_bulk_create(
        actor=ACTOR,
        records=[
            PersonClaims(
                person=first.person, identifiers=[IdentifierInput("cecc", "2004-00001", "def")]
            )
        ],
    )
    ident.refresh_from_db()
    assert (ident.fingerprint, ident.source) == ("def", None)
    with pytest.raises(ApplicationError, match="scheme"):
        claims_bulk_create(
            actor=ACTOR, records=[PersonClaims(identifiers=[IdentifierInput("", "x")])]
        )
