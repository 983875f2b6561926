"""Reads of institutions (courts, facilities...): reference data every staff role may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from docket.cases.models import Institution
from docket.cases.selectors._common import levels_for
from docket.core.confidentiality import Level


def institution_list(*, user: Any, kinds: frozenset[str] | None = None) -> QuerySet[Institution]:
    """Institutions by name, for staff (the public sees them only through published events)."""
    if Level.INTERNAL not in levels_for(user):
        return Institution.objects.none()
    qs = Institution.objects.order_by("name", "kind")
    return qs.filter(kind__in=kinds) if kinds else qs
