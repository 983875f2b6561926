"""Reads of persons: the person page's parts, each filtered by what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case as SqlCase
from django.db.models import F, IntegerField, Q, QuerySet, Value, When

from docket.cases import release
from docket.cases.fields import SPECS, describe, sentence_text
from docket.cases.models import (
    Allegation,
    CaseMembership,
    Charge,
    Event,
    Institution,
    Intervention,
    Occupation,
    Person,
    Sentence,
)
from docket.cases.selectors._common import (
    Evidence,
    Sourced,
    accepted_claims,
    column,
    display_name,
    evidence_of,
    levels_for,
    levels_seeing,
    names_ordered,
    prefetch_evidence,
    row_evidence,
)
from docket.core import edtf
from docket.core.audit import canonical_json
from docket.core.errors import NotFound
from docket.vocab import terms


def person_list(*, user: Any) -> QuerySet[Person]:
    """Persons the user may see (not those merged into another)."""
    return Person.objects.filter(
        confidentiality__in=levels_for(user), merged_into__isnull=True
    ).order_by("id")


def person_get(*, user: Any, person_id: int) -> Person:
    """Return a person the user may see, or raise NotFound (also when hidden or merged)."""
    person = person_list(user=user).filter(pk=person_id).first()
    if person is None:
        raise NotFound("person")
    return person


MAX_MERGE_HOPS = 100


def person_resolve(*, user: Any, person_id: int) -> Person:
    """The person now standing for `person_id`: itself, or the one it was merged into
    (following merges), for redirecting an old URL; NotFound if none is visible."""
    pk = person_id
    for _ in range(MAX_MERGE_HOPS):
        into = Person.objects.filter(pk=pk).values_list("merged_into_id", flat=True).first()
        if into is None:  # not merged, or no such person
            break
        pk = into
    return person_get(user=user, person_id=pk)


def person_display_name(*, user: Any, person: Person) -> str:
    return display_name(person, levels_seeing(user, person))


def person_names(*, user: Any, person: Person) -> list[Sourced]:
    """All visible names (main name first) with script, kind and evidence."""
    levels = levels_seeing(user, person)
    names = names_ordered(person, levels)
    evidence = {
        n.pk: row_evidence(n, levels)
        for n in person.names.filter(pk__in=[n.pk for n in names]).prefetch_related(
            prefetch_evidence(levels)
        )
    }
    return [Sourced(n, n.text, evidence[n.pk]) for n in names]


def _rows(qs: QuerySet, levels: frozenset[str]) -> QuerySet:
    return qs.filter(confidentiality__in=levels).prefetch_related(prefetch_evidence(levels))


def person_occupations(*, user: Any, person: Person) -> list[Sourced]:
    levels = levels_seeing(user, person)
    qs = _rows(Occupation.objects.filter(person=person), levels).order_by("id")
    return [Sourced(o, o.title, row_evidence(o, levels)) for o in qs]


def person_charges(*, user: Any, person: Person) -> list[Sourced]:
    """Charges as quoted; `text` adds the category label."""
    levels = levels_seeing(user, person)
    qs = _rows(Charge.objects.filter(person=person), levels).order_by("id")
    labels = terms.charge_category_labels()
    return [
        Sourced(c, f"{c.text} ({terms.label(labels, c.category)})", row_evidence(c, levels))
        for c in qs
    ]


def person_allegations(*, user: Any, person: Person) -> list[Sourced]:
    levels = levels_seeing(user, person)
    qs = _rows(Allegation.objects.filter(person=person), levels).order_by("id")
    return [
        Sourced(a, terms.label(terms.ALLEGATION_TYPES, a.type), row_evidence(a, levels)) for a in qs
    ]


def person_interventions(*, user: Any, person: Person) -> list[Sourced]:
    """Interventions for the person or for any visible case the person belongs to."""
    levels = levels_seeing(user, person)
    case_ids = CaseMembership.objects.filter(
        person=person, confidentiality__in=levels, case__confidentiality__in=levels
    ).values("case_id")
    qs = _rows(
        Intervention.objects.filter(person=person) | Intervention.objects.filter(case__in=case_ids),
        levels,
    ).order_by(F("date_lower").asc(nulls_last=True), "id")
    out = []
    for i in qs.distinct():
        when = edtf.parse(i.date).human() if i.date else "date unknown"
        kind = terms.label(terms.INTERVENTION_KINDS, i.kind)
        out.append(Sourced(i, f"{kind} by {i.by}, {when}", row_evidence(i, levels)))
    return out


@dataclass(frozen=True)
class TimelineEntry:
    """One event on a person's timeline, with its date told honestly."""

    event: Event
    type: str
    label: str
    date: str  # EDTF, "" when unknown
    date_text: str  # "January 2024", "2010-2016", "before 2019", "date unknown"
    institution: Institution | None
    place: str
    evidence: tuple[Evidence, ...]


def events_ordered(qs: QuerySet[Event]) -> QuerySet[Event]:
    """Sort events in SQL by date bounds; open starts first, undated events last."""
    return qs.annotate(
        undated=SqlCase(When(date="", then=Value(1)), default=Value(0), output_field=IntegerField())
    ).order_by(
        "undated", F("date_lower").asc(nulls_first=True), F("date_upper").asc(nulls_last=True), "id"
    )


def person_timeline(*, user: Any, person: Person) -> list[TimelineEntry]:
    """The person's visible events in date order."""
    levels = levels_seeing(user, person)
    qs = events_ordered(_rows(Event.objects.filter(person=person), levels)).select_related(
        "institution"
    )
    return [
        TimelineEntry(
            event=e,
            type=e.type,
            label=terms.label(terms.EVENT_TYPES, e.type),
            date=e.date,
            date_text=edtf.parse(e.date).human() if e.date else "date unknown",
            institution=e.institution,
            place=e.place,
            evidence=row_evidence(e, levels),
        )
        for e in qs
    ]


@dataclass(frozen=True)
class SentenceView:
    """A sentence with its computed expected release (None: unknowable, see note)."""

    sentence: Sentence
    text: str
    expected_release: release.ExpectedRelease | None
    release_note: str
    evidence: tuple[Evidence, ...]


def _start_of_term(sentence: Sentence, levels: frozenset[str]) -> tuple[str | None, str]:
    """The date a term counts from: its own start, else detention, else conviction."""
    if sentence.start:
        return sentence.start, release.START
    events = Event.objects.filter(
        person_id=sentence.person_id, confidentiality__in=levels, date_lower__isnull=False
    )
    if sentence.case_id:
        events = events.filter(Q(case_id=sentence.case_id) | Q(case__isnull=True))
    for types, basis in (
        (("detention", "formal_arrest"), release.DETENTION),
        (("conviction", "sentence"), release.CONVICTION),
    ):
        first = events.filter(type__in=types).order_by("date_lower", "date_upper", "id").first()
        if first is not None:
            return first.date, basis
    return None, ""


def sentence_view(sentence: Sentence, levels: frozenset[str]) -> SentenceView:
    start, basis = _start_of_term(sentence, levels)
    expected = release.expected_release(
        min_months=sentence.min_months,
        max_months=sentence.max_months,
        life=sentence.life,
        death=sentence.death,
        start=start,
        basis=basis,
    )
    if expected is not None:
        note = expected.note
    elif sentence.life or sentence.death:
        note = "no release date for this sentence"
    else:
        note = "unknown: no date of detention, conviction or start of term is known"
    value = {
        "min_months": sentence.min_months,
        "max_months": sentence.max_months,
        "life": sentence.life,
        "death": sentence.death,
        "suspended": sentence.suspended,
    }
    return SentenceView(
        sentence, sentence_text(value), expected, note, row_evidence(sentence, levels)
    )


def person_sentences(*, user: Any, person: Person) -> list[SentenceView]:
    """Visible sentences, each with its expected release date computed for this reader."""
    levels = levels_seeing(user, person)
    qs = _rows(Sentence.objects.filter(person=person), levels).order_by("id")
    return [sentence_view(s, levels) for s in qs]


@dataclass(frozen=True)
class Fact:
    """One value of one field, as the accepted claims the user may see state it."""

    field: str
    label: str
    value: Any
    text: str
    evidence: tuple[Evidence, ...]
    in_conflict: bool = False


_FIELD_ORDER = {name: i for i, name in enumerate(SPECS)}


def person_facts(*, user: Any, person: Person, fields: tuple[str, ...] = ()) -> list[Fact]:
    """Every visible fact about the person, one per field and value, with all its evidence."""
    from docket.cases.selectors.conflicts import conflict_list

    levels = levels_seeing(user, person)
    qs = accepted_claims(levels).filter(person=person)
    if fields:
        qs = qs.filter(field__in=fields)
    grouped: dict[tuple[str, str], list[Any]] = {}
    for claim in qs:
        grouped.setdefault((claim.field, canonical_json(claim.value)), []).append(claim)
    conflicted = {
        (c.field, canonical_json(v.value))
        for c in conflict_list(user=user, person=person)
        for v in c.values
    }
    facts = [
        Fact(
            field=field,
            label=SPECS[field].label if field in SPECS else field,
            value=claims[0].value,
            text=describe(field, claims[0].value),
            evidence=tuple(evidence_of(c, levels) for c in claims),
            in_conflict=(field, key) in conflicted,
        )
        for (field, key), claims in grouped.items()
    ]
    return sorted(facts, key=lambda f: (_FIELD_ORDER.get(f.field, 99), f.text))


@dataclass(frozen=True)
class PersonSummary:
    """The single-valued facts of a person that the user may see (None: unknown or hidden)."""

    person: Person
    name: str
    count: int
    sex: str | None
    age: int | None
    age_as_of: str | None
    birth_year: int | None
    ethnicity: str | None
    religion: str | None
    status: str | None


def person_summary(*, user: Any, person: Person) -> PersonSummary:
    levels = levels_seeing(user, person)
    age = column(person, "age", levels)
    return PersonSummary(
        person=person,
        name=display_name(person, levels),
        count=person.count if person.count_level in levels else 1,
        sex=column(person, "sex", levels) or None,
        age=age,
        age_as_of=(person.age_as_of or None) if age is not None else None,
        birth_year=column(person, "birth_year", levels),
        ethnicity=column(person, "ethnicity", levels) or None,
        religion=column(person, "religion", levels) or None,
        status=column(person, "status", levels) or None,
    )


@dataclass(frozen=True)
class PersonPage:
    """Everything the person page shows, for one reader."""

    summary: PersonSummary
    names: list[Sourced]
    occupations: list[Sourced]
    timeline: list[TimelineEntry]
    charges: list[Sourced]
    sentences: list[SentenceView]
    allegations: list[Sourced]
    interventions: list[Sourced]
    facts: list[Fact]
    cases: list[Any]  # CasePerson: the person's role in each case
    codefendants: list[Any]  # CasePerson
    conflicts: list[Any]  # Conflict


def person_page(*, user: Any, person_id: int) -> PersonPage:
    """Return the person page's contents, or raise NotFound."""
    from docket.cases.selectors.cases import person_cases, person_codefendants
    from docket.cases.selectors.conflicts import conflict_list

    person = person_get(user=user, person_id=person_id)
    return PersonPage(
        summary=person_summary(user=user, person=person),
        names=person_names(user=user, person=person),
        occupations=person_occupations(user=user, person=person),
        timeline=person_timeline(user=user, person=person),
        charges=person_charges(user=user, person=person),
        sentences=person_sentences(user=user, person=person),
        allegations=person_allegations(user=user, person=person),
        interventions=person_interventions(user=user, person=person),
        facts=person_facts(user=user, person=person),
        cases=person_cases(user=user, person=person),
        codefendants=person_codefendants(user=user, person=person),
        conflicts=conflict_list(user=user, person=person),
    )
