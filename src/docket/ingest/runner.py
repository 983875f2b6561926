"""Ingest many documents: read them, extract in worker processes, store each in the main one.

>>> summary = ingest_run(actor="system:ingest", paths=["reports/"], workers=2)

Inputs are files (.txt .html .pdf .docx), folders (walked recursively, hidden entries
left out) and JSON Lines files of `{"id", "text", "published"?, "url"?, "title"?,
"publisher"?}`. A document whose SHA-256 is stored already is skipped before extraction,
so a re-run after a crash resumes where the last one stopped. A document that cannot be
read or extracted gives a failed result naming it, and the run goes on.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import IntegrityError, connection

from docket.accounts.roles import REVIEW, SUGGEST, require
from docket.core.audit import Actor
from docket.core.confidentiality import Level
from docket.core.errors import ApplicationError
from docket.evidence.models import Source
from docket.evidence.services import sha256_of
from docket.extract.batch import DEFAULT_TIME_LIMIT, Line, extract_lines, read_lines
from docket.extract.readers import DEFAULT_MAX_BYTES, ReadError, read_document
from docket.ingest import matching
from docket.ingest.services.documents import DocumentResult, Incoming, document_ingest

logger = logging.getLogger(__name__)

DOCUMENT_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml", ".pdf", ".docx"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_BATCH_LINE = re.compile(r"^(E\d{3}) line \d+: ")


@dataclass
class RunSummary:
    """Totals of a run: documents new/skipped/failed, persons new/linked, claims."""

    documents_new: int = 0
    documents_skipped: int = 0
    documents_failed: int = 0
    persons: int = 0
    persons_new: int = 0
    persons_linked: int = 0
    persons_with_candidates: int = 0
    claims: int = 0
    seconds: float = 0.0
    failures: list[DocumentResult] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return self.documents_new + self.documents_skipped + self.documents_failed

    def add(self, result: DocumentResult) -> None:
        if result.status == "stored":
            self.documents_new += 1
        elif result.status == "skipped":
            self.documents_skipped += 1
        else:
            self.documents_failed += 1
            self.failures.append(result)
        self.persons += result.persons
        self.persons_new += result.persons_new
        self.persons_linked += result.persons_linked
        self.persons_with_candidates += result.persons_with_candidates
        self.claims += result.claims

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": {
                "new": self.documents_new,
                "skipped": self.documents_skipped,
                "failed": self.documents_failed,
            },
            "persons": {
                "new": self.persons_new,
                "matched": self.persons_linked,
                "with_candidates": self.persons_with_candidates,
            },
            "claims": self.claims,
            "seconds": round(self.seconds, 2),
        }


def _failed(name: str, error: str) -> DocumentResult:
    return DocumentResult(name, "failed", error=error)


def expand(paths: Iterable[str]) -> Iterator[Path | DocumentResult]:
    """The files to read, in order: folders walked (sorted), missing paths as failures."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in DOCUMENT_SUFFIXES | JSONL_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            yield from found
        elif path.exists():
            yield path
        else:
            yield _failed(raw, str(ReadError("E101", raw, "no such file or folder")))


def count_documents(paths: Iterable[str]) -> int:
    """How many documents the paths hold (JSON Lines: non-blank lines), for progress."""
    total = 0
    for item in expand(paths):
        if isinstance(item, Path) and item.suffix.lower() in JSONL_SUFFIXES:
            try:
                with item.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


def read_inputs(
    paths: Iterable[str],
    *,
    published: str | None = None,
    publisher: str = "",
    max_bytes: int = DEFAULT_MAX_BYTES,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> Iterator[Incoming | DocumentResult]:
    """Each document of the paths as an `Incoming`, or a failed result saying why not."""
    for item in expand(paths):
        if isinstance(item, DocumentResult):
            yield item
        elif item.suffix.lower() in JSONL_SUFFIXES:
            yield from _jsonl(item, published, publisher, max_bytes)
        else:
            try:
                doc = read_document(item, max_bytes=max_bytes, time_limit=time_limit)
            except ReadError as exc:
                yield _failed(str(item), str(exc))
                continue
            yield Incoming(
                name=str(item),
                text=doc.text,
                original=doc.data,
                filename=item.name,
                title=doc.title or item.stem,
                publisher=publisher,
                published=published,
                media_type=doc.media_type,
            )


def _jsonl(
    path: Path, published: str | None, publisher: str, max_bytes: int
) -> Iterator[Incoming | DocumentResult]:
    from docket.extract.batch import BatchError

    try:
        with path.open("rb") as fh:
            for line in read_lines(fh, max_bytes=max_bytes):
                yield _record(path, line, published, publisher)
    except (OSError, BatchError) as exc:
        yield _failed(str(path), f"E210 {path}: cannot read it as JSON Lines ({exc})")


def _record(
    path: Path, line: Line, published: str | None, publisher: str
) -> Incoming | DocumentResult:
    name = f"{path} line {line.number}"
    if line.data is None:
        return _failed(name, f"{name}: {line.size:,} bytes, over the size limit")
    try:
        obj = json.loads(line.data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return _failed(name, f"{name}: not a valid UTF-8 JSON line ({exc})")
    if not isinstance(obj, dict):
        return _failed(name, f'{name}: not a JSON object {{"id": ..., "text": ...}}')
    doc_id, text = obj.get("id"), obj.get("text")
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int):
        return _failed(name, f'{name}: no "id" (a string)')
    name = f"{path} line {line.number} ({str(doc_id)[:100]})"
    if not isinstance(text, str) or not text.strip():
        return _failed(name, f'{name}: no "text" (a non-empty string)')
    date = obj.get("published") or published
    if date is not None and not (isinstance(date, str) and _ISO_DATE.match(date[:10])):
        return _failed(name, f'{name}: "published" must be an ISO date such as 2024-09-01')
    meta = {k: obj.get(k) for k in ("url", "title", "publisher")}
    if any(v is not None and not isinstance(v, str) for v in meta.values()):
        return _failed(name, f'{name}: "url", "title" and "publisher" must be strings')
    return Incoming(
        name=name,
        text=text.replace("\x00", ""),
        filename=f"{path.name}#{doc_id}",
        title=meta["title"] or "",
        url=meta["url"] or "",
        publisher=meta["publisher"] or publisher,
        published=date[:10] if date else None,
        media_type="text/plain",
    )


class _Feed:
    """Documents to extract, as batch lines; those skipped or failed on the way wait aside."""

    def __init__(self, inputs: Iterable[Incoming | DocumentResult]) -> None:
        self.inputs = inputs
        self.waiting: dict[int, Incoming] = {}  # sent to extraction, by line number
        self.aside: deque[DocumentResult] = deque()

    def lines(self) -> Iterator[Line]:
        seen: set[str] = set()
        for seq, item in enumerate(self.inputs):
            if isinstance(item, DocumentResult):
                self.aside.append(item)
                continue
            digest = sha256_of(text=item.text, original=item.original)
            stored = Source.objects.filter(sha256=digest).values_list("pk", flat=True).first()
            if stored is not None or digest in seen:
                self.aside.append(DocumentResult(item.name, "skipped", stored))
                continue
            seen.add(digest)
            self.waiting[seq] = item
            data = json.dumps({"id": seq, "text": item.text, "published": item.published})
            encoded = data.encode("utf-8")
            yield Line(seq, encoded, len(encoded))

    def extracted(self, *, workers: int, time_limit: float) -> Iterator[tuple[Incoming, Any]]:
        """Each document sent to extraction with its batch result, in input order."""
        todo = self.lines()
        first = next(todo, None)  # no worker is started when every document is stored already
        if first is None:
            return
        if not connection.in_atomic_block:
            connection.close()  # forked workers need not inherit an open connection
        lines = itertools.chain([first], todo)
        for result in extract_lines(lines, workers=workers, time_limit=time_limit):
            yield self.waiting.pop(json.loads(result.record)["id"]), result


def ingest_run(
    *,
    actor: Actor,
    paths: Iterable[str],
    workers: int = 1,
    auto_accept: bool = False,
    published: str | None = None,
    publisher: str = "",
    confidentiality: str = Level.INTERNAL,
    max_bytes: int = DEFAULT_MAX_BYTES,
    time_limit: float = DEFAULT_TIME_LIMIT,
    on_result: Callable[[DocumentResult, RunSummary], None] | None = None,
) -> RunSummary:
    """Ingest every document of `paths`; each stored document is committed on its own."""
    require(actor, REVIEW if auto_accept else SUGGEST)
    started = time.monotonic()
    summary = RunSummary()
    matching.keys_sync()
    inputs = read_inputs(
        paths, published=published, publisher=publisher, max_bytes=max_bytes,
        time_limit=time_limit,
    )  # fmt: skip
    feed = _Feed(inputs)

    def report(result: DocumentResult) -> None:
        summary.add(result)
        summary.seconds = time.monotonic() - started
        if on_result is not None:
            on_result(result, summary)

    for item, result in feed.extracted(workers=workers, time_limit=time_limit):
        while feed.aside:
            report(feed.aside.popleft())
        if result.error:
            code = _BATCH_LINE.match(result.error)
            named = f"{code.group(1)} {item.name}: {result.error[code.end() :]}" if code else ""
            report(_failed(item.name, named or f"{item.name}: {result.error}"))
        else:
            record = json.loads(result.record)
            report(_store(actor, item, record, auto_accept, confidentiality))
    while feed.aside:
        report(feed.aside.popleft())
    summary.seconds = time.monotonic() - started
    return summary


def _store(
    actor: Actor, item: Incoming, record: dict[str, Any], auto_accept: bool, level: str
) -> DocumentResult:
    try:
        return document_ingest(
            actor=actor,
            incoming=item,
            extraction=record,
            auto_accept=auto_accept,
            confidentiality=level,
        )
    except ApplicationError as exc:
        return _failed(item.name, f"{item.name}: {exc}")
    except IntegrityError as exc:  # stored meanwhile by another run
        logger.warning("%s not stored: %s", item.name, type(exc).__name__)
        return _failed(item.name, f"{item.name}: not stored ({type(exc).__name__}); run again")
