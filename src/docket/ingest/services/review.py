"""Review of what extraction proposed: one claim, or a whole extracted person at once.

Each service is atomic and audited; accepting and rejecting go through the claim
services, which keep the projection and write their own audit rows.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from docket.accounts.roles import REVIEW, require
from docket.cases.models import Claim, Person
from docket.cases.services import claim_accept, claim_reject, claim_update, person_merge
from docket.core.audit import Actor, actor_fields, audit_record
from docket.core.errors import ApplicationError, field_error
from docket.ingest import matching
from docket.ingest.models import ExtractedPerson

logger = logging.getLogger(__name__)


@transaction.atomic
def suggestion_accept(*, actor: Actor, claim: Claim, value: Any = None) -> Claim:
    """Accept a suggested claim; with `value`, edit it first (the edit is audited too)."""
    require(actor, REVIEW)
    if value is not None:
        claim = claim_update(actor=actor, claim=claim, value=value)
    claim = claim_accept(actor=actor, claim=claim)
    if claim.field == "name":
        matching.index_persons([claim.person_id])
    return claim


@transaction.atomic
def suggestion_reject(*, actor: Actor, claim: Claim, reason: str = "") -> Claim:
    """Reject a suggested (or accepted) claim."""
    return claim_reject(actor=actor, claim=claim, reason=reason)


def _lock(extracted: ExtractedPerson) -> ExtractedPerson:
    return ExtractedPerson.objects.select_for_update().get(pk=extracted.pk)


def _decide(actor: Actor, extracted: ExtractedPerson, decision: str, **after: Any) -> None:
    before = extracted.decision
    extracted.decision = decision
    extracted.decided_by = actor if actor_fields(actor)[1] is not None else None
    extracted.decided_at = timezone.now()
    extracted.save(update_fields=["decision", "decided_by", "decided_at"])
    audit_record(
        actor=actor,
        action=f"extracted_person.{decision}",
        entity=extracted,
        before={"decision": before},
        after={"decision": decision, "person": extracted.person_id, **after},
    )


@transaction.atomic
def extracted_person_accept(*, actor: Actor, extracted: ExtractedPerson) -> ExtractedPerson:
    """Accept every pending claim of an extracted person; a pending person becomes new."""
    require(actor, REVIEW)
    extracted = _lock(extracted)
    if extracted.decision == ExtractedPerson.REJECTED:
        raise ApplicationError("this extracted person was rejected", code="rejected")
    pending = list(extracted.claims.filter(review_status="suggested").order_by("id"))
    if not pending and extracted.decision != ExtractedPerson.PENDING:
        raise ApplicationError(
            "this extracted person has no suggestion left to accept", code="nothing_pending"
        )
    accepted = [claim_accept(actor=actor, claim=c).pk for c in pending]
    matching.index_persons([extracted.person_id])
    decision = ExtractedPerson.NEW if extracted.decision == ExtractedPerson.PENDING else None
    _decide(actor, extracted, decision or extracted.decision, accepted=accepted)
    logger.debug("extracted person %s: %d claims accepted", extracted.pk, len(accepted))
    return extracted


@transaction.atomic
def extracted_person_new(*, actor: Actor, extracted: ExtractedPerson) -> ExtractedPerson:
    """Say a pending extracted person is none of its candidates: its record stays a person
    of its own (its claims wait for review one by one)."""
    require(actor, REVIEW)
    extracted = _lock(extracted)
    if extracted.decision != ExtractedPerson.PENDING:
        raise ApplicationError(
            f"this extracted person was decided already ({extracted.decision})", code="decided"
        )
    _decide(actor, extracted, ExtractedPerson.NEW)
    return extracted


@transaction.atomic
def extracted_person_reject(
    *, actor: Actor, extracted: ExtractedPerson, reason: str = ""
) -> ExtractedPerson:
    """Reject an extracted person: every claim of it not rejected yet is rejected."""
    require(actor, REVIEW)
    extracted = _lock(extracted)
    if extracted.decision == ExtractedPerson.REJECTED:
        raise ApplicationError("this extracted person was rejected already", code="rejected")
    rejected = [
        claim_reject(actor=actor, claim=c, reason=reason).pk
        for c in extracted.claims.exclude(review_status="rejected").order_by("id")
    ]
    _decide(actor, extracted, ExtractedPerson.REJECTED, rejected=rejected)
    return extracted


@transaction.atomic
def extracted_person_link(
    *, actor: Actor, extracted: ExtractedPerson, person: Person, note: str = ""
) -> ExtractedPerson:
    """Say an extracted person is an existing `person`: the record made for it is merged
    into that one (every claim kept with its source; undo with `cases.person_unmerge`)."""
    require(actor, REVIEW)
    extracted = _lock(extracted)
    if extracted.decision == ExtractedPerson.REJECTED:
        raise ApplicationError("this extracted person was rejected", code="rejected")
    if extracted.person_id == person.pk:
        raise field_error("person", "the extracted person is this person already")
    if extracted.auto_linked:
        raise ApplicationError(
            f"this extracted person was linked to person {extracted.person_id} automatically; "
            "merge the two persons instead, or reject its claims",
            code="auto_linked",
        )
    source_id = extracted.ingestion.source_id
    merge = person_merge(
        into=person,
        other=extracted.person,
        user=actor,
        note=note or f"extracted person {extracted.position} of source {source_id}",
    )
    # Every extracted person the merged record stood for is now this person.
    ExtractedPerson.objects.filter(person=merge.other).update(person=person)
    extracted.person = person
    matching.index_persons([person.pk])
    _decide(actor, extracted, ExtractedPerson.LINKED, merge=merge.pk)
    return extracted
