"""Reads of person merges (to show and undo them), and what a merge would bring together."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from docket.cases.models import Claim, Person, PersonMerge
from docket.cases.selectors._common import Evidence, claims_visible, evidence_of, levels_for
from docket.cases.selectors.duplicates import DuplicatePair, duplicate_candidates
from docket.cases.selectors.persons import PersonSummary, person_get, person_summary
from docket.core.errors import NotFound, field_error


def merge_list(*, user: Any, person: Person | None = None) -> QuerySet[PersonMerge]:
    """Merges not undone whose two persons the user may see, newest first; optionally
    those a person took part in."""
    levels = list(levels_for(user))
    qs = PersonMerge.objects.filter(
        undone_at__isnull=True,
        into__confidentiality__in=levels,
        other__confidentiality__in=levels,
    ).select_related("into", "other")
    if person is not None:
        qs = qs.filter(Q(into=person) | Q(other=person))
    return qs.order_by("-merged_at", "-id")


def merge_get(*, user: Any, merge_id: int) -> PersonMerge:
    """A merge (undone or not) whose two persons the user may see, or NotFound."""
    levels = list(levels_for(user))
    found = (
        PersonMerge.objects.filter(
            pk=merge_id, into__confidentiality__in=levels, other__confidentiality__in=levels
        )
        .select_related("into", "other")
        .first()
    )
    if found is None:
        raise NotFound("merge")
    return found


@dataclass(frozen=True)
class MergeRow:
    """A merge as the merges list shows it: both persons by the names the reader may see."""

    merge: PersonMerge
    into: PersonSummary
    other_name: str


def merge_rows(*, user: Any, person: Person | None = None) -> list[MergeRow]:
    """`merge_list` with the names to show (the merged-away person's own names are back
    only after an undo, so it is named by the claims that moved)."""
    rows = []
    for merge in merge_list(user=user, person=person):
        moved = claims_visible(user=user).filter(
            pk__in=merge.moved.get("claims", []), field="name", review_status="accepted"
        )
        first = moved.order_by("id").first()
        name = str(first.value.get("text")) if first is not None else f"person {merge.other_id}"
        rows.append(MergeRow(merge, person_summary(user=user, person=merge.into), name))
    return rows


@dataclass(frozen=True)
class DuplicateRow:
    """A probable duplicate pair with what the reader may see of each person."""

    pair: DuplicatePair
    a: PersonSummary
    b: PersonSummary


def duplicate_list(*, user: Any, limit: int = 50) -> list[DuplicateRow]:
    """`duplicate_candidates` with each person's key facts, for the duplicates page."""
    return [
        DuplicateRow(
            pair, person_summary(user=user, person=pair.a), person_summary(user=user, person=pair.b)
        )
        for pair in duplicate_candidates(user=user, limit=limit)
    ]


@dataclass(frozen=True)
class MergeSide:
    """One person of a proposed merge: key facts, and every claim with its evidence."""

    summary: PersonSummary
    claims: tuple[tuple[Claim, Evidence], ...]


@dataclass(frozen=True)
class MergePreview:
    """What merging `other` into `into` brings together (shown before it is done)."""

    into: MergeSide
    other: MergeSide


def _side(user: Any, person: Person) -> MergeSide:
    levels = levels_for(user)
    claims = (
        claims_visible(user=user)
        .filter(person=person)
        .exclude(review_status="rejected")
        .select_related("source")
        .defer("source__text", "source__original")
        .order_by("field", "id")
    )
    return MergeSide(
        person_summary(user=user, person=person),
        tuple((c, evidence_of(c, levels)) for c in claims),
    )


def merge_preview(*, user: Any, into_id: int, other_id: int) -> MergePreview:
    """Both persons of a proposed merge as the user may see them; refuse a person and itself
    (and a person merged away already: NotFound, as for any person page)."""
    if into_id == other_id:
        raise field_error("other", "a person cannot be merged into itself")
    into = person_get(user=user, person_id=into_id)
    other = person_get(user=user, person_id=other_id)
    return MergePreview(_side(user, into), _side(user, other))
