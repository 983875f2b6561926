"""Bulk writes: many claims about many persons in a few queries per batch.

The result is exactly what `claim_create(..., accept=...)` one claim at a time would leave
(the same claims, Person columns, projected rows and their confidentiality; tests compare
the two), but each step is one query per batch: persons, claims, rows and their links are
inserted with `bulk_create`. One audit event per record (`claims.bulk_create`, entity the
person) lists the claims with restricted values masked. Use it for ingest and imports:

    from docket.cases.services import ClaimInput, IdentifierInput, PersonClaims, claims_bulk_create

    result = claims_bulk_create(
        actor=user,                       # or "system:<name>"
        method="extractor:docket 0.3",    # or "import:cecc 1"; default: the actor
        accept=True,                      # --auto-accept: accepted and projected at once
        skip_invalid=True,                # bad records land in result.errors, the rest is written
        records=[
            PersonClaims(                 # a new person (level: confidentiality, else by role)
                source=source,            # every claim of the record cites it (may be None)
                claims=[
                    ClaimInput("name", {"text": "Alim Tursun"}, span=(0, 11)),
                    ClaimInput("age", {"age": 40, "as_of": "2024"}, quote="40"),
                    ClaimInput("membership", {"case": case.pk, "role": "victim"}),
                ],
                identifiers=[IdentifierInput("cecc", "2004-00001", fingerprint="...")],
            ),
            PersonClaims(person=existing, source=source, claims=[...]),  # more about a known one
        ],
    )
    result.records[i].person / .claims      # per input record, None when it was skipped
    result.errors[i]                         # ApplicationError of a skipped record

A record with `supersede=<Source or its id>` first removes its person's claims that cite
that source and were made by the same method name (any version), then adds its claims:
re-importing a changed record replaces what the old version said. The call is one
transaction; a caller that wants one transaction per record calls it once per record.
Sources and cases for a batch: `evidence.services.source_create_many` and
`case_create_many` (one insert and one audit insert each).
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from docket.accounts.roles import REVIEW, SUGGEST, require
from docket.cases.fields import PERSON, PERSON_COLUMNS
from docket.cases.models import Claim, Person, PersonIdentifier
from docket.cases.services import projection_many
from docket.cases.services._common import check_level, default_level, text_input
from docket.cases.services.claims import check_refs, method_of, prepare_claim
from docket.core.audit import Actor, AuditEntry, actor_fields, audit_record_many, redact
from docket.core.confidentiality import Level
from docket.core.errors import ApplicationError, field_error
from docket.vocab import terms

logger = logging.getLogger(__name__)

ACCEPTED = "accepted"
_SCHEME = re.compile(r"^[a-z][a-z0-9_.-]{0,31}$")


@dataclass(frozen=True)
class ClaimInput:
    """One claim of a record: as the arguments of `claim_create`."""

    field: str
    value: Any
    quote: str = ""
    span: tuple[int, int] | None = None
    veracity: str = "alleged"
    confidentiality: str | None = None


@dataclass(frozen=True)
class IdentifierInput:
    """The person's number in another database; set (or updated) with the record."""

    scheme: str
    value: str
    fingerprint: str = ""
    source: Any = None


@dataclass(frozen=True)
class PersonClaims:
    """The claims about one person: an existing `person`, or a new one when None.

    A new person's level is `confidentiality`, else the default for `role` (sources,
    relatives and witnesses are restricted), else internal, as in `person_create`.
    """

    claims: Sequence[ClaimInput] = ()
    person: Person | None = None
    source: Any = None
    confidentiality: str | None = None
    role: str | None = None
    identifiers: Sequence[IdentifierInput] = ()
    supersede: Any = None


@dataclass(frozen=True)
class RecordResult:
    person: Person
    created: bool
    claims: tuple[Claim, ...]
    superseded: int


@dataclass(frozen=True)
class BulkResult:
    """Per input record its result (None when skipped), and the errors of skipped ones."""

    records: tuple[RecordResult | None, ...]
    errors: MappingProxyType[int, ApplicationError]


@dataclass
class _Plan:
    index: int
    record: PersonClaims
    level: str
    claims: list[dict[str, Any]]
    identifiers: list[IdentifierInput]
    person: Person | None = None
    created: bool = False
    objects: list[Claim] = field(default_factory=list)
    superseded: list[Claim] = field(default_factory=list)


def _check_identifier(ident: Any) -> IdentifierInput:
    if not isinstance(ident, IdentifierInput):
        raise field_error("identifiers", "identifiers are IdentifierInput(scheme, value, ...)")
    if not isinstance(ident.scheme, str) or not _SCHEME.match(ident.scheme):
        raise field_error("identifiers", "an identifier scheme is a short lower-case name")
    value = text_input(ident.value, "identifier", 200, required=True)
    fingerprint = text_input(ident.fingerprint, "fingerprint", 64, required=False)
    return IdentifierInput(ident.scheme, value, fingerprint, ident.source)


def _plan(index: int, record: PersonClaims) -> _Plan:
    """Validate one record without writing; raise ApplicationError naming the bad claim."""
    if not isinstance(record, PersonClaims):
        raise field_error("record", "a record is a PersonClaims")
    person = record.person
    if person is not None:
        if person.pk is None:
            raise field_error("person", "an existing person must be saved")
        if person.merged_into_id is not None:
            raise field_error(
                "person", f"person {person.pk} was merged into person {person.merged_into_id}"
            )
        level = person.confidentiality
    else:
        if record.role is not None:
            terms.check(terms.PERSON_ROLES, record.role, field="role", what="role")
        level = check_level(record.confidentiality or default_level(record.role))
    claims = []
    for n, item in enumerate(record.claims):
        if not isinstance(item, ClaimInput):
            raise field_error(f"claims[{n}]", "a claim is a ClaimInput")
        try:
            claims.append(
                prepare_claim(
                    field=item.field,
                    value=item.value,
                    subject_kind=PERSON,
                    subject_level=level,
                    source=record.source,
                    quote=item.quote,
                    span=item.span,
                    veracity=item.veracity,
                    confidentiality=item.confidentiality,
                )
            )
        except ApplicationError as exc:
            raise ApplicationError(
                f"claim {n} ({item.field}): {exc.message}",
                code=exc.code,
                field_errors={f"claims[{n}].{k}": v for k, v in exc.field_errors.items()},
            ) from exc
    identifiers = [_check_identifier(i) for i in record.identifiers]
    return _Plan(index, record, level, claims, identifiers, person=person)


def _check_identifiers(plans: list[_Plan]) -> dict[tuple[str, str], PersonIdentifier]:
    """Existing identifiers named by the plans; refuse one held by another person."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for plan in plans:
        for ident in plan.identifiers:
            wanted[ident.scheme].add(ident.value)
    q = Q(pk__in=[])
    for scheme, values in wanted.items():
        q |= Q(scheme=scheme, value__in=sorted(values))
    found = PersonIdentifier.objects.filter(q) if wanted else PersonIdentifier.objects.none()
    existing = {(i.scheme, i.value): i for i in found}
    seen: dict[tuple[str, str], int] = {}
    for plan in plans:
        for ident in plan.identifiers:
            key = (ident.scheme, ident.value)
            held = existing.get(key)
            person_id = plan.person.pk if plan.person is not None else None
            if (held is not None and held.person_id != person_id) or key in seen:
                raise ApplicationError(
                    f"identifier {ident.scheme}:{ident.value} belongs to another person",
                    code="identifier_taken",
                    field_errors={"identifiers": ["held by another person"]},
                )
            seen[key] = plan.index
    return existing


def _keep_valid(
    plans: list[_Plan], check: Any, skip_invalid: bool, errors: dict[int, ApplicationError]
) -> list[_Plan]:
    """Run a batch check; when it fails and `skip_invalid`, keep the records that pass alone."""
    try:
        check(plans)
        return plans
    except ApplicationError:
        if not skip_invalid:
            raise
    kept = []
    for plan in plans:
        try:
            check([plan])
            kept.append(plan)
        except ApplicationError as exc:
            errors[plan.index] = exc
    return kept


def _validate(
    records: Sequence[PersonClaims], skip_invalid: bool
) -> tuple[list[_Plan], dict[int, ApplicationError]]:
    plans: list[_Plan] = []
    errors: dict[int, ApplicationError] = {}
    for index, record in enumerate(records):
        try:
            plans.append(_plan(index, record))
        except ApplicationError as exc:
            if not skip_invalid:
                raise ApplicationError(
                    f"record {index}: {exc.message}", code=exc.code, field_errors=exc.field_errors
                ) from exc
            errors[index] = exc

    def refs(batch: list[_Plan]) -> None:
        check_refs(c["value"] for p in batch for c in p.claims)

    plans = _keep_valid(plans, refs, skip_invalid, errors)
    plans = _keep_valid(plans, _check_identifiers, skip_invalid, errors)
    return plans, errors


def _supersede(plans: list[_Plan], method: str) -> set[tuple[int, str]]:
    """Remove the claims that superseding records replace; return touched Person columns."""
    q = Q(pk__in=[])
    family = method.split(" ", 1)[0]
    for plan in plans:
        if plan.record.supersede is not None and plan.person is not None:
            q |= Q(person_id=plan.person.pk, source=plan.record.supersede)
    old = [
        c
        for c in Claim.objects.filter(q)
        if c.method == family or c.method.startswith(family + " ")
    ]
    if not old:
        return set()
    by_person: dict[int, list[Claim]] = defaultdict(list)
    for claim in old:
        by_person[claim.person_id].append(claim)
    for plan in plans:
        if plan.person is not None:
            plan.superseded = by_person.get(plan.person.pk, [])
    return projection_many.remove_claims(old)


def _set_identifiers(plans: list[_Plan], existing: dict[tuple[str, str], PersonIdentifier]) -> None:
    new, changed = [], []
    for plan in plans:
        assert plan.person is not None
        for ident in plan.identifiers:
            held = existing.get((ident.scheme, ident.value))
            source_id = ident.source.pk if ident.source is not None else None
            if held is None:
                new.append(
                    PersonIdentifier(
                        person=plan.person,
                        scheme=ident.scheme,
                        value=ident.value,
                        fingerprint=ident.fingerprint,
                        source_id=source_id,
                    )
                )
            elif (held.fingerprint, held.source_id) != (ident.fingerprint, source_id):
                held.fingerprint, held.source_id = ident.fingerprint, source_id
                held.updated_at = timezone.now()
                changed.append(held)
    PersonIdentifier.objects.bulk_create(new)
    if changed:
        PersonIdentifier.objects.bulk_update(changed, ["fingerprint", "source", "updated_at"])


def _claim_state(claim: Claim) -> dict[str, Any]:
    secret = claim.confidentiality == Level.RESTRICTED
    span = [claim.span_start, claim.span_end] if claim.span_start is not None else None
    return {
        "id": claim.pk,
        "field": claim.field,
        "value": redact(claim.value) if secret else claim.value,
        "span": span,
        "quote": redact(claim.quote) if secret and claim.quote else claim.quote,
        "veracity": claim.veracity,
        "confidentiality": claim.confidentiality,
    }


def _audit_entry(plan: _Plan, method: str, accept: bool) -> AuditEntry:
    person = plan.person
    assert person is not None
    secret = person.confidentiality == Level.RESTRICTED
    source = plan.record.source
    return AuditEntry(
        action="claims.bulk_create",
        entity=person,
        after={
            "person_created": plan.created,
            "person_confidentiality": person.confidentiality,
            "source": source.pk if source is not None else None,
            "method": method,
            "review_status": ACCEPTED if accept else "suggested",
            "claims": [_claim_state(c) for c in plan.objects],
            "superseded": [c.pk for c in plan.superseded],
            "identifiers": [
                redact(f"{i.scheme}:{i.value}") if secret else f"{i.scheme}:{i.value}"
                for i in plan.identifiers
            ],
        },
    )


@transaction.atomic
def claims_bulk_create(
    *,
    actor: Actor,
    records: Sequence[PersonClaims],
    method: str | None = None,
    accept: bool = False,
    skip_invalid: bool = False,
) -> BulkResult:
    """Record the claims of many persons at once (new persons are created); see the module.

    Every record is validated first. An invalid record raises ApplicationError (its message
    names the record and claim), or with `skip_invalid` is left out and reported in
    `errors` while the others are written.
    """
    require(actor, REVIEW if accept else SUGGEST)
    method, made_by = method_of(actor, method)
    plans, errors = _validate(records, skip_invalid)
    existing_ids = _check_identifiers(plans)
    reviewer = made_by if actor_fields(actor)[1] is not None else None
    now = timezone.now()

    new_persons = []
    for plan in plans:
        if plan.person is None:
            new_persons.append(Person(confidentiality=plan.level))
            if accept:
                projection_many.new_person_columns(new_persons[-1], plan.claims, now)
    Person.objects.bulk_create(new_persons)
    fresh = iter(new_persons)
    for plan in plans:
        if plan.person is None:
            plan.person, plan.created = next(fresh), True
    persons = {p.person.pk: p.person for p in plans if p.person is not None}
    existing_persons = {p.person.pk for p in plans if not p.created and p.person is not None}
    touched = _supersede(plans, method)

    for plan in plans:
        plan.objects = [
            Claim(
                person=plan.person,
                method=method,
                made_by=made_by,
                review_status=ACCEPTED if accept else "suggested",
                reviewed_by=reviewer if accept else None,
                reviewed_at=now if accept else None,
                **values,
            )
            for values in plan.claims
        ]
    Claim.objects.bulk_create([c for p in plans for c in p.objects])
    if accept:
        made = [c for p in plans for c in p.objects]
        projection_many.link_rows(
            [c for c in made if c.field not in PERSON_COLUMNS], existing_persons
        )
        touched |= {
            (c.person_id, c.field)
            for c in made
            if c.field in PERSON_COLUMNS and c.person_id in existing_persons
        }
    projection_many.refresh_columns(persons, touched)
    _set_identifiers(plans, existing_ids)
    audit_record_many(actor=actor, entries=[_audit_entry(p, method, accept) for p in plans])
    results: list[RecordResult | None] = [None] * len(records)
    for plan in plans:
        assert plan.person is not None
        results[plan.index] = RecordResult(
            plan.person, plan.created, tuple(plan.objects), len(plan.superseded)
        )
    logger.debug(
        "bulk: %d records, %d claims, %d skipped",
        len(plans),
        sum(len(p.objects) for p in plans),
        len(errors),
    )
    return BulkResult(tuple(results), MappingProxyType(errors))
