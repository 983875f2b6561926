"""Merge two person records that are one person, and undo a merge exactly.

`person_merge` moves every claim (with its source, span and review state) and every
external identifier of `other` to `into`, rebuilds both projections, and hides `other`
(`merged_into`; its URL can redirect with `person_resolve`). The PersonMerge row records
what moved and `other`'s projected rows (ids and values), so `person_unmerge` puts the
claims and identifiers back and restores `other`'s rows with their old ids; `into` gets
back exactly the rows it had.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from docket.accounts.roles import REVIEW, require
from docket.cases.models import Claim, DuplicateDismissal, Person, PersonIdentifier, PersonMerge
from docket.cases.services import projection
from docket.core.audit import Actor, actor_fields, audit_record, canonical_json
from docket.core.confidentiality import Level
from docket.core.errors import ApplicationError, field_error

logger = logging.getLogger(__name__)

MAX_NOTE = 2000


def _row_state(row: models.Model) -> dict[str, Any]:
    values = {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields}
    state: dict[str, Any] = json.loads(canonical_json(values))
    return state


def _rows_of(person: Person) -> dict[str, list[dict[str, Any]]]:
    """The person's projected rows by model label, as JSON-safe column values."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for model in projection.ROW_MODELS.values():
        found = [_row_state(r) for r in model.objects.filter(person=person).order_by("pk")]
        if found:
            rows[model._meta.label_lower] = found
    return rows


def _restore_rows(person: Person, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Re-create recorded rows (same ids) that no longer exist; reproject links them."""
    by_label = {m._meta.label_lower: m for m in projection.ROW_MODELS.values()}
    for label, states in rows.items():
        model = by_label[label]
        gone = set(s["id"] for s in states) - set(
            model.objects.filter(pk__in=[s["id"] for s in states]).values_list("pk", flat=True)
        )
        model.objects.bulk_create(
            [
                model(**{k: model._meta.get_field(k).to_python(v) for k, v in s.items()})
                for s in states
                if s["id"] in gone and s["person_id"] == person.pk
            ]
        )


def _merge_state(merge: PersonMerge) -> dict[str, Any]:
    return {
        "into": merge.into_id,
        "other": merge.other_id,
        "claims": merge.moved.get("claims", []),
        "identifiers": merge.moved.get("identifiers", []),
        "rows": {label: [s["id"] for s in states] for label, states in merge.moved["rows"].items()},
        "note": merge.note,
    }


def _secret(*persons: Person) -> tuple[str, ...]:
    return ("note",) if any(p.confidentiality == Level.RESTRICTED for p in persons) else ()


@transaction.atomic
def person_merge(*, into: Person, other: Person, user: Actor, note: str = "") -> PersonMerge:
    """Merge `other` into `into`: one person, every name and claim kept with its source."""
    require(user, REVIEW)
    if not isinstance(note, str) or len(note) > MAX_NOTE:
        raise field_error("note", f"a note is text of at most {MAX_NOTE} characters")
    if into.pk == other.pk:
        raise field_error("other", "a person cannot be merged into itself")
    pair = Person.objects.select_for_update().filter(pk__in=[into.pk, other.pk])
    locked = {p.pk: p for p in pair}
    into, other = locked[into.pk], locked[other.pk]
    for person in (into, other):
        if person.merged_into_id is not None:
            raise ApplicationError(
                f"person {person.pk} was merged into person {person.merged_into_id} already",
                code="merged",
            )
    claims = list(Claim.objects.filter(person=other).order_by("pk").values_list("pk", flat=True))
    identifiers = list(
        PersonIdentifier.objects.filter(person=other).order_by("pk").values_list("pk", flat=True)
    )
    rows = _rows_of(other)
    Claim.objects.filter(pk__in=claims).update(person=into)
    PersonIdentifier.objects.filter(pk__in=identifiers).update(person=into)
    projection.reproject(other)
    projection.reproject(into)
    other.merged_into = into
    other.save(update_fields=["merged_into", "updated_at"])
    name, _ = actor_fields(user)
    merge = PersonMerge.objects.create(
        into=into,
        other=other,
        note=note.strip(),
        merged_by=name,
        moved={"claims": claims, "identifiers": identifiers, "rows": rows},
    )
    audit_record(
        actor=user,
        action="person.merge",
        entity=merge,
        after=_merge_state(merge),
        restricted=_secret(into, other),
    )
    logger.info("person %s merged into %s (%d claims)", other.pk, into.pk, len(claims))
    return merge


@transaction.atomic
def person_unmerge(*, merge: PersonMerge, user: Actor) -> PersonMerge:
    """Undo a merge: claims, identifiers and rows go back to the merged-away person."""
    require(user, REVIEW)
    merge = PersonMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise ApplicationError(f"merge {merge.pk} was undone already", code="undone")
    into, other = merge.into, merge.other
    if into.merged_into_id is not None:
        raise ApplicationError(
            f"person {into.pk} was merged into person {into.merged_into_id} since; "
            "undo that merge first",
            code="merged",
        )
    moved = merge.moved
    Claim.objects.filter(pk__in=moved["claims"], person=into).update(person=other)
    PersonIdentifier.objects.filter(pk__in=moved["identifiers"], person=into).update(person=other)
    other.merged_into = None
    other.save(update_fields=["merged_into", "updated_at"])
    _restore_rows(other, moved["rows"])
    projection.reproject(other)
    projection.reproject(into)
    name, _ = actor_fields(user)
    merge.undone_by, merge.undone_at = name, timezone.now()
    merge.save(update_fields=["undone_by", "undone_at"])
    audit_record(
        actor=user,
        action="person.unmerge",
        entity=merge,
        before=_merge_state(merge),
        restricted=_secret(into, other),
    )
    logger.info("merge %s undone: person %s is back", merge.pk, other.pk)
    return merge


@transaction.atomic
def duplicate_dismiss(
    *, actor: Actor, person: Person, other: Person, note: str = ""
) -> DuplicateDismissal:
    """Record that `person` and `other` are not one person: the pair is proposed no more."""
    require(actor, REVIEW)
    if not isinstance(note, str) or len(note) > MAX_NOTE:
        raise field_error("note", f"a note is text of at most {MAX_NOTE} characters")
    if person.pk == other.pk:
        raise field_error("other", "a person is always the same person as itself")
    first, second = sorted((person.pk, other.pk))
    # Lock the pair, so two reviewers dismissing it at once make one row.
    list(Person.objects.select_for_update().filter(pk__in=[first, second]))
    if DuplicateDismissal.objects.filter(first_id=first, second_id=second).exists():
        raise ApplicationError(
            f"persons {first} and {second} were marked as different people already",
            code="dismissed",
        )
    name, _ = actor_fields(actor)
    dismissal = DuplicateDismissal.objects.create(
        first_id=first, second_id=second, note=note.strip(), dismissed_by=name
    )
    audit_record(
        actor=actor,
        action="person.not_duplicate",
        entity=dismissal,
        after={"first": first, "second": second, "note": dismissal.note},
        restricted=_secret(person, other),
    )
    return dismissal
