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
from docket.cases.selectors import Conflict, claims_visible, conflict_list, person_display_name
from docket.core.errors import ApplicationError, NotFound
from docket.evidence.models import Source
from docket.evidence.selectors import (
    Highlight,
    source_highlights,
    source_list,
    source_segments,
)
from docket.evidence.text import Run, runs
from docket.ingest.models import ExtractedPerson
from docket.vocab import terms

SUGGESTED = "suggested"


def source_pending_list(*, user: Any) -> QuerySet[Source]:
    """Sources the user may see with something to review, oldest first (a queue).

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
        .order_by("added_at", "id")
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
    # Accepted values of the same single-valued fact that this one disagrees with.
    disagrees: tuple[str, ...] = ()


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


def _disagreements(user: Any, claims: list[Claim]) -> dict[int, tuple[str, ...]]:
    """For each suggested claim of a single-valued fact, the accepted values (that the
    user may see) of the same person and fact that it disagrees with."""
    single = [
        c
        for c in claims
        if c.review_status == SUGGESTED
        and c.person_id is not None
        and c.field in SPECS
        and (SPECS[c.field].single or SPECS[c.field].group)
    ]
    if not single:
        return {}
    accepted: dict[tuple[int, str], list[Claim]] = {}
    found = claims_visible(user=user).filter(
        review_status="accepted",
        person_id__in={c.person_id for c in single},
        field__in={c.field for c in single},
    )
    for claim in found.order_by("id"):
        accepted.setdefault((claim.person_id, claim.field), []).append(claim)
    out: dict[int, tuple[str, ...]] = {}
    for claim in single:
        spec = SPECS[claim.field]
        texts = {
            describe(other.field, other.value)
            for other in accepted.get((claim.person_id, claim.field), [])
            if (spec.group is None or spec.group(other.value) == spec.group(claim.value))
            and not spec.agrees(claim.value, other.value)
        }
        if texts:
            out[claim.pk] = tuple(sorted(texts))
    return out


def _suggestion(claim: Claim, disagrees: tuple[str, ...] = ()) -> Suggestion:
    span = (claim.span_start, claim.span_end) if claim.span_start is not None else None
    return Suggestion(
        claim=claim,
        field=claim.field,
        label=SPECS[claim.field].label if claim.field in SPECS else claim.field,
        text=describe(claim.field, claim.value),
        span=span,
        quote=claim.quote,
        review_status=claim.review_status,
        disagrees=disagrees,
    )


def _extracted_name(extracted: ExtractedPerson, claims: list[Claim]) -> str:
    names = [c.value["text"] for c in claims if c.field == "name" and c.review_status != "rejected"]
    if names:
        return str(names[0])
    return f"{extracted.count} unnamed people" if extracted.count > 1 else "Unnamed person"


def _view(
    user: Any,
    extracted: ExtractedPerson,
    claims: list[Claim],
    levels: frozenset[str],
    disagreements: dict[int, tuple[str, ...]] | None = None,
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
        suggestions=tuple(_suggestion(c, (disagreements or {}).get(c.pk, ())) for c in claims),
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
    disagreements = _disagreements(user, [c for cs in by_person.values() for c in cs])
    return [_view(user, e, by_person.get(e.pk, []), levels, disagreements) for e in extracted]


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


def source_claim_get(*, user: Any, source: Source, claim_id: int) -> Claim:
    """A claim of `source` the user may see; a claim of another source is refused."""
    claim = claims_visible(user=user).filter(pk=claim_id).first()
    if claim is None:
        raise NotFound("claim")
    if claim.source_id != source.pk:
        raise ApplicationError(
            f"claim {claim.pk} is not a claim of this source: review it on its own source",
            code="other_source",
        )
    return claim


def source_extracted_get(*, user: Any, source: Source, extracted_id: int) -> ExtractedPerson:
    """An extracted person of `source` the user may see; one of another source is refused."""
    extracted = extracted_person_get(user=user, extracted_id=extracted_id)
    if extracted.ingestion.source_id != source.pk:
        raise ApplicationError(
            f"extracted person {extracted.pk} was not found in this source", code="other_source"
        )
    return extracted


@dataclass(frozen=True)
class ReviewPage:
    """The review page of one source: its text marked, what it proposes, the conflicts of
    the persons concerned, and the claim to put the reviewer on (`focus`)."""

    source: Source
    runs: list[Run]
    highlights: list[Highlight]
    persons: list[ExtractedView]
    conflicts: list[tuple[str, Conflict]]  # (the person's name, a conflict of theirs)
    pending: int
    focus: int | None


def _focus(persons: list[ExtractedView], after: int | None) -> int | None:
    """The first pending claim after `after` in page order (wrapping), else the first."""
    order = [s.claim.pk for view in persons for s in view.suggestions]
    pending = {
        s.claim.pk for view in persons for s in view.suggestions if s.review_status == SUGGESTED
    }
    start = order.index(after) if after in order else 0
    for claim_id in order[start:] + order[:start]:
        if claim_id in pending:
            return claim_id
    return None


def source_review_page(*, user: Any, source: Source, after: int | None = None) -> ReviewPage:
    """Everything the review page of `source` shows to `user` (NotFound if hidden)."""
    persons = source_suggestions(user=user, source=source)
    highlights = source_highlights(user=user, source=source)
    segments = source_segments(user=user, source=source)
    seen: set[int] = set()
    conflicts: list[tuple[str, Conflict]] = []
    for view in persons:
        if view.decision != ExtractedPerson.REJECTED and view.person.pk not in seen:
            seen.add(view.person.pk)
            name = person_display_name(user=user, person=view.person)
            conflicts += [(name, c) for c in conflict_list(user=user, person=view.person)]
    return ReviewPage(
        source=source,
        runs=runs(segments, highlights),
        highlights=highlights,
        persons=persons,
        conflicts=conflicts,
        pending=sum(view.pending for view in persons),
        focus=_focus(persons, after),
    )
