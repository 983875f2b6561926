import pytest
from django.db import IntegrityError, transaction

from docket.cases.models import Case, Charge, Claim, Event, Name, Person, Sentence
from docket.cases.services import (
    case_create,
    case_update,
    claim_accept,
    claim_create,
    claim_reject,
    claim_update,
    institution_create,
    person_create,
    person_update,
)
from docket.core.errors import ApplicationError, PermissionDenied
from docket.core.models import AuditEvent
from docket.core.selectors import audit_verify_chain
from docket.evidence.services import source_create

pytestmark = pytest.mark.django_db


def counts():
    return (
        Person.objects.count(),
        Claim.objects.count(),
        Event.objects.count(),
        Charge.objects.count(),
        AuditEvent.objects.count(),
    )


def other_source(text="A second report: Alim Tursun is 52 and was charged with separatism."):
    return source_create(actor="system:test", text=text, confidentiality="public").source


def test_claim_create_locates_quote_and_audits(person, report):
    alim = person()
    claim = claim_create(
        actor="system:test",
        person=alim,
        field="age",
        value={"age": 40, "as_of": "2024"},
        source=report,
        quote="Alim Tursun, 40",
    )
    assert report.text[claim.span_start : claim.span_end] == "Alim Tursun, 40"
    assert claim.review_status == "suggested" and claim.method == "system:test"
    assert alim.age is None  # suggested claims are not projected
    event = AuditEvent.objects.filter(action="claim.create").last()
    assert event.entity_id == str(claim.pk)
    assert event.after["value"] == {"age": 40, "as_of": "2024"}


def test_claim_span_and_quote_must_agree(person, report):
    alim = person()
    start = report.text.index("Uyghur")
    by_span = claim_create(
        actor="system:test",
        person=alim,
        field="ethnicity",
        value="Uyghur",
        source=report,
        span=(start, start + 6),
    )
    assert by_span.quote == "Uyghur"
    with pytest.raises(ApplicationError, match="differ from the source"):
        claim_create(
            actor="system:test",
            person=alim,
            field="ethnicity",
            value="Uyghur",
            source=report,
            span=(0, 6),
            quote="Uyghur",
        )
    with pytest.raises(ApplicationError, match="need a source"):
        claim_create(actor="system:test", person=alim, field="sex", value="male", quote="he")


def test_accept_projects_and_reject_removes(person, report, fact):
    alim = person()
    claim = fact(
        alim,
        "charge",
        {"text": "inciting separatism", "category": "separatism"},
        source=report,
        quote="inciting separatism",
    )
    charge = Charge.objects.get(person=alim)
    assert (charge.text, charge.category, charge.confidentiality) == (
        "inciting separatism",
        "separatism",
        "public",
    )
    assert list(charge.claims.all()) == [claim]
    claim_reject(actor="system:test", claim=claim, reason="misread")
    assert not Charge.objects.filter(person=alim).exists()
    assert AuditEvent.objects.filter(action="claim.reject").count() == 1


def test_same_fact_from_two_sources_is_one_row(person, report, fact):
    alim = person()
    value = {"text": "separatism", "category": "separatism"}
    first = fact(alim, "charge", value, source=report, quote="separatism")
    second = fact(alim, "charge", value, source=other_source(), quote="separatism")
    charge = Charge.objects.get(person=alim)
    assert set(charge.claims.all()) == {first, second}
    claim_reject(actor="system:test", claim=first)
    charge.refresh_from_db()
    assert list(charge.claims.all()) == [second]


def test_row_is_as_public_as_its_most_public_claim(person, report, fact):
    alim = person()
    value = {"type": "torture"}
    restricted = fact(alim, "allegation", value, confidentiality="restricted")
    row = alim.allegations.get()
    assert row.confidentiality == "restricted"
    public = fact(alim, "allegation", value, source=report, quote="tortured")
    row.refresh_from_db()
    assert row.confidentiality == "public"
    claim_reject(actor="system:test", claim=public)
    row.refresh_from_db()
    assert row.confidentiality == "restricted"
    assert list(row.claims.all()) == [restricted]


def test_disagreeing_claims_never_overwrite(person, report, fact):
    alim = person()
    first = fact(alim, "ethnicity", "Uyghur", source=report, quote="Uyghur")
    fact(alim, "ethnicity", "Kazakh", source=other_source("He is a Kazakh."), quote="Kazakh")
    alim.refresh_from_db()
    assert alim.ethnicity == "Uyghur"
    assert Claim.objects.filter(person=alim, review_status="accepted").count() == 2
    claim_reject(actor="system:test", claim=first)
    alim.refresh_from_db()
    assert alim.ethnicity == "Kazakh"


def test_person_column_prefers_the_most_public_claim(person, report, fact):
    alim = person()
    fact(alim, "age", 52, confidentiality="restricted")
    fact(alim, "age", {"age": 40, "as_of": "2024"}, source=report, quote="Alim Tursun, 40")
    alim.refresh_from_db()
    assert (alim.age, alim.age_as_of, alim.age_level) == (40, "2024", "public")


def test_claim_update_reprojects_accepted_claim(person, fact):
    alim = person()
    claim = fact(alim, "sentence", {"min_months": 120})
    claim_update(actor="system:test", claim=claim, value={"min_months": 96, "max_months": 120})
    sentence = Sentence.objects.get(person=alim)
    assert (sentence.min_months, sentence.max_months) == (96, 120)
    event = AuditEvent.objects.get(action="claim.update")
    assert event.before["value"]["min_months"] == 120
    assert event.after["value"]["min_months"] == 96


def test_accepting_twice_is_refused(person, fact):
    claim = fact(person(), "sex", "male")
    with pytest.raises(ApplicationError, match="accepted already"):
        claim_accept(actor="system:test", claim=claim)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("sentence", {"min_months": -6}),
        ("sentence", {"min_months": 30, "max_months": 12}),
        ("charge", {"text": "loitering", "category": "loitering"}),
        ("event", {"type": "detention", "date": "2024-02-30"}),
        ("event", {"type": "detention", "date": "2017-13"}),
        ("occupation", "x" * 201),
        ("membership", {"case": 999999, "role": "victim"}),
        ("event", {"type": "transfer", "institution": 999999}),
    ],
)
def test_bad_input_writes_nothing(person, field, value):
    alim = person()
    before = counts()
    with pytest.raises(ApplicationError):
        claim_create(actor="system:test", person=alim, field=field, value=value, accept=True)
    assert counts() == before


def test_failed_write_leaves_no_partial_record():
    before = counts()
    with pytest.raises(ApplicationError):
        # The person is written before its name is checked: the whole call rolls back.
        person_create(actor="system:test", confidentiality="public", name="x" * 400)
    assert counts() == before


def test_oversize_quote_is_refused(person, report):
    with pytest.raises(ApplicationError, match="longer than"):
        claim_create(
            actor="system:test",
            person=person(),
            field="sex",
            value="male",
            source=report,
            quote="x" * 5000,
        )


def test_roles_limit_writes(users, person, report):
    alim = person()
    with pytest.raises(PermissionDenied):
        claim_create(actor=users["viewer"], person=alim, field="sex", value="male")
    suggested = claim_create(actor=users["researcher"], person=alim, field="sex", value="male")
    assert suggested.method == "user:researcher-user"
    assert suggested.made_by == users["researcher"]
    with pytest.raises(PermissionDenied):
        claim_accept(actor=users["researcher"], claim=suggested)
    accepted = claim_accept(actor=users["editor"], claim=suggested)
    assert accepted.reviewed_by == users["editor"]
    alim.refresh_from_db()
    assert alim.sex == "male"


def test_extractor_method_is_recorded(person, report):
    claim = claim_create(
        actor="system:ingest",
        person=person(),
        field="sex",
        value="male",
        method="extractor:persons.v1 0.1.0",
    )
    assert claim.method == "extractor:persons.v1 0.1.0"
    with pytest.raises(ApplicationError, match="method"):
        claim_create(
            actor="system:ingest", person=person(), field="sex", value="male", method="guess"
        )


def test_sources_are_restricted_by_default(report):
    witness = person_create(actor="system:test", role="witness", name="Secret Witness")
    assert witness.confidentiality == "restricted"
    name = Name.objects.get(person=witness)
    assert name.confidentiality == "restricted"
    assert name.claims.get().confidentiality == "restricted"


def test_claim_confidentiality_defaults_to_the_stricter_of_subject_and_source(person):
    secret = source_create(actor="system:test", text="internal note", confidentiality="restricted")
    claim = claim_create(
        actor="system:test", person=person(), field="sex", value="male", source=secret.source
    )
    assert claim.confidentiality == "restricted"


def test_case_services_and_intervention_on_case(fact):
    case = case_create(actor="system:test", title="  A trial  ", confidentiality="public")
    assert case.title == "A trial"
    fact(case, "intervention", {"kind": "un_communication", "by": "UN experts", "date": "2024-03"})
    intervention = case.interventions.get()
    assert (intervention.kind, intervention.date_lower.isoformat()) == (
        "un_communication",
        "2024-03-01",
    )
    case_update(actor="system:test", case=case, status="closed")
    assert Case.objects.get(pk=case.pk).status == "closed"
    with pytest.raises(ApplicationError, match="unknown case status"):
        case_update(actor="system:test", case=case, status="finished")
    with pytest.raises(ApplicationError, match="a case cannot have a 'sex' claim"):
        claim_create(actor="system:test", case=case, field="sex", value="male")


def test_restricted_case_title_is_masked_in_audit():
    case_create(actor="system:test", title="Operation Nightingale", confidentiality="restricted")
    event = AuditEvent.objects.get(action="case.create")
    assert "Nightingale" not in str(event.after)


def test_institution_create_returns_the_same_institution():
    court = institution_create(actor="system:test", name="Kashgar  Court", kind="court")
    again = institution_create(actor="system:test", name="Kashgar Court", kind="court")
    assert court == again
    with pytest.raises(ApplicationError, match="exists already"):
        institution_create(actor="system:test", name="Kashgar Court", kind="court", exist_ok=False)
    with pytest.raises(ApplicationError, match="unknown institution kind"):
        institution_create(actor="system:test", name="X", kind="embassy")


def test_person_update_changes_visibility_and_audits(person):
    alim = person()
    person_update(actor="system:test", person=alim, confidentiality="restricted")
    alim.refresh_from_db()
    assert alim.confidentiality == "restricted"
    assert AuditEvent.objects.filter(action="person.update").count() == 1


def test_every_write_is_audited_and_chained(demo):
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"source.create", "institution.create", "case.create", "person.create"} <= actions
    assert {"claim.create", "claim.accept"} <= actions
    assert AuditEvent.objects.filter(action="claim.accept").count() == Claim.objects.count()
    assert audit_verify_chain().ok


@pytest.mark.parametrize(
    "make",
    [
        lambda p: Sentence.objects.create(person=p, min_months=-1, max_months=5),
        lambda p: Sentence.objects.create(person=p, min_months=10, max_months=5),
        lambda p: Sentence.objects.create(person=p),
        lambda p: Person.objects.create(count=0),
        lambda p: Claim.objects.create(person=p, field="sex", value="m", span_start=5, span_end=2),
        lambda p: Claim.objects.create(field="sex", value="m", method="user:x"),
    ],
)
def test_database_constraints(person, make):
    alim = person()
    with pytest.raises(IntegrityError), transaction.atomic():
        make(alim)
