"""Reads of claims (the review queue and fact provenance)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from docket.cases.models import Claim, Person
from docket.cases.selectors._common import Evidence, claims_visible, evidence_of, levels_for
from docket.core.errors import NotFound


def claim_list(
    *,
    user: Any,
    person: Person | None = None,
    review_status: str | None = None,
    source_id: int | None = None,
    field: str | None = None,
) -> QuerySet[Claim]:
    """Claims the user may see, oldest first, optionally narrowed."""
    qs = (
        claims_visible(user=user).select_related("source").defer("source__text", "source__original")
    )
    if person is not None:
        qs = qs.filter(person=person)
    if review_status is not None:
        qs = qs.filter(review_status=review_status)
    if source_id is not None:
        qs = qs.filter(source_id=source_id)
    if field is not None:
        qs = qs.filter(field=field)
    return qs.order_by("id")


def claim_get(*, user: Any, claim_id: int) -> Claim:
    claim = claims_visible(user=user).filter(pk=claim_id).first()
    if claim is None:
        raise NotFound("claim")
    return claim


def claim_evidence(*, user: Any, claim: Claim) -> Evidence:
    """Where `claim` comes from, as `user` may see it (a hidden source is withheld)."""
    return evidence_of(claim, levels_for(user))
