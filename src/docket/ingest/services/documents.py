"""Store one extracted document: source, cases, persons, suggested claims, candidates.

Everything for one document happens in one transaction, so a crash leaves either all
of it or none of it, and a re-run finds the source stored (same SHA-256) or not at all.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from django.db import transaction

from docket.accounts.roles import REVIEW, SUGGEST, require
from docket.cases.models import Case, Person
from docket.cases.services import (
    CaseInput,
    ClaimInput,
    PersonClaims,
    RecordResult,
    case_create_many,
    claims_bulk_create,
    institution_create,
)
from docket.core.audit import Actor, audit_record
from docket.core.confidentiality import Level
from docket.core.errors import field_error
from docket.evidence.models import Source
from docket.evidence.services import source_create
from docket.extract import DEFAULT_STEPS
from docket.ingest import matching
from docket.ingest.facts import Fact, InstitutionRef, PersonPlan, plan_person
from docket.ingest.grouping import case_title, group_persons
from docket.ingest.models import Candidate, ExtractedPerson, Ingestion
from docket.vocab import terms

logger = logging.getLogger(__name__)


def extractor_method() -> str:
    """How the claims of a run are made: `extractor:docket.extract <version>+<steps>`, the
    package version and a digest of the versioned pipeline steps (the audit lists them)."""
    steps = hashlib.sha256(" ".join(DEFAULT_STEPS).encode()).hexdigest()[:8]
    return f"extractor:docket.extract {metadata.version('docket')}+{steps}"


@dataclass(frozen=True)
class Incoming:
    """A document to ingest: its text, original bytes and capture metadata."""

    name: str  # for messages: a path, or "reports.jsonl line 7"
    text: str
    original: bytes | None = None
    filename: str = ""
    title: str = ""
    url: str = ""
    publisher: str = ""
    published: str | None = None
    media_type: str = ""


@dataclass(frozen=True)
class DocumentResult:
    """What became of one document."""

    name: str
    status: str  # stored, skipped or failed
    source_id: int | None = None
    persons: int = 0
    persons_new: int = 0
    persons_linked: int = 0
    persons_with_candidates: int = 0
    claims: int = 0
    error: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.name,
            "status": self.status,
            "source": self.source_id,
            "persons": self.persons,
            "persons_new": self.persons_new,
            "persons_linked": self.persons_linked,
            "persons_with_candidates": self.persons_with_candidates,
            "claims": self.claims,
            "error": self.error or None,
        }


class _Writer:
    """Turns planned facts into claim inputs, creating the institutions they name."""

    def __init__(self, *, actor: Actor) -> None:
        self.actor = actor
        self.institutions: dict[InstitutionRef, int] = {}

    def institution(self, ref: InstitutionRef) -> int:
        if ref not in self.institutions:
            found = institution_create(actor=self.actor, name=ref.name, kind=ref.kind)
            self.institutions[ref] = found.pk
        return self.institutions[ref]

    def claim(self, fact: Fact, case: Case | None) -> ClaimInput:
        value = fact.value
        if isinstance(value, dict):
            value = dict(value)
            if fact.institution is not None:
                value["institution"] = self.institution(fact.institution)
            if fact.in_case:
                value["case"] = case.pk if case else None
        return ClaimInput(fact.field, value, span=fact.span)


@transaction.atomic
def document_ingest(
    *,
    actor: Actor,
    incoming: Incoming,
    extraction: dict[str, Any],
    auto_accept: bool = False,
    confidentiality: str = Level.INTERNAL,
) -> DocumentResult:
    """Store a document and what extraction found in it, as suggested (or accepted) claims.

    `extraction` is the contract's JSON for the document (`{"persons": [...]}`). A document
    stored already (same SHA-256) is skipped and nothing is written. With `auto_accept`
    the claims are accepted at once (veracity alleged, method the extractor).
    """
    require(actor, REVIEW if auto_accept else SUGGEST)
    persons = extraction.get("persons")
    if not isinstance(persons, list) or not all(isinstance(p, dict) for p in persons):
        raise field_error("extraction", "the extraction has no list of persons")
    stored = source_create(
        actor=actor,
        text=incoming.text,
        original=incoming.original,
        title=incoming.title[:500],
        publisher=incoming.publisher,
        published=incoming.published,
        url=incoming.url,
        filename=incoming.filename[:300],
        media_type=incoming.media_type,
        confidentiality=confidentiality,
    )
    source = stored.source
    if not stored.created:
        return DocumentResult(incoming.name, "skipped", source.pk)
    text = source.text
    plans = [
        plan_person(p, position=i, text=text, published=source.published or None)
        for i, p in enumerate(persons)
    ]
    case_of = _cases(actor, persons, source, confidentiality)
    method = extractor_method()
    ingestion = Ingestion.objects.create(source=source, method=method, auto_accepted=auto_accept)
    records, proposed = _records(actor, plans, source, case_of, confidentiality)
    written = claims_bulk_create(
        actor=actor, records=records, method=method, accept=auto_accept, skip_invalid=True
    )
    for index, error in written.errors.items():  # the plans were checked: a bug if it happens
        logger.warning(
            "source %s: extracted person %d not stored (%s)", source.pk, index, error.code
        )
    counts = _stage(ingestion, plans, written.records, proposed, case_of, auto_accept)
    if auto_accept:
        matching.index_persons(r.person.pk for r in written.records if r is not None)
    ingestion.persons, ingestion.claims = counts["persons"], counts["claims"]
    ingestion.save(update_fields=["persons", "claims"])
    audit_record(
        actor=actor,
        action="source.ingest",
        entity=ingestion,
        after={
            "source": source.pk,
            "method": method,
            "pipeline": list(DEFAULT_STEPS),
            "auto_accepted": auto_accept,
            "persons": counts["persons"],
            "claims": counts["claims"],
            "cases": sorted({c.pk for c in case_of.values()}),
        },
    )
    logger.info(
        "source %s ingested: %d persons, %d claims", source.pk, counts["persons"], counts["claims"]
    )
    return DocumentResult(
        incoming.name,
        "stored",
        source.pk,
        persons=counts["persons"],
        persons_new=counts["new"],
        persons_linked=counts["linked"],
        persons_with_candidates=counts["candidates"],
        claims=counts["claims"],
    )


def _cases(
    actor: Actor, persons: list[dict[str, Any]], source: Source, level: str
) -> dict[int, Case]:
    """Make a case per group of co-defendants; return each grouped person's case."""
    groups = group_persons(persons, source.text)
    titles = [case_title([persons[i] for i in g.victims], fallback=source.label) for g in groups]
    made = case_create_many(
        actor=actor, cases=[CaseInput(title, confidentiality=level) for title in titles]
    )
    return {i: case for g, case in zip(groups, made, strict=True) for i in (*g.victims, *g.others)}


def _records(
    actor: Actor, plans: list[PersonPlan], source: Source, case_of: dict[int, Case], level: str
) -> tuple[list[PersonClaims], list[list[matching.Proposal]]]:
    """The claims to write per extracted person, on an existing person when clearly the same,
    and the other candidates of each."""
    writer = _Writer(actor=actor)
    records, proposed, linked = [], [], set()
    for plan in plans:
        proposals = matching.propose(plan, exclude=linked)
        link = matching.auto_link(proposals)
        person = Person.objects.get(pk=link.person_id) if link is not None else None
        if person is not None:
            linked.add(person.pk)
        case = case_of.get(plan.position)
        claims = [writer.claim(fact, case) for fact in plan.facts]
        if case is not None:
            claims.append(ClaimInput("membership", {"case": case.pk, "role": plan.role}))
        restricted = plan.role in terms.RESTRICTED_ROLES
        records.append(
            PersonClaims(
                claims,
                person=person,
                source=source,
                confidentiality=Level.RESTRICTED if restricted else level,
            )
        )
        proposed.append([p for p in proposals if person is None or p.person_id != person.pk])
    return records, proposed


def _stage(
    ingestion: Ingestion,
    plans: list[PersonPlan],
    written: tuple[RecordResult | None, ...],
    proposed: list[list[matching.Proposal]],
    case_of: dict[int, Case],
    auto_accept: bool,
) -> dict[str, int]:
    """Record each stored extracted person, its claims and its candidates for review."""
    counts = {"persons": 0, "new": 0, "linked": 0, "candidates": 0, "claims": 0}
    rows, kept = [], []
    for plan, record, proposals in zip(plans, written, proposed, strict=True):
        if record is None:
            continue
        linked = not record.created
        rows.append(
            ExtractedPerson(
                ingestion=ingestion,
                position=plan.position,
                person=record.person,
                case=case_of.get(plan.position),
                role=plan.role,
                count=plan.count,
                decision=_decision(
                    linked=linked, auto_accept=auto_accept, candidates=bool(proposals)
                ),
                auto_linked=linked,
            )
        )
        kept.append((record, proposals))
        counts["persons"] += 1
        counts["linked" if linked else "new"] += 1
        counts["candidates"] += bool(proposals)
        counts["claims"] += len(record.claims)
    ExtractedPerson.objects.bulk_create(rows)
    through = ExtractedPerson.claims.through
    through.objects.bulk_create(
        through(extractedperson_id=row.pk, claim_id=claim.pk)
        for row, (record, _) in zip(rows, kept, strict=True)
        for claim in record.claims
    )
    Candidate.objects.bulk_create(
        Candidate(extracted=row, person_id=p.person_id, score=p.score, reasons=p.reasons)
        for row, (_, proposals) in zip(rows, kept, strict=True)
        for p in proposals
    )
    return counts


def _decision(*, linked: bool, auto_accept: bool, candidates: bool) -> str:
    if linked:
        return ExtractedPerson.LINKED
    if auto_accept and not candidates:
        return ExtractedPerson.NEW
    return ExtractedPerson.PENDING
