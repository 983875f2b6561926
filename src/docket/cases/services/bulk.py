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
            PersonClaims(                 # a new person (confidentiality default: internal)
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

A record with `supersede=<Source or its id>` first removes its person's claims that cite that source
and were made by the same method name (any version), then adds its claims: re-importing a
changed record replaces what the old version said. The call is one transaction; a caller
that wants one transaction per record calls it once per record.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone

from docket.accounts.roles import REVIEW, SUGGEST, require
from docket.cases.fields import PERSON, PERSON_COLUMNS, column_values
from docket.cases.models import Claim, Person, PersonIdentifier
from docket.cases.services import projection
from docket.cases.services._common import check_level, text_input
from docket.cases.services.claims import check_refs, method_of, prepare_claim
from docket.core.audit import Actor, AuditEntry, actor_fields, audit_record_many, redact
from docket.core.confidentiality import RANK, Level, most_permissive
from docket.core.errors import ApplicationError, field_error

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
    """The claims about one person: an existing `person`, or a new one when None."""

    claims: Sequence[ClaimInput] = ()
    person: Person | None = None
    source: Any = None
    confidentiality: str | None = None
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
        level = check_level(record.confidentiality or Level.INTERNAL)
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
    accepted = [c for c in old if c.review_status == ACCEPTED]
    touched_rows: dict[type[models.Model], set[int]] = {}
    for model in projection.ROW_MODELS.values():
        through, fk = _through(model)
        ids = set(
            through.objects.filter(claim_id__in=[c.pk for c in accepted]).values_list(fk, flat=True)
        )
        if ids:
            touched_rows[model] = ids
    Claim.objects.filter(pk__in=[c.pk for c in old]).delete()
    for model, ids in touched_rows.items():
        _refresh_rows(model, ids)
    return {(c.person_id, c.field) for c in accepted if c.field in PERSON_COLUMNS}


def _through(model: type[models.Model]) -> tuple[Any, str]:
    return model.claims.through, f"{model._meta.model_name}_id"


def _link(model: type[models.Model], pairs: list[tuple[int, int]]) -> None:
    """Insert (row id, claim id) link rows: plain SQL, as model instances cost more here."""
    through, fk = _through(model)
    quote = connection.ops.quote_name
    columns = (quote(through._meta.get_field(fk[:-3]).column), quote("claim_id"))
    sql = f"INSERT INTO {quote(through._meta.db_table)} ({', '.join(columns)}) VALUES (%s, %s)"  # noqa: S608 (names from the model)
    with connection.cursor() as cursor:
        cursor.executemany(sql, pairs)


def _refresh_rows(model: type[models.Model], ids: set[int]) -> None:
    """Rows keep the most public level of their accepted claims; rows left with none go."""
    through, fk = _through(model)
    levels: dict[int, list[str]] = defaultdict(list)
    pairs = through.objects.filter(
        **{f"{fk}__in": list(ids)}, claim__review_status=ACCEPTED
    ).values_list(fk, "claim__confidentiality")
    for row_id, level in pairs:
        levels[row_id].append(level)
    model.objects.filter(pk__in=list(ids - set(levels))).delete()
    changed = []
    for row in model.objects.filter(pk__in=list(levels)).only("pk", "confidentiality"):
        level = most_permissive(levels[row.pk])
        if row.confidentiality != level:
            row.confidentiality = level
            changed.append(row)
    if changed:
        model.objects.bulk_update(changed, ["confidentiality"])


def _project_rows(claims: list[Claim], existing_persons: set[int]) -> None:
    """Link accepted claims to their rows (found by key, or created), as `project` would."""
    by_model: dict[type[models.Model], list[tuple[tuple[Any, ...], dict[str, Any], Claim]]]
    by_model = defaultdict(list)
    for claim in claims:
        model, key, derived = projection.row_spec(
            claim.field, claim.value, claim.person_id, claim.case_id
        )
        by_model[model].append((projection.key_of(model, key), derived | key, claim))
    for model, items in by_model.items():
        persons = {c.person_id for _, _, c in items} & existing_persons
        rows: dict[tuple[Any, ...], Any] = {}
        if persons:
            for row in model.objects.filter(person_id__in=persons):
                rows.setdefault(projection.row_key_of(row), row)
        new_rows: list[Any] = []
        changed: dict[int, Any] = {}
        links: list[tuple[Any, Claim]] = []
        for key, values, claim in items:
            row = rows.get(key)
            if row is None:
                row = model(**values, confidentiality=claim.confidentiality)
                rows[key] = row
                new_rows.append(row)
            elif RANK[claim.confidentiality] < RANK[row.confidentiality]:
                row.confidentiality = claim.confidentiality
                if row.pk is not None:
                    changed[row.pk] = row
            links.append((row, claim))
        model.objects.bulk_create(new_rows)
        if changed:
            model.objects.bulk_update(list(changed.values()), ["confidentiality"])
        _link(model, [(row.pk, claim.pk) for row, claim in links])


def _pick_rank(claim: Claim, order: int) -> tuple[Any, ...]:
    """The order `refresh_person_column` picks in: most public, earliest reviewed, first."""
    return (RANK[claim.confidentiality], claim.reviewed_at or claim.created_at, order)


def _set_columns(person: Person, fields: Iterable[str], best: dict[str, Claim]) -> list[str]:
    """Set the Person columns of `fields` from the picked claims; return the columns set."""
    columns: list[str] = []
    for f in sorted(fields):
        pick = best.get(f)
        values = column_values(f, pick.value if pick else None)
        for column, value in values.items():
            setattr(person, column, value)
        setattr(person, f"{f}_level", pick.confidentiality if pick else "")
        columns += [*values, f"{f}_level"]
    return columns


def _new_person_columns(person: Person, claims: list[dict[str, Any]], now: Any) -> None:
    """Columns of a person about to be created from its own accepted claims (input order
    is insertion order, so it is also the claims' id order)."""
    best: dict[str, Claim] = {}
    ranks: dict[str, tuple[Any, ...]] = {}
    for order, values in enumerate(claims):
        f = values["field"]
        if f not in PERSON_COLUMNS:
            continue
        claim = Claim(reviewed_at=now, field=f, value=values["value"])
        claim.confidentiality = values["confidentiality"]
        rank = _pick_rank(claim, order)
        if f not in ranks or rank < ranks[f]:
            best[f], ranks[f] = claim, rank
    _set_columns(person, best, best)


def _refresh_columns(persons: dict[int, Person], touched: set[tuple[int, str]]) -> None:
    """Set the touched Person columns of existing persons from all their accepted claims."""
    if not touched:
        return
    best: dict[tuple[int, str], Claim] = {}
    accepted = Claim.objects.filter(
        person_id__in={p for p, _ in touched},
        field__in={f for _, f in touched},
        review_status=ACCEPTED,
    ).only("pk", "person_id", "field", "value", "confidentiality", "reviewed_at", "created_at")
    for claim in accepted:
        key = (claim.person_id, claim.field)
        held = best.get(key)
        if key in touched and (
            held is None or _pick_rank(claim, claim.pk) < _pick_rank(held, held.pk)
        ):
            best[key] = claim
    by_person: dict[int, set[str]] = defaultdict(set)
    for person_id, f in touched:
        by_person[person_id].add(f)
    now = timezone.now()
    for person_id, person_fields in by_person.items():
        person = persons[person_id]
        picks = {f: best[(person_id, f)] for f in person_fields if (person_id, f) in best}
        columns = _set_columns(person, person_fields, picks)
        person.updated_at = now
        Person.objects.filter(pk=person_id).update(
            **{c: getattr(person, c) for c in columns}, updated_at=now
        )


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
                _new_person_columns(new_persons[-1], plan.claims, now)
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
        _project_rows([c for c in made if c.field not in PERSON_COLUMNS], existing_persons)
        touched |= {
            (c.person_id, c.field)
            for c in made
            if c.field in PERSON_COLUMNS and c.person_id in existing_persons
        }
    _refresh_columns(persons, touched)
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
