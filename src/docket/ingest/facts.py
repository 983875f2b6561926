"""From one extracted person (the contract's JSON, schema/EXTRACTION.md) to the claims to make.

Pure: no database. Each planned `Fact` is a claim field, a value checked by the claim
field specs, and the character span of the words that support it. Values that point at
records (an institution, the person's case) are filled in when the claims are written.
A value the specs refuse is dropped with a debug log line: one odd fact must not lose
the document.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from docket.cases.fields import spec_for
from docket.core.errors import ApplicationError
from docket.vocab import terms

logger = logging.getLogger(__name__)

Span = tuple[int, int]
MAX_SPAN = 2000  # cases.spans.MAX_QUOTE: longer evidence is kept without its span

# Extraction event types -> case event types (vocab.terms.EVENT_TYPES).
EVENT_TYPES = {
    "detention": "detention",
    "arrest": "formal_arrest",
    "formal_arrest": "formal_arrest",
    "charge": "charge",
    "trial": "trial",
    "conviction": "conviction",
    "sentence": "sentence",
    "appeal": "appeal",
    "transfer": "transfer",
    "release": "release",
    "death": "death",
    "disappearance": "disappearance",
    "family_notification": "family_notification",
}
COURT_EVENTS = ("trial", "conviction", "sentence", "appeal")
CUSTODY_EVENTS = ("detention", "formal_arrest", "transfer")
# An institution belongs to an event whose words are this close (characters).
NEAR = 160

# Words in a facility's name that tell its kind; the first that matches wins.
FACILITY_KIND_WORDS = (
    (
        "prison",
        ("prison", "penitentiary", "reform-through-labor", "reform through labor", "laogai"),
    ),
    (
        "camp",
        (
            "camp",
            "re-education",
            "reeducation",
            "transformation through education",
            "education and training",
            "training center",
            "training centre",
        ),
    ),
    ("police", ("public security bureau", "police", "psb", "state security")),
)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})


@dataclass(frozen=True)
class InstitutionRef:
    """An institution named in the text, created or found when the claims are written."""

    name: str
    kind: str


@dataclass(frozen=True)
class Fact:
    """One claim to make: field, value, supporting span; refs filled in at write time."""

    field: str
    value: Any
    span: Span | None = None
    institution: InstitutionRef | None = None
    in_case: bool = False


@dataclass
class PersonPlan:
    """What one extracted person becomes: its role, names for matching, and facts."""

    position: int
    name: str | None
    role: str
    count: int
    names: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    def values(self, claim_field: str) -> list[Any]:
        return [f.value for f in self.facts if f.field == claim_field]


def institution_name(name: str) -> str:
    """An institution's name with straight quotes and single spaces, so sources agree."""
    return " ".join(name.translate(_QUOTES).split())


def facility_kind(name: str) -> str:
    lowered = name.casefold()
    for kind, words in FACILITY_KIND_WORDS:
        if any(word in lowered for word in words):
            return kind
    return "detention_facility"


def script_of(text: str) -> str:
    """The writing system most letters of `text` are in (vocab.terms.SCRIPTS ids)."""
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        label = unicodedata.name(ch, "")
        script = next(
            (
                code
                for prefix, code in (
                    ("CJK", "Hans"),
                    ("ARABIC", "Arab"),
                    ("CYRILLIC", "Cyrl"),
                    ("TIBETAN", "Tibt"),
                )
                if label.startswith(prefix)
            ),
            "Latn",
        )
        counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else "Latn"


def _fold(text: str) -> str:
    return " ".join(text.translate(_QUOTES).casefold().split())


def _usable(span: Any, text: str) -> Span | None:
    """A span that lies inside the text and is short enough to quote, else None."""
    if not (isinstance(span, list | tuple) and len(span) == 2):
        return None
    start, end = span
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
        return None
    if not 0 <= start < end <= len(text) or end - start > MAX_SPAN:
        return None
    return (start, end)


class Evidence:
    """The spans of one extracted person, looked up per field and value."""

    def __init__(self, evidence: Any, text: str) -> None:
        self.text = text
        raw = evidence if isinstance(evidence, dict) else {}
        self.spans: dict[str, list[Span]] = {
            key: [s for s in (_usable(x, text) for x in value or []) if s]
            for key, value in raw.items()
            if isinstance(value, list)
        }

    def first(self, key: str) -> Span | None:
        spans = self.spans.get(key) or []
        return spans[0] if spans else None

    def of_value(self, key: str, value: str, index: int, count: int) -> Span | None:
        """The span quoting `value`; else the one at `index` when spans and values pair up."""
        spans = self.spans.get(key) or []
        wanted = _fold(value)
        for span in spans:
            if wanted and wanted in _fold(self.text[span[0] : span[1]]):
                return span
        if len(spans) == count:
            return spans[index]
        return None


def _valid(fact: Fact) -> Fact | None:
    """Return the fact with its value normalised by the claim spec, or None if refused."""
    try:
        value = spec_for(fact.field).normalise(fact.value)
    except ApplicationError as exc:
        logger.debug("extracted %s dropped: %s", fact.field, exc.message)
        return None
    return Fact(fact.field, value, fact.span, fact.institution, fact.in_case)


def _category_for(charge: str) -> str | None:
    lowered = charge.casefold()
    for category in terms.charge_categories().values():
        if any(cue.casefold() in lowered for cue in category.cues):
            return category.id
    return None


def _charges(person: dict[str, Any], ev: Evidence) -> Iterable[Fact]:
    charges = [c for c in person.get("charges") or [] if isinstance(c, str) and c.strip()]
    known = terms.charge_categories()
    categories = [c for c in person.get("charge_categories") or [] if c in known]
    paired = len(charges) == len(categories)
    covered: set[str] = set()
    for i, charge in enumerate(charges):
        if paired:
            category = categories[i]
        else:
            category = _category_for(charge) or (categories[0] if len(categories) == 1 else "other")
        covered.add(category)
        span = ev.of_value("charges", charge, i, len(charges))
        yield Fact("charge", {"text": charge, "category": category}, span, in_case=True)
    for i, category in enumerate(categories):
        if category in covered:
            continue
        span = ev.of_value("charge_categories", "", i, len(categories))
        quoted = ev.text[span[0] : span[1]] if span else known[category].label
        yield Fact("charge", {"text": quoted, "category": category}, span, in_case=True)


def _events(person: dict[str, Any], ev: Evidence, text: str) -> list[Fact]:
    """Dated events, with the court and facility put on the nearest fitting event."""
    events: list[tuple[str, str | None, Span | None]] = []
    for event in person.get("events") or []:
        if not isinstance(event, dict) or event.get("type") not in EVENT_TYPES:
            continue
        spans = [s for s in (_usable(x, text) for x in event.get("evidence") or []) if s]
        events.append((EVENT_TYPES[event["type"]], event.get("date"), spans[0] if spans else None))
    detention = person.get("detention_date")
    if detention and not any(t in CUSTODY_EVENTS and d == detention for t, d, _ in events):
        events.append(("detention", detention, ev.first("detention_date")))
    places: dict[int, InstitutionRef] = {}
    standalone: list[Fact] = []
    for key, kinds, fallback in (
        ("court", COURT_EVENTS, "trial"),
        ("facility", CUSTODY_EVENTS, "detention"),
    ):
        name = person.get(key)
        if not isinstance(name, str) or not name.strip():
            continue
        clean = institution_name(name)
        ref = InstitutionRef(clean, "court" if key == "court" else facility_kind(clean))
        span = ev.first(key)
        near = _nearest(events, kinds, span, taken=places)
        if near is None:
            standalone.append(Fact("event", {"type": fallback}, span, ref, in_case=True))
        else:
            places[near] = ref
    facts = [
        Fact("event", {"type": kind, "date": date}, span, places.get(i), in_case=True)
        for i, (kind, date, span) in enumerate(events)
    ]
    return facts + standalone


def _interventions(person: dict[str, Any], text: str, published: str | None) -> list[Fact]:
    """Calls for release, dated by the report's words, else by its publication date (a
    press release makes its call the day it is published)."""
    fallback = published if published and re.fullmatch(r"\d{4}(-\d{2}){0,2}", published) else None
    facts = []
    for item in person.get("interventions") or []:
        if not isinstance(item, dict) or not isinstance(item.get("by"), str):
            continue
        spans = [s for s in (_usable(x, text) for x in item.get("evidence") or []) if s]
        value = {"kind": item.get("kind"), "by": item["by"], "date": item.get("date") or fallback}
        facts.append(Fact("intervention", value, spans[0] if spans else None))
    return facts


def _nearest(
    events: list[tuple[str, str | None, Span | None]],
    kinds: tuple[str, ...],
    span: Span | None,
    *,
    taken: dict[int, InstitutionRef],
) -> int | None:
    if span is None:
        return None
    best, best_gap = None, NEAR + 1
    for i, (kind, _, where) in enumerate(events):
        if kind not in kinds or where is None or i in taken:
            continue
        gap = max(where[0] - span[1], span[0] - where[1], 0)
        if gap < best_gap:
            best, best_gap = i, gap
    return best


def plan_person(
    person: dict[str, Any], *, position: int, text: str, published: str | None
) -> PersonPlan:
    """Turn one contract Person dict into the claims to make about it."""
    ev = Evidence(person.get("evidence"), text)
    name = person.get("name") if isinstance(person.get("name"), str) else None
    name = " ".join(name.split()) if name else None
    role = person.get("role") if person.get("role") in terms.CONTRACT_ROLES else "other"
    count = person.get("count") if isinstance(person.get("count"), int) else 1
    plan = PersonPlan(position=position, name=name or None, role=role, count=max(count, 1))
    raw: list[Fact] = []
    if plan.name:
        value = {"text": plan.name, "script": script_of(plan.name), "kind": "legal"}
        raw.append(Fact("name", value, ev.of_value("name", plan.name, 0, 1)))
    aliases = [a for a in person.get("aliases") or [] if isinstance(a, str) and a.strip()]
    for i, alias in enumerate(aliases):
        script = script_of(alias)
        kind = "alias" if not plan.name or script == script_of(plan.name) else "transliteration"
        value = {"text": alias, "script": script, "kind": kind}
        raw.append(Fact("name", value, ev.of_value("aliases", alias, i, len(aliases))))
    if plan.count > 1:
        raw.append(Fact("count", plan.count, ev.first("count")))
    for key in ("sex", "ethnicity", "status"):
        if person.get(key):
            raw.append(Fact(key, person[key], ev.first(key)))
    if isinstance(person.get("age"), int):
        raw.append(Fact("age", {"age": person["age"], "as_of": published}, ev.first("age")))
    occupations = [o for o in person.get("occupations") or [] if isinstance(o, str)]
    for i, occupation in enumerate(occupations):
        span = ev.of_value("occupations", occupation, i, len(occupations))
        raw.append(Fact("occupation", occupation, span))
    raw.extend(_events(person, ev, text))
    raw.extend(_charges(person, ev))
    if isinstance(person.get("sentence"), dict):
        raw.append(Fact("sentence", dict(person["sentence"]), ev.first("sentence"), in_case=True))
    allegations = [a for a in person.get("allegations") or [] if isinstance(a, str)]
    for i, allegation in enumerate(allegations):
        span = ev.of_value("allegations", "", i, len(allegations))
        raw.append(Fact("allegation", allegation, span))
    raw.extend(_interventions(person, text, published))
    seen: set[str] = set()
    for fact in raw:
        valid = _valid(fact)
        if valid is None:
            continue
        identity = repr((valid.field, valid.value, valid.institution))
        if identity not in seen:
            seen.add(identity)
            plan.facts.append(valid)
    plan.names = [f.value["text"] for f in plan.facts if f.field == "name"]
    return plan
