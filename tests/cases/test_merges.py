import pytest

from docket.cases.models import Claim, Person, PersonIdentifier
from docket.cases.selectors import (
    conflict_list,
    merge_list,
    person_get,
    person_list,
    person_resolve,
)
from docket.cases.services import (
    ClaimInput,
    IdentifierInput,
    PersonClaims,
    claim_create,
    claim_reject,
    claims_bulk_create,
    person_merge,
    person_unmerge,
)
from docket.core.audit import canonical_json
from docket.core.errors import ApplicationError, NotFound, PermissionDenied
from docket.core.models import AuditEvent
from docket.evidence.services import source_create

pytestmark = pytest.mark.django_db

ACTOR = "system:test"


@pytest.fixture
def two(db):
    """Two records of one man: overlapping names and facts, a conflict, unreviewed claims."""
    first = source_create(actor=ACTOR, text="Alim Tursun, 40, a Uyghur.", confidentiality="public")
    second = source_create(actor=ACTOR, text="Alimjan Tursun (41), a Kazakh.").source
    made = claims_bulk_create(
        actor=ACTOR,
        accept=True,
        records=[
            PersonClaims(
                source=first.source,
                confidentiality="public",
                identifiers=[IdentifierInput("cecc", "2004-00001")],
                claims=[
                    ClaimInput("name", "Alim Tursun", quote="Alim Tursun"),
                    ClaimInput("age", {"age": 40, "as_of": "2017"}),
                    ClaimInput("ethnicity", "Uyghur", confidentiality="restricted"),
                    ClaimInput("event", {"type": "detention", "date": "2017-05"}),
                    ClaimInput("charge", {"text": "separatism", "category": "separatism"}),
                ],
            ),
            PersonClaims(
                source=second,
                identifiers=[IdentifierInput("cecc", "2004-00002")],
                claims=[
                    ClaimInput("name", "Alim Tursun"),
                    ClaimInput("name", "Alimjan Tursun", quote="Alimjan Tursun"),
                    ClaimInput("age", {"age": 41, "as_of": "2018"}),
                    ClaimInput("ethnicity", "Kazakh"),
                    ClaimInput("event", {"type": "detention", "date": "2017-05"}),
                    ClaimInput("event", {"type": "trial", "date": "2018"}),
                ],
            ),
        ],
    )
    alim, alimjan = (r.person for r in made.records)
    claim_create(actor=ACTOR, person=alimjan, field="occupation", value="teacher")  # suggested
    wrong = claim_create(actor=ACTOR, person=alimjan, field="sex", value="female", accept=True)
    claim_reject(actor=ACTOR, claim=wrong)
    return alim, alimjan


def test_person_merge_keeps_every_claim_and_hides_the_other(two, users):
    alim, alimjan = two
    claims = set(Claim.objects.filter(person__in=two).values_list("pk", "source_id"))
    merge = person_merge(into=alim, other=alimjan, user=users["editor"], note="same man")

    assert set(Claim.objects.filter(person=alim).values_list("pk", "source_id")) == claims
    assert list(alim.names.order_by("id").values_list("text", flat=True)) == [
        "Alim Tursun",
        "Alimjan Tursun",
    ]
    assert alim.names.get(text="Alim Tursun").claims.count() == 2
    assert alim.events.filter(type="detention").get().claims.count() == 2
    assert set(alim.identifiers.values_list("value", flat=True)) == {"2004-00001", "2004-00002"}
    assert not alimjan.names.exists() and not alimjan.claims.exists()
    editor = users["editor"]
    assert [c.field for c in conflict_list(user=editor, person=alim)] == ["ethnicity"]
    assert alimjan not in person_list(user=editor)
    with pytest.raises(NotFound):
        person_get(user=editor, person_id=alimjan.pk)
    assert person_resolve(user=editor, person_id=alimjan.pk) == alim
    assert list(merge_list(user=editor, person=alimjan)) == [merge]
    event = AuditEvent.objects.get(action="person.merge")
    assert event.after["note"] == "same man" and event.actor == "editor-user"
    with pytest.raises(ApplicationError, match="merged into person"):
        claim_create(
            actor=ACTOR, person=Person.objects.get(pk=alimjan.pk), field="sex", value="male"
        )


def test_person_unmerge_restores_the_exact_previous_state(two, users, person_record):
    alim, alimjan = two
    before = person_record(alim, ids=True), person_record(alimjan, ids=True)
    merge = person_merge(into=alim, other=alimjan, user=users["editor"])
    assert (person_record(alim, ids=True), person_record(alimjan, ids=True)) != before
    person_unmerge(merge=merge, user=users["admin"])
    assert (person_record(alim, ids=True), person_record(alimjan, ids=True)) == before
    merge.refresh_from_db()
    assert merge.undone_at is not None and merge.undone_by == "admin-user"
    assert AuditEvent.objects.filter(action="person.unmerge").count() == 1
    assert list(merge_list(user=users["editor"])) == []
    with pytest.raises(ApplicationError, match="undone already"):
        person_unmerge(merge=merge, user=users["admin"])


def test_person_merge_refusals(two, users, person):
    alim, alimjan = two
    with pytest.raises(PermissionDenied):
        person_merge(into=alim, other=alimjan, user=users["researcher"])
    with pytest.raises(ApplicationError, match="into itself"):
        person_merge(into=alim, other=alim, user=ACTOR)
    first = person_merge(into=alim, other=alimjan, user=ACTOR)
    with pytest.raises(ApplicationError, match="merged into person"):
        person_merge(into=alimjan, other=alim, user=ACTOR)
    third = person(name="Alim T.")
    later = person_merge(into=third, other=alim, user=ACTOR)
    assert person_resolve(user=users["editor"], person_id=alimjan.pk) == third
    with pytest.raises(ApplicationError, match="undo that merge first"):
        person_unmerge(merge=first, user=ACTOR)
    person_unmerge(merge=later, user=ACTOR)
    person_unmerge(merge=first, user=ACTOR)
    assert PersonIdentifier.objects.get(value="2004-00002").person == alimjan


def test_person_merge_masks_the_note_of_restricted_persons(person, users):
    witness = person(confidentiality="restricted", name="A Witness")
    again = person(confidentiality="internal", name="A. Witness")
    person_merge(into=again, other=witness, user=ACTOR, note="the shopkeeper on Main Street")
    event = AuditEvent.objects.get(action="person.merge")
    assert event.after["note"].startswith("[restricted ")
    assert "shopkeeper" not in canonical_json(event.after)
