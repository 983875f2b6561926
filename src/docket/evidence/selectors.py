"""Reads of sources, filtered by what the user may see."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from docket.accounts.roles import visible_levels
from docket.cases.fields import describe
from docket.cases.models import Claim
from docket.cases.selectors import claims_visible
from docket.core.errors import NotFound

from .models import Source


def source_list(*, user: Any) -> QuerySet[Source]:
    """Sources the user may see, newest first (the text is deferred)."""
    levels = visible_levels(user=user)
    return (
        Source.objects.filter(confidentiality__in=levels)
        .defer("text", "original")
        .order_by("-added_at", "-id")
    )


def source_get(*, user: Any, source_id: int) -> Source:
    """Return a source the user may see, or raise NotFound."""
    source = Source.objects.filter(
        pk=source_id, confidentiality__in=visible_levels(user=user)
    ).first()
    if source is None:
        raise NotFound("source")
    return source


@dataclass(frozen=True)
class Highlight:
    """A span of a source that supports a claim the user may see."""

    start: int
    end: int
    claim_id: int
    field: str
    text: str
    review_status: str


def source_highlights(*, user: Any, source: Source) -> list[Highlight]:
    """Spans of `source` cited by claims the user may see, in text order."""
    qs: QuerySet[Claim] = claims_visible(user=user).filter(source=source, span_start__isnull=False)
    return [
        Highlight(
            c.span_start, c.span_end, c.pk, c.field, describe(c.field, c.value), c.review_status
        )
        for c in qs.order_by("span_start", "span_end", "id")
    ]


@dataclass(frozen=True)
class Segment:
    """A run of source text and the visible claims citing all of it (empty: plain text)."""

    text: str
    start: int
    claim_ids: tuple[int, ...]


def source_segments(*, user: Any, source: Source) -> list[Segment]:
    """Split the text of `source` at every cited span boundary, for highlighting.

    Overlapping spans give segments cited by several claims.
    """
    if source.confidentiality not in visible_levels(user=user):
        raise NotFound("source")
    marks = source_highlights(user=user, source=source)
    cuts = sorted({0, len(source.text), *(h.start for h in marks), *(h.end for h in marks)})
    segments = []
    for start, end in itertools.pairwise(cuts):
        cited = tuple(h.claim_id for h in marks if h.start <= start and end <= h.end)
        segments.append(Segment(source.text[start:end], start, cited))
    return segments
