"""Claims: create, accept, reject, edit. Accepting and rejecting maintain the projection."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from docket.accounts.roles import REVIEW, SUGGEST, require, visible_levels
from docket.cases import spans
from docket.cases.fields import CASE, PERSON, SPECS, FieldSpec, spec_for
from docket.cases.models import Case, Claim, Institution, Person
from docket.cases.services import projection
from docket.cases.services._common import check_level, hidden_keys
from docket.core.audit import Actor, actor_fields, audit_record
from docket.core.confidentiality import Level, most_restrictive
from docket.core.errors import ApplicationError, field_error
from docket.vocab import terms

logger = logging.getLogger(__name__)

MAX_VALUE_CHARS = 8000
CLAIM_SECRETS = ("value", "quote")
_METHOD = re.compile(r"^(extractor|import|user|system):\S.{0,190}$")


def _snapshot(claim: Claim) -> dict[str, Any]:
    """The claim as the audit log sees it (value and quote masked when restricted)."""
    subject = f"person:{claim.person_id}" if claim.person_id else f"case:{claim.case_id}"
    return {
        "subject": subject,
        "field": claim.field,
        "value": claim.value,
        "source": claim.source_id,
        "span": [claim.span_start, claim.span_end] if claim.span_start is not None else None,
        "quote": claim.quote,
        "method": claim.method,
        "review_status": claim.review_status,
        "veracity": claim.veracity,
        "confidentiality": claim.confidentiality,
    }


def check_refs(values: Iterable[Any]) -> None:
    """Cases and institutions referenced by claim values must exist (two queries at most)."""
    cases: dict[int, str] = {}
    institutions: dict[int, str] = {}
    for value in values:
        if isinstance(value, dict):
            if value.get("case") is not None:
                cases[value["case"]] = "value.case"
            if value.get("institution") is not None:
                institutions[value["institution"]] = "value.institution"
    for model, wanted, what in ((Case, cases, "case"), (Institution, institutions, "institution")):
        if not wanted:
            continue
        found = set(model.objects.filter(pk__in=list(wanted)).values_list("pk", flat=True))
        missing = sorted(set(wanted) - found)
        if missing:
            raise field_error(f"value.{what}", f"{what} {missing[0]} does not exist")


def locate_evidence(
    source: Any, quote: str, span: tuple[int, int] | None
) -> tuple[int | None, int | None, str]:
    """Return (start, end, quote): a given span must match the quote; a quote alone is located."""
    if source is None:
        if quote or span:
            raise field_error("source", "quoted words and spans need a source")
        return None, None, ""
    text = source.text
    if span is not None:
        start, end = span
        spans.check_span(text, start, end)
        if quote and quote != text[start:end]:
            raise field_error("quote", "the quoted words differ from the source text at that span")
        return start, end, text[start:end]
    if not quote:
        return None, None, ""
    start, end = spans.locate(text, quote)
    return start, end, text[start:end]


def method_of(actor: Actor, method: str | None) -> tuple[str, Any]:
    name, user_id = actor_fields(actor)
    made_by = actor if user_id is not None else None
    if method is None:
        method = name if name.startswith("system:") else f"user:{name}"
    if not isinstance(method, str) or not _METHOD.match(method):
        raise field_error(
            "method",
            "method is extractor:<name> <version>, import:<name>, user:<name> or system:<name>",
        )
    return method, made_by


def _normal_value(spec: FieldSpec, value: Any) -> Any:
    normal = spec.normalise(value)
    if len(str(normal)) > MAX_VALUE_CHARS:
        raise field_error("value", f"value is longer than {MAX_VALUE_CHARS} characters")
    return normal


def prepare_claim(
    *,
    field: str,
    value: Any,
    subject_kind: str,
    subject_level: str,
    source: Any = None,
    quote: str = "",
    span: tuple[int, int] | None = None,
    veracity: str = "alleged",
    confidentiality: str | None = None,
) -> dict[str, Any]:
    """Check one claim without touching the database; return its Claim column values.

    Referenced cases and institutions are checked by `check_refs` (in batches).
    """
    spec = spec_for(field)
    if subject_kind not in spec.subjects:
        raise field_error("field", f"a {subject_kind} cannot have a '{field}' claim")
    normal = _normal_value(spec, value)
    if not isinstance(quote, str):
        raise field_error("quote", "quoted words must be text")
    start, end, quote = locate_evidence(source, quote, span)
    level = check_level(
        confidentiality
        or most_restrictive(subject_level, source.confidentiality if source else None)
    )
    return {
        "field": field,
        "value": normal,
        "source": source,
        "span_start": start,
        "span_end": end,
        "quote": quote,
        "veracity": terms.check(terms.VERACITIES, veracity, field="veracity", what="veracity"),
        "confidentiality": level,
    }


@transaction.atomic
def claim_create(
    *,
    actor: Actor,
    field: str,
    value: Any,
    person: Person | None = None,
    case: Case | None = None,
    source: Any = None,
    quote: str = "",
    span: tuple[int, int] | None = None,
    method: str | None = None,
    veracity: str = "alleged",
    confidentiality: str | None = None,
    accept: bool = False,
) -> Claim:
    """Record one claim about a person or a case; accept it at once when `accept`.

    `quote` alone is located in the source text (first occurrence); `span` alone takes the
    source's words; both must agree. Confidentiality defaults to the most restricted of
    the subject's and the source's levels.
    """
    require(actor, REVIEW if accept else SUGGEST)
    if (person is None) == (case is None):
        raise field_error("subject", "a claim is about exactly one person or one case")
    if person is not None and person.merged_into_id is not None:
        raise field_error(
            "person", f"person {person.pk} was merged into person {person.merged_into_id}"
        )
    subject = person if person is not None else case
    values = prepare_claim(
        field=field,
        value=value,
        subject_kind=PERSON if person is not None else CASE,
        subject_level=subject.confidentiality,
        source=source,
        quote=quote,
        span=span,
        veracity=veracity,
        confidentiality=confidentiality,
    )
    check_refs([values["value"]])
    method, made_by = method_of(actor, method)
    claim = Claim.objects.create(person=person, case=case, method=method, made_by=made_by, **values)
    state = _snapshot(claim)
    audit_record(
        actor=actor,
        action="claim.create",
        entity=claim,
        after=state,
        restricted=hidden_keys(state, keys=CLAIM_SECRETS),
    )
    logger.debug("claim %s created (%s)", claim.pk, field)
    if accept:
        claim_accept(actor=actor, claim=claim)
    return claim


def _set_review(claim: Claim, actor: Actor, status: str) -> None:
    claim.review_status = status
    claim.reviewed_by = actor if actor_fields(actor)[1] is not None else None
    claim.reviewed_at = timezone.now()
    claim.save(update_fields=["review_status", "reviewed_by", "reviewed_at", "updated_at"])


@transaction.atomic
def claim_accept(*, actor: Actor, claim: Claim) -> Claim:
    """Accept a suggested (or rejected) claim and add it to the projection."""
    require(actor, REVIEW)
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if claim.review_status == "accepted":
        raise ApplicationError(f"claim {claim.pk} is accepted already", code="already_accepted")
    before = claim.review_status
    _set_review(claim, actor, "accepted")
    touched = projection.project(claim)
    audit_record(
        actor=actor,
        action="claim.accept",
        entity=claim,
        before={"review_status": before},
        after={"review_status": "accepted", "projection": [touched]},
    )
    logger.debug("claim %s accepted -> %s", claim.pk, touched)
    return claim


@transaction.atomic
def claim_reject(*, actor: Actor, claim: Claim, reason: str = "") -> Claim:
    """Reject a claim; if it was accepted, take it out of the projection."""
    require(actor, REVIEW)
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if claim.review_status == "rejected":
        raise ApplicationError(f"claim {claim.pk} is rejected already", code="already_rejected")
    if not isinstance(reason, str) or len(reason) > 2000:
        raise field_error("reason", "a reason is text of at most 2000 characters")
    before = claim.review_status
    _set_review(claim, actor, "rejected")
    touched = projection.unproject(claim) if before == "accepted" else []
    restricted = ("reason",) if claim.confidentiality == Level.RESTRICTED else ()
    audit_record(
        actor=actor,
        action="claim.reject",
        entity=claim,
        before={"review_status": before},
        after={"review_status": "rejected", "reason": reason, "projection": touched},
        restricted=restricted,
    )
    logger.debug("claim %s rejected", claim.pk)
    return claim


@transaction.atomic
def claim_update(
    *,
    actor: Actor,
    claim: Claim,
    value: Any = None,
    veracity: str | None = None,
    confidentiality: str | None = None,
) -> Claim:
    """Edit a claim's value, veracity or confidentiality; an accepted claim is re-projected.

    Researchers may edit suggested claims; editing an accepted or rejected one needs review
    rights.
    """
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    require(actor, SUGGEST if claim.review_status == "suggested" else REVIEW)
    before = _snapshot(claim)
    if value is not None:
        claim.value = _normal_value(spec_for(claim.field), value)
        check_refs([claim.value])
    if veracity is not None:
        claim.veracity = terms.check(terms.VERACITIES, veracity, field="veracity", what="veracity")
    if confidentiality is not None:
        claim.confidentiality = check_level(confidentiality)
    accepted = claim.review_status == "accepted"
    if accepted:
        projection.unproject(claim)
    claim.save()
    touched = projection.project(claim) if accepted else None
    after = _snapshot(claim) | ({"projection": [touched]} if touched else {})
    audit_record(
        actor=actor,
        action="claim.update",
        entity=claim,
        before=before,
        after=after,
        restricted=hidden_keys(before, after, keys=CLAIM_SECRETS),
    )
    return claim


@transaction.atomic
def conflict_resolve(*, actor: Actor, keep: Claim, reason: str = "") -> list[Claim]:
    """Settle a conflict for `keep`: every accepted claim of the same person and fact that
    disagrees with it (and that the actor may see) is rejected; `keep` stays accepted."""
    require(actor, REVIEW)
    keep = Claim.objects.select_for_update().get(pk=keep.pk)
    if keep.review_status != "accepted":
        raise ApplicationError(
            f"claim {keep.pk} is {keep.review_status}: accept it before keeping it",
            code="not_accepted",
        )
    spec = SPECS.get(keep.field)
    if keep.person_id is None or spec is None or not (spec.single or spec.group):
        raise field_error("keep", "a person may have several values of this fact: no conflict")
    group = spec.group(keep.value) if spec.group else None
    candidates = (
        Claim.objects.filter(person_id=keep.person_id, field=keep.field, review_status="accepted")
        .filter(confidentiality__in=visible_levels(user=actor))
        .exclude(pk=keep.pk)
        .order_by("id")
    )
    others = [
        c
        for c in candidates
        if (spec.group is None or spec.group(c.value) == group)
        and not spec.agrees(keep.value, c.value)
    ]
    if not others:
        raise ApplicationError(
            f"no accepted claim disagrees with claim {keep.pk}", code="no_conflict"
        )
    why = reason or f"conflicts with claim {keep.pk}, which was kept"
    rejected = [claim_reject(actor=actor, claim=c, reason=why) for c in others]
    audit_record(
        actor=actor,
        action="conflict.resolve",
        entity=keep,
        after={"kept": keep.pk, "rejected": [c.pk for c in rejected], "reason": why},
        restricted=("reason",) if keep.confidentiality == Level.RESTRICTED else (),
    )
    return rejected
