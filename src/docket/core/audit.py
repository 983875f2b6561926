"""`audit_record`: the one way services write to the audit log."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from docket.core.errors import ApplicationError
from docket.core.models import AuditEvent

logger = logging.getLogger(__name__)

GENESIS = "0" * 64
SYSTEM_PREFIX = "system:"
# Any constant: serialises appenders on PostgreSQL so the chain never forks.
_PG_LOCK_KEY = 0x0D0C_4E7A
_purge_allowed: ContextVar[bool] = ContextVar("docket_audit_purge", default=False)

# An actor is a user object or a system actor name such as "system:demo".
Actor = Any


def actor_fields(actor: Actor) -> tuple[str, int | None]:
    """Return (name, user id) for a user or a "system:<name>" string; refuse anything else."""
    if isinstance(actor, str):
        if not actor.startswith(SYSTEM_PREFIX) or len(actor) <= len(SYSTEM_PREFIX):
            raise ApplicationError("a system actor is named system:<name>", code="bad_actor")
        return actor, None
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise ApplicationError("this write needs a signed-in user", code="bad_actor")
    return actor.get_username(), actor.pk


def redact(value: Any) -> str:
    """Return a marker standing for a restricted value: equal values, equal markers."""
    digest = salted_hmac("docket.core.audit.redact", canonical_json(value), algorithm="sha256")
    return f"[restricted {digest.hexdigest()[:16]}]"


def canonical_json(value: Any) -> str:
    return json.dumps(
        value, cls=DjangoJSONEncoder, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def _plain(value: Any) -> Any:
    """JSON-safe copy (dates to strings), as it will read back from the database."""
    return None if value is None else json.loads(canonical_json(value))


def _masked(state: dict[str, Any] | None, restricted: frozenset[str]) -> dict[str, Any] | None:
    if state is None:
        return None
    return {
        k: (redact(v) if k in restricted and v not in (None, "") else v) for k, v in state.items()
    }


def compute_hash(event: AuditEvent) -> str:
    """Return the chain hash of `event`: SHA-256 over prev_hash and the row's content."""
    payload = canonical_json(
        {
            "at": event.at.astimezone(UTC).isoformat(),
            "actor": event.actor,
            "actor_user_id": event.actor_user_id,
            "action": event.action,
            "entity_type": event.entity_type,
            "entity_id": event.entity_id,
            "before": event.before,
            "after": event.after,
        }
    )
    return hashlib.sha256((event.prev_hash + payload).encode("utf-8")).hexdigest()


def entity_label(entity: models.Model) -> tuple[str, str]:
    return entity._meta.label_lower, str(entity.pk)


@dataclass(frozen=True)
class AuditEntry:
    """One event for `audit_record_many`: the arguments of `audit_record` but the actor."""

    action: str
    entity: models.Model | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    restricted: Iterable[str] = ()


def _chain_head() -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])
    last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    return last or GENESIS


def _event(actor: Actor, entry: AuditEntry, prev_hash: str) -> AuditEvent:
    name, user_id = actor_fields(actor)
    hidden = frozenset(entry.restricted)
    entity = entry.entity
    entity_type, entity_id = entity_label(entity) if entity is not None else ("", "")
    event = AuditEvent(
        at=timezone.now().replace(tzinfo=UTC),
        actor=name,
        actor_user_id=user_id,
        action=entry.action,
        entity_type=entity_type,
        entity_id=entity_id,
        before=_plain(_masked(entry.before, hidden)),
        after=_plain(_masked(entry.after, hidden)),
        prev_hash=prev_hash,
    )
    event.hash = compute_hash(event)
    return event


@transaction.atomic
def audit_record(
    *,
    actor: Actor,
    action: str,
    entity: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    restricted: Iterable[str] = (),
) -> AuditEvent:
    """Append one audit event; keys named in `restricted` are stored as markers only.

    Call it inside the service's transaction so the record and its audit row commit
    together or not at all.
    """
    event = _event(actor, AuditEntry(action, entity, before, after, restricted), _chain_head())
    event.save(force_insert=True)
    logger.debug("audit %s %s %s:%s", event.actor, action, event.entity_type, event.entity_id)
    return event


@transaction.atomic
def audit_record_many(*, actor: Actor, entries: Sequence[AuditEntry]) -> list[AuditEvent]:
    """Append several events in one insert: the same chain as `audit_record` one by one."""
    events: list[AuditEvent] = []
    prev = _chain_head() if entries else GENESIS
    for entry in entries:
        event = _event(actor, entry, prev)
        events.append(event)
        prev = event.hash
    AuditEvent.objects.bulk_create(events)
    logger.debug("audit %d events by %s", len(events), actor_fields(actor)[0])
    return events


@contextlib.contextmanager
def purge_allowed() -> Iterator[None]:
    """Let this thread delete audit rows (test-database flushes only; see flush command)."""
    token = _purge_allowed.set(True)
    try:
        yield
    finally:
        _purge_allowed.reset(token)


def sqlite_purge_flag() -> int:
    """SQL function docket_audit_purge(): 1 inside `purge_allowed()`, else 0."""
    return 1 if _purge_allowed.get() else 0
