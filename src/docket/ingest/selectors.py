"""Reads for the review queue: sources with pending suggestions, and what each one proposes.

Every selector takes the acting user and returns only what that user may see: claims
through `cases.selectors.claims_visible` (suggestions only for roles that may suggest),
persons and sources by their confidentiality level.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from docket.accounts.roles import SUGGEST, can, visible_levels
from docket.cases.fields import SPECS, describe
from docket.cases.models import Claim, Person
from docket.cases.selectors import claims_visible, person_display_name
from docket.core.errors import NotFound
from docket.evidence.models import Source
from docket.evidence.selectors import source_list
from docket.ingest.models import ExtractedPerson
from docket.vocab import terms

SUGGESTED = "suggested"


def source_pending_list(*, user: Any) -> QuerySet[Source]:
    """Sources the user may see with something to review, newest first.

    Each source carries `pending`, how many of its suggested claims the user may see, and
    `undecided`, how many of its extracted persons (that the user may see) still wait for
    a decision: new, or one of their candidates.
    """
    if not can(user, SUGGEST):
        return Source.objects.none()
    pending = (
        claims_visible(user=user)
        .filter(source=OuterRef("pk"), review_status=SUGGESTED)
        .order_by()
        .values("source")
        .annotate(n=Count("pk"))
        .values("n")
    )
    undecided = (
        ExtractedPerson.objects.filter(
            ingestion__source=OuterRef("pk"),
            decision=ExtractedPerson.PENDING,
            person__confidentiality__in=visible_levels(user=user),
        )
        .order_by()
        .values("ingestion__source")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        source_list(user=user)
        .annotate(
            pending=Coalesce(Subquery(pending, output_field=IntegerField()), 0),
            undecided=Coalesce(Subquery(undecided, output_field=IntegerField()), 0),
        )
        .filter(Q(pending__gt=0) | Q(undecided__gt=0))
    )


@dataclass(frozen=True)
class Suggestion:
    """One claim an extraction proposed, with the words it cites."""

    claim: Claim
    field: str
    label: str
    text: str
    span: tuple[int, int] | None
    quote: str
    review_status: str


@dataclass(frozen=True)
class CandidateView:
    """An existing person the extracted person may be, with the score and what agreed."""

    person: Person
    name: str
    score: float
    name_score: float
    agree: tuple[str, ...]
    disagree: tuple[str, ...]


@dataclass(frozen=True)
class ExtractedView:
    """One extracted person of a source: its suggestions and its candidates."""

    extracted: ExtractedPerson
    person: Person
    name: str
    role: str
    role_label: str
    count: int
    decision: str
    suggestions: tuple[Suggestion, ...]
    pending: int
    candidates: tuple[CandidateView, ...]


def _suggestion(claim: Claim) -> Suggestion:
    span = (claim.span_start, claim.span_end) if claim.span_start is not None else None
    return Suggestion(
        claim=claim,
        field=claim.field,
        label=SPECS[claim.field].label if claim.field in SPECS else claim.field,
        text=describe(claim.field, claim.value),
        span=span,
        quote=claim.quote,
        review_status=claim.review_status,
    )


def _extracted_name(extracted: ExtractedPerson, claims: list[Claim]) -> str:
    names = [c.value["text"] for c in claims if c.field == "name" and c.review_status != "rejected"]
    if names:
        return str(names[0])
    return f"{extracted.count} unnamed people" if extracted.count > 1 else "Unnamed person"


def _view(
    user: Any, extracted: ExtractedPerson, claims: list[Claim], levels: frozenset[str]
) -> ExtractedView:
    candidates = [
        CandidateView(
            person=c.person,
            name=person_display_name(user=user, person=c.person),
            score=c.score,
            name_score=float(c.reasons.get("name", 0.0)),
            agree=tuple(c.reasons.get("agree", ())),
            disagree=tuple(c.reasons.get("disagree", ())),
        )
        for c in extracted.candidates.select_related("person").order_by("-score", "id")
        if c.person.confidentiality in levels
    ]
    return ExtractedView(
        extracted=extracted,
        person=extracted.person,
        name=_extracted_name(extracted, claims),
        role=extracted.role,
        role_label=terms.label(terms.PERSON_ROLES, extracted.role),
        count=extracted.count,
        decision=extracted.decision,
        suggestions=tuple(_suggestion(c) for c in claims),
        pending=sum(1 for c in claims if c.review_status == SUGGESTED),
        candidates=tuple(candidates),
    )


def _visible_source(user: Any, source: Source) -> frozenset[str]:
    levels = visible_levels(user=user)
    if source.confidentiality not in levels:
        raise NotFound("source")
    return levels


def source_suggestions(*, user: Any, source: Source) -> list[ExtractedView]:
    """The persons extraction found in `source`, in text order, with claims and candidates.

    A person the user may not see (a restricted source or relative, for most roles) is
    left out, and so are claims the user may not see.
    """
    levels = _visible_source(user, source)
    extracted = (
        ExtractedPerson.objects.filter(ingestion__source=source, person__confidentiality__in=levels)
        .select_related("person")
        .order_by("position")
    )
    visible = claims_visible(user=user).filter(source=source)
    by_person: dict[int, list[Claim]] = {}
    rows = ExtractedPerson.claims.through.objects.filter(
        extractedperson__in=extracted, claim__in=visible
    ).select_related("claim")
    for row in rows.order_by(F("claim__span_start").asc(nulls_last=True), "claim_id"):
        by_person.setdefault(row.extractedperson_id, []).append(row.claim)
    return [_view(user, e, by_person.get(e.pk, []), levels) for e in extracted]


def extracted_person_get(*, user: Any, extracted_id: int) -> ExtractedPerson:
    """Return an extracted person the user may see (its record and its source), or NotFound."""
    levels = visible_levels(user=user)
    found = (
        ExtractedPerson.objects.filter(
            pk=extracted_id,
            person__confidentiality__in=levels,
            ingestion__source__confidentiality__in=levels,
        )
        .select_related("person", "ingestion")
        .first()
    )
    if found is None:
        raise NotFound("extracted person")
    return found


def extracted_person_view(*, user: Any, extracted: ExtractedPerson) -> ExtractedView:
    """One extracted person as the review page shows it."""
    levels = visible_levels(user=user)
    claims = list(
        claims_visible(user=user)
        .filter(pk__in=extracted.claims.values("pk"))
        .order_by(F("span_start").asc(nulls_last=True), "id")
    )
    return _view(user, extracted, claims, levels)
