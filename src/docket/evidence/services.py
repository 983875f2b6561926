"""Writes to evidence: storing a source document (there is no update service)."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from docket.accounts.roles import SUGGEST, require
from docket.core.audit import Actor, actor_fields, audit_record
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
    require(actor, SUGGEST)
    if not isinstance(text, str) or not text.strip():
        raise field_error("text", "a source needs its text")
    if original is not None and not isinstance(original, bytes):
        raise field_error("original", "the original must be bytes")
    limit = settings.MAX_UPLOAD_BYTES
    size = len(original) if original is not None else len(text.encode("utf-8"))
    if size > limit or len(text) > limit:
        raise field_error("text", f"the document is larger than {limit // (1024 * 1024)} MB")
    digest = sha256_of(text=text, original=original)
    existing = Source.objects.filter(sha256=digest).first()
    if existing is not None:
        logger.info("source %s exists already (same SHA-256)", existing.pk)
        return SourceResult(existing, created=False)
    url = _meta_text(url, "url", 2000)
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as exc:
            raise field_error("url", f"'{url[:100]}' is not an http(s) URL") from exc
    name, user_id = actor_fields(actor)
    source = Source.objects.create(
        sha256=digest,
        text=text,
        original=original,
        title=_meta_text(title, "title", 500),
        publisher=_meta_text(publisher, "publisher", 300),
        url=url,
        filename=_meta_text(filename, "filename", 300),
        media_type=_meta_text(media_type, "media_type", 100),
        added_by=actor if user_id is not None else None,
        added_by_name=name,
        confidentiality=terms.check(
            LEVELS,
            confidentiality,
            field="confidentiality",
            what="confidentiality level",
        ),
        **edtf_columns("published", published),
    )
    state = _source_state(source)
    hidden = ("title", "publisher", "url", "filename")
    audit_record(
        actor=actor,
        action="source.create",
        entity=source,
        after=state,
        restricted=hidden if source.confidentiality == Level.RESTRICTED else (),
    )
    logger.info("source %s stored (%d characters)", source.pk, len(text))
    return SourceResult(source, created=True)
