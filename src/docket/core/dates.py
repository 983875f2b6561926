"""EDTF values as model columns: the string, its bounds and precision, and SQL filters.

A model stores `<prefix>` (the EDTF text), `<prefix>_lower`, `<prefix>_upper` (DateFields,
NULL = open or unknown) and `<prefix>_precision`, so SQL can sort and filter.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from docket.core import edtf


def edtf_columns(prefix: str, value: str | None) -> dict[str, Any]:
    """Parse `value` (None/blank = unknown) into the four column values for `prefix`."""
    parsed = edtf.parse_optional(value)
    if parsed is None:
        return {
            prefix: "",
            f"{prefix}_lower": None,
            f"{prefix}_upper": None,
            f"{prefix}_precision": "",
        }
    return {
        prefix: parsed.text,
        f"{prefix}_lower": parsed.lower,
        f"{prefix}_upper": parsed.upper,
        f"{prefix}_precision": parsed.precision,
    }


def q_within(prefix: str, value: str) -> Q:
    """Rows whose date lies wholly inside `value` ("2024-01" is within "2024")."""
    span = edtf.parse(value)
    q = Q(**{f"{prefix}_lower__isnull": False, f"{prefix}_upper__isnull": False})
    if span.lower is not None:
        q &= Q(**{f"{prefix}_lower__gte": span.lower})
    if span.upper is not None:
        q &= Q(**{f"{prefix}_upper__lte": span.upper})
    return q


def q_overlaps(prefix: str, value: str) -> Q:
    """Rows whose date may fall inside `value` ("2010/2016" overlaps "2012")."""
    span = edtf.parse(value)
    q = ~Q(**{prefix: ""})
    if span.upper is not None:
        q &= Q(**{f"{prefix}_lower__lte": span.upper}) | Q(**{f"{prefix}_lower__isnull": True})
    if span.lower is not None:
        q &= Q(**{f"{prefix}_upper__gte": span.lower}) | Q(**{f"{prefix}_upper__isnull": True})
    return q
