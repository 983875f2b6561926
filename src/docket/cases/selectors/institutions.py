"""Reads of institutions (courts, facilities...)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from docket.cases.models import Institution
from docket.cases.selectors._common import levels_for
from docket.core.errors import NotFound


def institution_list(*, user: Any, kinds: Iterable[str] | None = None) -> QuerySet[Institution]:
    """Institutions not yet cited, or cited by an event the user may see (a secret site
    known only from restricted records stays hidden), by name."""
    levels = list(levels_for(user))
    qs = Institution.objects.filter(
        Q(events__isnull=True)
        | Q(events__confidentiality__in=levels, events__person__confidentiality__in=levels)
    )
    if kinds is not None:
        qs = qs.filter(kind__in=list(kinds))
    return qs.distinct().order_by("name", "id")


def institution_get(*, user: Any, institution_id: int) -> Institution:
    institution = institution_list(user=user).filter(pk=institution_id).first()
    if institution is None:
        raise NotFound("institution")
    return institution
