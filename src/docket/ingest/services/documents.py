"""Store one extracted document: source, cases, persons, suggested claims, candidates.

Everything for one document happens in one transaction, so a crash leaves either all
of it or none of it, and a re-run finds the source stored (same SHA-256) or not at all.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from django.db import transaction

from docket.accounts.roles import REVIEW, SUGGEST, require
from docket.cases.models import Case, Person
from docket.cases.services import case_create, claim_create, institution_create, person_create
from docket.core.audit import Actor, actor_fields, audit_record
from docket.core.confidentiality import Level
from docket.core.errors import field_error
from docket.evidence.models import Source
from docket.evidence.services import source_create
from docket.ingest import matching
from docket.ingest.facts import Fact, InstitutionRef, PersonPlan, plan_person
from docket.ingest.grouping import case_title, group_persons
from docket.ingest.models import Candidate, ExtractedPerson, Ingestion
from docket.vocab import terms

logger = logging.getLogger(__name__)


def extractor_method() -> str:
    """How the claims of a run are made: `extractor:docket.extract <version>`."""
    return f"extractor:docket.extract {metadata.version('docket')}"


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
    """The writes for one document, with the records it made so far."""

    def __init__(self, *, actor: Actor, source: Source, level: str, accept: bool) -> None:
        self.actor = actor
        self.source = source
        self.level = level
        self.accept = accept
        self.method = extractor_method()
        self.institutions: dict[InstitutionRef, int] = {}
        self.made: set[int] = set()  # persons made or linked for this document

    def institution(self, ref: InstitutionRef) -> int:
        if ref not in self.institutions:
            found = institution_create(actor=self.actor, name=ref.name, kind=ref.kind)
            self.institutions[ref] = found.pk
        return self.institutions[ref]

    def claim(self, person: Person, fact: Fact, case: Case | None) -> Any:
        value = fact.value
        if isinstance(value, dict):
            value = dict(value)
            if fact.institution is not None:
                value["institution"] = self.institution(fact.institution)
            if fact.in_case:
                value["case"] = case.pk if case else None
        return claim_create(
            actor=self.actor,
            person=person,
            field=fact.field,
            value=value,
            source=self.source,
            span=fact.span,
            method=self.method,
            accept=self.accept,
        )

    def person(self, plan: PersonPlan) -> tuple[Person, list[matching.Proposal], bool]:
        """The record for an extracted person: an existing one when clearly the same, else new."""
        proposals = matching.propose(plan, exclude=self.made)
        link = matching.auto_link(proposals)
        if link is not None:
            person = Person.objects.get(pk=link.person_id)
        else:
            restricted = plan.role in terms.RESTRICTED_ROLES
            level = Level.RESTRICTED if restricted else self.level
            person = person_create(actor=self.actor, role=plan.role, confidentiality=level)
        self.made.add(person.pk)
        return person, proposals, link is not None


def _label(source: Source) -> str:
    return source.title or source.filename or source.url or f"source {source.pk}"


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
    writer = _Writer(actor=actor, source=source, level=confidentiality, accept=auto_accept)
    plans = [
        plan_person(p, position=i, text=text, published=source.published or None)
        for i, p in enumerate(persons)
    ]
    case_of: dict[int, Case] = {}
    for group in group_persons(persons, text):
        members = [persons[i] for i in group.victims]
        title = case_title(members, fallback=_label(source))
        case = case_create(actor=actor, title=title, confidentiality=confidentiality)
        case_of.update({i: case for i in (*group.victims, *group.others)})
    ingestion = Ingestion.objects.create(
        source=source,
        method=writer.method,
        actor=actor_fields(actor)[0],
        auto_accepted=auto_accept,
    )
    counts = {"new": 0, "linked": 0, "candidates": 0, "claims": 0}
    for plan in plans:
        person, proposals, linked = writer.person(plan)
        case = case_of.get(plan.position)
        claims = [writer.claim(person, fact, case) for fact in plan.facts]
        if case is not None:
            membership = Fact("membership", {"case": case.pk, "role": plan.role})
            claims.append(writer.claim(person, membership, case))
        others = [p for p in proposals if p.person_id != person.pk]
        decision = _decision(linked=linked, auto_accept=auto_accept, candidates=bool(others))
        extracted = ExtractedPerson.objects.create(
            ingestion=ingestion,
            position=plan.position,
            person=person,
            case=case,
            role=plan.role,
            count=plan.count,
            named=bool(plan.names),
            decision=decision,
            auto_linked=linked,
        )
        extracted.claims.set(claims)
        Candidate.objects.bulk_create(
            Candidate(extracted=extracted, person_id=p.person_id, score=p.score, reasons=p.reasons)
            for p in others
        )
        counts["linked" if linked else "new"] += 1
        counts["candidates"] += bool(others)
        counts["claims"] += len(claims)
    if auto_accept:
        matching.index_persons(writer.made)
    ingestion.persons, ingestion.claims = len(plans), counts["claims"]
    ingestion.save(update_fields=["persons", "claims"])
    audit_record(
        actor=actor,
        action="source.ingest",
        entity=ingestion,
        after={
            "source": source.pk,
            "method": writer.method,
            "auto_accepted": auto_accept,
            "persons": len(plans),
            "claims": counts["claims"],
            "cases": sorted({c.pk for c in case_of.values()}),
        },
    )
    logger.info(
        "source %s ingested: %d persons, %d claims", source.pk, len(plans), counts["claims"]
    )
    return DocumentResult(
        incoming.name,
        "stored",
        source.pk,
        persons=len(plans),
        persons_new=counts["new"],
        persons_linked=counts["linked"],
        persons_with_candidates=counts["candidates"],
        claims=counts["claims"],
    )


def _decision(*, linked: bool, auto_accept: bool, candidates: bool) -> str:
    if linked:
        return ExtractedPerson.LINKED
    if auto_accept and not candidates:
        return ExtractedPerson.NEW
    return ExtractedPerson.PENDING
