"""Reads of the audit log."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import QuerySet

from docket.core.audit import GENESIS, compute_hash, entity_label
from docket.core.models import AuditEvent


@dataclass(frozen=True)
class ChainReport:
    """Result of checking the audit hash chain."""

    ok: bool
    checked: int
    bad_event_id: int | None = None
    problem: str = ""


def audit_verify_chain() -> ChainReport:
    """Recompute every audit row's hash and link; report the first break, if any."""
    expected_prev = GENESIS
    checked = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event.prev_hash != expected_prev:
            return ChainReport(False, checked, event.id, "link broken: a row was removed or moved")
        if compute_hash(event) != event.hash:
            return ChainReport(False, checked, event.id, "content changed after it was recorded")
        expected_prev = event.hash
        checked += 1
    return ChainReport(True, checked)


def audit_list(*, entity: models.Model | None = None, action: str | None = None) -> QuerySet:
    """Return audit events, optionally for one entity and/or one action, oldest first."""
    qs = AuditEvent.objects.order_by("id")
    if entity is not None:
        entity_type, entity_id = entity_label(entity)
        qs = qs.filter(entity_type=entity_type, entity_id=entity_id)
    if action is not None:
        qs = qs.filter(action=action)
    return qs
