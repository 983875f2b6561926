"""`cecc_import`: load a CECC Political Prisoner Database export (CSV, optionally gzipped).

Each record becomes a person (found again by its record number, a PersonIdentifier of
scheme "cecc"), a case, and accepted claims whose source is the record: one Source per
record, its text the record's summary, its original bytes the whole row (so its SHA-256
identifies the record's version). Claims from structured columns cite the summary's
words only where the value occurs in it. A record seen before is skipped when unchanged;
when it changed, the claims from its old version are replaced. Rows are written in
batches, one transaction each; a batch that fails is retried row by row, so a bad row
costs only itself.
"""

from __future__ import annotations

import csv
import gzip
import io
import logging
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import DatabaseError, transaction

from docket.accounts.roles import REVIEW, require
from docket.accounts.selectors import role_standin
from docket.cases.selectors import (
    case_get,
    claim_list,
    identifier_index,
    institution_list,
    person_list,
)
from docket.cases.services import (
    CaseInput,
    ClaimInput,
    IdentifierInput,
    PersonClaims,
    case_create_many,
    case_update,
    claims_bulk_create,
    institution_create,
)
from docket.cases.services._common import check_level
from docket.cases.spans import Finder
from docket.core import edtf
from docket.core.audit import Actor
from docket.core.confidentiality import Level
from docket.core.errors import ApplicationError, field_error
from docket.evidence.services import SourceInput, source_create_many
from docket.ingest.cecc.mapping import fingerprint, map_row, original_bytes
from docket.ingest.cecc.row import (
    METHOD,
    NUMBER,
    REQUIRED,
    SCHEME,
    THE_CASE,
    CeccRecord,
    InstitutionRef,
    RowError,
)

logger = logging.getLogger(__name__)

PUBLISHER = "Congressional-Executive Commission on China (CECC)"
MAX_ROWS = 1_000_000
MAX_FIELD = 200_000


@dataclass(frozen=True)
class RowMessage:
    """An error or warning about one row: file line, record number, what happened."""

    line: int
    record: str
    message: str


@dataclass
class ImportSummary:
    """What `cecc_import` did."""

    rows: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    claims: int = 0
    seconds: float = 0.0
    errors: list[RowMessage] = field(default_factory=list)
    warnings: list[RowMessage] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "claims": self.claims,
            "seconds": round(self.seconds, 2),
            "errors": [m.__dict__ for m in self.errors],
            "warnings": [m.__dict__ for m in self.warnings],
        }


def _open(path: Path) -> io.TextIOBase:
    with path.open("rb") as raw:
        gzipped = raw.read(2) == b"\x1f\x8b"
    stream = gzip.open(path, "rb") if gzipped else path.open("rb")  # noqa: SIM115 (returned)
    return io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line, row) of a CECC export; raise ApplicationError for an unusable file."""
    if not path.is_file():
        raise field_error("path", f"{path} is not a file")
    csv.field_size_limit(MAX_FIELD)
    try:
        with _open(path) as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise field_error(
                    "path", f"{path.name} is not a CECC export: no column {', '.join(missing)}"
                )
            for count, row in enumerate(reader, start=1):
                if count > MAX_ROWS:
                    raise field_error("path", f"{path.name} has more than {MAX_ROWS} rows")
                yield reader.line_num, {k: v for k, v in row.items() if isinstance(k, str)}
    except (OSError, UnicodeDecodeError, csv.Error, EOFError) as exc:
        raise field_error("path", f"{path.name} cannot be read: {exc}") from exc


def count_rows(path: Path, limit: int | None = None) -> int:
    """The number of rows `cecc_import` will look at (for a progress bar)."""
    total = sum(1 for _ in read_rows(path))
    return min(total, limit) if limit is not None else total


@dataclass
class _Run:
    actor: Actor
    reader: Any
    level: str
    published: str | None
    url_template: str
    filename: str
    summary: ImportSummary
    index: dict[str, Any]
    institutions: dict[tuple[str, str], int]
    seen: set[str] = field(default_factory=set)


def _institution_id(run: _Run, ref: InstitutionRef) -> int:
    key = (ref.name, ref.kind)
    if key not in run.institutions:
        made = institution_create(
            actor=run.actor,
            name=ref.name,
            kind=ref.kind,
            country="China",
            region=ref.region,
            city=ref.city,
        )
        run.institutions[key] = made.pk
    return run.institutions[key]


def _resolve(run: _Run, value: Any, case_id: int) -> Any:
    if not isinstance(value, dict):
        return value
    out = dict(value)
    if out.get("case") is THE_CASE:
        out["case"] = case_id
    if isinstance(out.get("institution"), InstitutionRef):
        out["institution"] = _institution_id(run, out["institution"])
    return out


def _title(record: CeccRecord) -> str:
    return f"{record.name} (CECC {record.number})"[:300]


def _existing_case(run: _Run, record: CeccRecord, person: Any, old_source: int | None) -> Any:
    """The case an earlier version of the record named (retitled if the name changed)."""
    if old_source is None:
        return None
    membership = claim_list(
        user=run.reader, person=person, source_id=old_source, field="membership"
    ).first()
    if membership is None:
        return None
    case = case_get(user=run.reader, case_id=membership.value["case"])
    if case.title != _title(record):
        case_update(actor=run.actor, case=case, title=_title(record))
    return case


def _document(run: _Run, record: CeccRecord) -> SourceInput:
    return SourceInput(
        text=record.text or f"CECC record {record.number} has no summary.",
        original=record.original,
        media_type="application/json",
        title=f"CECC Political Prisoner Database, record {record.number} "
        "(US government work, public domain)",
        publisher=PUBLISHER,
        published=run.published,
        url=run.url_template.format(record=record.number) if run.url_template else "",
        filename=run.filename,
        confidentiality=run.level,
    )


def _person_claims(
    run: _Run, record: CeccRecord, person: Any, state: Any, source: Any, case: Any
) -> PersonClaims:
    finder = Finder(record.text)
    claims = [
        ClaimInput(
            fact.field,
            _resolve(run, fact.value, case.pk),
            span=finder.find(fact.words) if fact.words else None,
            veracity=fact.veracity,
        )
        for fact in record.facts
    ]
    return PersonClaims(
        claims=claims,
        person=person,
        source=source,
        confidentiality=run.level,
        identifiers=[IdentifierInput(SCHEME, record.number, record.fingerprint, source)],
        supersede=state.source_id if state is not None else None,
    )


def _write(run: _Run, batch: list[tuple[CeccRecord, Any]]) -> None:
    """Write a batch in one transaction; if it fails, write its rows one by one."""
    known = dict(run.institutions)
    try:
        with transaction.atomic():
            written = _write_records(run, batch)
    except (ApplicationError, DatabaseError) as exc:
        run.institutions = known  # those made in the failed transaction are gone
        if len(batch) > 1:
            for item in batch:
                _write(run, [item])
            return
        record = batch[0][0]
        run.summary.failed += 1
        run.summary.errors.append(RowMessage(record.line, record.number, str(exc)))
        # The message may quote the row's values: the log gets the kind of error only.
        logger.warning(
            "CECC record %s failed (%s)", record.number, getattr(exc, "code", "database")
        )
        return
    for (record, state), claims in zip(batch, written, strict=True):
        run.summary.claims += claims
        if state is None:
            run.summary.new += 1
        else:
            run.summary.updated += 1
        run.summary.warnings += [RowMessage(record.line, record.number, w) for w in record.warnings]


def _write_records(run: _Run, batch: list[tuple[CeccRecord, Any]]) -> list[int]:
    """Store the batch's sources, cases and claims; return the claims written per record."""
    ids = [state.person_id for _, state in batch if state is not None]
    persons = {p.pk: p for p in person_list(user=run.reader).filter(pk__in=ids)}
    people, cases = [], []
    for record, state in batch:
        person = persons.get(state.person_id) if state is not None else None
        if state is not None and person is None:
            raise ApplicationError(f"person {state.person_id} of record {record.number} is gone")
        people.append(person)
        cases.append(_existing_case(run, record, person, state.source_id) if state else None)
    wanted = [
        CaseInput(_title(record), confidentiality=run.level)
        for (record, _), case in zip(batch, cases, strict=True)
        if case is None
    ]
    made = iter(case_create_many(actor=run.actor, cases=wanted))
    cases = [c if c is not None else next(made) for c in cases]
    sources = source_create_many(actor=run.actor, documents=[_document(run, r) for r, _ in batch])
    records = [
        _person_claims(run, record, person, state, stored.source, case)
        for (record, state), person, stored, case in zip(batch, people, sources, cases, strict=True)
    ]
    result = claims_bulk_create(actor=run.actor, records=records, method=METHOD, accept=True)
    return [len(r.claims) if r is not None else 0 for r in result.records]


def _prepare(run: _Run, line: int, row: dict[str, str]) -> tuple[CeccRecord, Any] | None:
    """Map a row, or count it as unchanged or failed (None)."""
    number = " ".join((row.get(NUMBER) or "").split())
    state = run.index.get(number)
    try:
        if number in run.seen:
            raise RowError(f"record {number} appears twice in the file; the first one counts")
        run.seen.add(number)
        if state is not None and state.fingerprint == fingerprint(original_bytes(row)):
            run.summary.unchanged += 1
            return None
        return map_row(row, line), state
    except ApplicationError as exc:
        run.summary.failed += 1
        run.summary.errors.append(RowMessage(line, number, exc.message))
        return None


def cecc_import(
    *,
    actor: Actor,
    path: Path | str,
    limit: int | None = None,
    confidentiality: str = Level.INTERNAL,
    published: str | None = None,
    url_template: str = "",
    batch_size: int = 200,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Import a CECC export; see the module docstring. `progress(n)` is told of each row.

    `url_template` (such as "https://example.org/ppd/{record}") gives each record's URL.
    """
    require(actor, REVIEW)
    path = Path(path)
    confidentiality = check_level(confidentiality)
    published = edtf.parse(published).text if published else None
    if url_template and "{record}" not in url_template:
        raise field_error("url_template", "the URL template needs {record}")
    if limit is not None and limit < 1:
        raise field_error("limit", "the row limit must be 1 or more")
    reader = actor if not isinstance(actor, str) else role_standin(role="admin")
    started = time.perf_counter()
    run = _Run(
        actor=actor,
        reader=reader,
        level=confidentiality,
        published=published,
        url_template=url_template,
        filename=os.path.basename(path)[:300],
        summary=ImportSummary(),
        index=dict(identifier_index(user=reader, scheme=SCHEME)),
        institutions={(i.name, i.kind): i.pk for i in institution_list(user=reader)},
    )
    batch: list[tuple[CeccRecord, Any]] = []
    for line, row in read_rows(path):
        if limit is not None and run.summary.rows >= limit:
            break
        run.summary.rows += 1
        prepared = _prepare(run, line, row)
        if prepared is not None:
            batch.append(prepared)
        if len(batch) >= batch_size:
            _write(run, batch)
            batch = []
        if progress is not None:
            progress(1)
    if batch:
        _write(run, batch)
    run.summary.seconds = time.perf_counter() - started
    s = run.summary
    logger.info(
        "CECC import: %d rows, %d new, %d updated, %d unchanged, %d failed in %.1f s",
        s.rows,
        s.new,
        s.updated,
        s.unchanged,
        s.failed,
        s.seconds,
    )
    return s
