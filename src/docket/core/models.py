"""Base models and the append-only, hash-chained audit log."""

from __future__ import annotations

from django.db import models


class TimeStamped(models.Model):
    """Creation and last-change times, set by the database layer, never typed."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One write, as recorded by `docket.core.audit.audit_record`; never updated or deleted.

    Each row's `hash` covers its content and the previous row's hash, so editing or
    removing a row breaks the chain (`core.selectors.audit_verify_chain`). Database
    triggers (migration 0002) refuse UPDATE and DELETE on both SQLite and PostgreSQL.
    Restricted values are stored as salted-hash markers, never in clear text.
    """

    at = models.DateTimeField()
    actor = models.CharField(max_length=150, help_text="User name, or system:<name>.")
    actor_user_id = models.BigIntegerField(null=True, blank=True)
    action = models.CharField(max_length=64)
    entity_type = models.CharField(max_length=64, blank=True)
    entity_id = models.CharField(max_length=64, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64, unique=True)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["entity_type", "entity_id"]),
            models.Index(fields=["at"]),
        ]

    def __str__(self) -> str:
        entity = f"{self.entity_type}:{self.entity_id}"
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {entity}"
