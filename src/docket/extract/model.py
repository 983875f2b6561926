"""What extraction returns: the contract of ../shared/schema/EXTRACTION.md as types."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]

ROLES = ("victim", "perpetrator", "source", "relative", "other")
STATUSES = ("detained", "sentenced", "released", "deceased", "disappeared", "unknown")
ALLEGATIONS = (
    "torture",
    "ill_treatment",
    "coerced_confession",
    "incommunicado",
    "denied_counsel",
    "family_not_notified",
    "enforced_disappearance",
    "unfair_trial",
    "death_in_custody",
    "denied_medical_care",
    "foreign_ties",
)


@dataclass(frozen=True)
class Sentence:
    """A prison term in months (a range when min < max), life, or death."""

    min_months: int | None = None
    max_months: int | None = None
    life: bool = False
    death: bool = False
    suspended: bool = False

    def to_dict(self) -> dict[str, Any]:
        if self.death:
            return {"death": True, "suspended": self.suspended}
        if self.life:
            return {"life": True}
        return {"min_months": self.min_months, "max_months": self.max_months}


EVENT_TYPES = (
    "detention",
    "arrest",
    "trial",
    "conviction",
    "sentence",
    "release",
    "death",
    "transfer",
    "family_notification",
)


@dataclass(frozen=True)
class Event:
    """A step in what happened to a person, with its date as EDTF when the report gives one.

    An addition to the contract's fields: the contract allows more, never less.
    """

    type: str
    date: str | None = None
    evidence: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "date": self.date, "evidence": [list(s) for s in self.evidence]}


@dataclass(frozen=True)
class Intervention:
    """A call for someone's release (or another intervention) and who made it.

    An addition to the contract's fields, like `events`.
    """

    kind: str
    by: str
    date: str | None = None
    evidence: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "by": self.by,
            "date": self.date,
            "evidence": [list(s) for s in self.evidence],
        }


@dataclass
class Person:
    """One person or unnamed group a report speaks about, with evidenced facts."""

    name: str | None = None
    aliases: list[str] = field(default_factory=list)
    count: int = 1
    role: str = "victim"
    sex: str | None = None
    age: int | None = None
    ethnicity: str | None = None
    occupations: list[str] = field(default_factory=list)
    detention_date: str | None = None
    court: str | None = None
    facility: str | None = None
    charges: list[str] = field(default_factory=list)
    charge_categories: list[str] = field(default_factory=list)
    sentence: Sentence | None = None
    status: str | None = None
    allegations: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    interventions: list[Intervention] = field(default_factory=list)
    evidence: dict[str, list[Span]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's JSON object for this person."""
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "count": self.count,
            "role": self.role,
            "sex": self.sex,
            "age": self.age,
            "ethnicity": self.ethnicity,
            "occupations": list(self.occupations),
            "detention_date": self.detention_date,
            "court": self.court,
            "facility": self.facility,
            "charges": list(self.charges),
            "charge_categories": list(self.charge_categories),
            "sentence": self.sentence.to_dict() if self.sentence else None,
            "status": self.status,
            "allegations": list(self.allegations),
            "events": [e.to_dict() for e in self.events],
            "interventions": [i.to_dict() for i in self.interventions],
            "evidence": {k: [list(s) for s in v] for k, v in self.evidence.items()},
        }


@dataclass
class Extraction:
    """The result of extracting one report."""

    text: str
    persons: list[Person] = field(default_factory=list)
    published: str | None = None
    pipeline: tuple[str, ...] = ()  # the versioned steps that made it ("dates.v1", ...)

    def to_dict(self, doc_id: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {} if doc_id is None else {"id": doc_id}
        out["persons"] = [p.to_dict() for p in self.persons]
        return out
