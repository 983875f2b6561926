"""Reads of person merges (to show and undo them)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from docket.cases.models import Person, PersonMerge
from docket.cases.selectors._common import levels_for


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
