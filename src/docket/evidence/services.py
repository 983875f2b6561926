"""Writes to evidence: storing a source document (there is no update service)."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from docket.accounts.roles import SUGGEST, require
from docket.core.audit import Actor, AuditEntry, actor_fields, audit_record_many
from docket.core.confidentiality import Level
from docket.core.dates import edtf_columns
from docket.core.errors import field_error
from docket.vocab import terms

from .models import Source

logger = logging.getLogger(__name__)

LEVELS = {lv.value: lv.label for lv in Level}


@dataclass(frozen=True)
class SourceResult:
    """The stored source, and whether this call stored it (False: same hash existed)."""

    source: Source
    created: bool


def sha256_of(*, text: str, original: bytes | None) -> str:
    """The identity of a document: SHA-256 of its original bytes, else of its UTF-8 text."""
    data = original if original is not None else text.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def _meta_text(value: Any, field: str, limit: int) -> str:
    if not isinstance(value, str):
        raise field_error(field, f"{field} must be text")
    value = " ".join(value.split())
    if len(value) > limit:
        raise field_error(field, f"{field} is longer than {limit} characters")
    return value


def _source_state(source: Source) -> dict[str, Any]:
    return {
        "sha256": source.sha256,
        "characters": len(source.text),
        "bytes": len(source.original) if source.original is not None else None,
        "title": source.title,
        "publisher": source.publisher,
        "published": source.published,
        "url": source.url,
        "filename": source.filename,
        "confidentiality": source.confidentiality,
    }


@dataclass(frozen=True)
class SourceInput:
    """One document for `source_create_many`: the arguments of `source_create`."""

    text: str
    original: bytes | None = None
    title: str = ""
    publisher: str = ""
    published: str | None = None
    url: str = ""
    filename: str = ""
    media_type: str = ""
    confidentiality: str = Level.INTERNAL


def _digest(document: SourceInput) -> str:
    """Check the content and its size; return its SHA-256."""
    text, original = document.text, document.original
    if not isinstance(text, str) or not text.strip():
        raise field_error("text", "a source needs its text")
    if original is not None and not isinstance(original, bytes):
        raise field_error("original", "the original must be bytes")
    limit = settings.MAX_UPLOAD_BYTES
    size = len(original) if original is not None else len(text.encode("utf-8"))
    if size > limit or len(text) > limit:
        raise field_error("text", f"the document is larger than {limit // (1024 * 1024)} MB")
    return sha256_of(text=text, original=original)


def _new_source(actor: Actor, document: SourceInput, digest: str) -> Source:
    """An unsaved Source with checked metadata."""
    url = _meta_text(document.url, "url", 2000)
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as exc:
            raise field_error("url", f"'{url[:100]}' is not an http(s) URL") from exc
    name, user_id = actor_fields(actor)
    return Source(
        sha256=digest,
        text=document.text,
        original=document.original,
        title=_meta_text(document.title, "title", 500),
        publisher=_meta_text(document.publisher, "publisher", 300),
        url=url,
        filename=_meta_text(document.filename, "filename", 300),
        media_type=_meta_text(document.media_type, "media_type", 100),
        added_by=actor if user_id is not None else None,
        added_by_name=name,
        confidentiality=terms.check(
            LEVELS,
            document.confidentiality,
            field="confidentiality",
            what="confidentiality level",
        ),
        **edtf_columns("published", document.published),
    )


def _audit_entry(source: Source) -> AuditEntry:
    hidden = ("title", "publisher", "url", "filename")
    return AuditEntry(
        action="source.create",
        entity=source,
        after=_source_state(source),
        restricted=hidden if source.confidentiality == Level.RESTRICTED else (),
    )


@transaction.atomic
def source_create_many(*, actor: Actor, documents: Sequence[SourceInput]) -> list[SourceResult]:
    """Store many documents in one insert, each once; results in input order.

    A document whose content is stored already (or earlier in the same call) returns that
    source with `created=False`, as `source_create` does.
    """
    require(actor, SUGGEST)
    digests = [_digest(d) for d in documents]
    stored = {s.sha256: s for s in Source.objects.filter(sha256__in=set(digests))}
    new: list[Source] = []
    made: set[str] = set()
    for document, digest in zip(documents, digests, strict=True):
        if digest not in stored:
            stored[digest] = _new_source(actor, document, digest)
            new.append(stored[digest])
            made.add(digest)
    Source.objects.bulk_create(new)
    audit_record_many(actor=actor, entries=[_audit_entry(s) for s in new])
    results = []
    for digest in digests:
        results.append(SourceResult(stored[digest], created=digest in made))
        made.discard(digest)
    logger.info("%d sources stored, %d existed already", len(new), len(documents) - len(new))
    return results


@transaction.atomic
def source_create(
    *,
    actor: Actor,
    text: str,
    original: bytes | None = None,
    title: str = "",
    publisher: str = "",
    published: str | None = None,
    url: str = "",
    filename: str = "",
    media_type: str = "",
    confidentiality: str = Level.INTERNAL,
) -> SourceResult:
    """Store a document once; the same content again returns the stored source, flagged."""
    document = SourceInput(
        text, original, title, publisher, published, url, filename, media_type, confidentiality
    )
    return source_create_many(actor=actor, documents=[document])[0]
