"""Reads of cases: the filtered list, one case, its persons, co-defendants."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from docket.cases.models import Case, CaseMembership, Charge, Event, Institution, Person
from docket.cases.selectors._common import (
    Sourced,
    display_name,
    levels_for,
    levels_seeing,
    prefetch_evidence,
    row_evidence,
    visible_count,
)
from docket.core.dates import q_overlaps
from docket.core.errors import NotFound, field_error
from docket.vocab import terms


def _institution_q(value: int | str, kinds: frozenset[str]) -> Q:
    q = Q(institution__kind__in=kinds)
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        return q & Q(institution_id=int(value))
    return q & Q(institution__name__iexact=value)


def case_list(
    *,
    user: Any,
    status: str | None = None,
    case_status: str | None = None,
    ethnicity: str | None = None,
    charge_category: str | None = None,
    court: int | str | None = None,
    facility: int | str | None = None,
    year: int | str | None = None,
) -> QuerySet[Case]:
    """Cases the user may see, newest first, filtered by facts the user may see.

    `status` and `ethnicity` match a person of the case; `charge_category` a charge of one
    of its persons; `court` and `facility` (institution id or name) and `year` an event of
    one of its persons (a vague date matches every year it may fall in: "2010/2016"
    matches 2012). `case_status` is the case's own open/closed state.
    """
    levels = list(levels_for(user))
    qs = Case.objects.filter(confidentiality__in=levels)
    if case_status:
        qs = qs.filter(
            status=terms.check(
                terms.CASE_STATUSES, case_status, field="case_status", what="case status"
            )
        )
    members = CaseMembership.objects.filter(
        case=OuterRef("pk"), confidentiality__in=levels, person__confidentiality__in=levels
    )
    if status:
        terms.check(terms.PERSON_STATUSES, status, field="status", what="status")
        qs = qs.filter(
            Exists(members.filter(person__status=status, person__status_level__in=levels))
        )
    if ethnicity:
        wanted = terms.canonical_ethnicity(ethnicity)
        qs = qs.filter(
            Exists(
                members.filter(person__ethnicity__iexact=wanted, person__ethnicity_level__in=levels)
            )
        )
    # Facts of any visible person with a visible membership in the (outer) case.
    of_case = {
        "person__memberships__case": OuterRef("pk"),
        "person__memberships__confidentiality__in": levels,
        "person__confidentiality__in": levels,
        "confidentiality__in": levels,
    }
    if charge_category:
        if charge_category not in terms.charge_categories():
            known = ", ".join(terms.charge_categories())
            raise field_error(
                "charge_category", f"unknown charge category '{charge_category}'; known: {known}"
            )
        qs = qs.filter(Exists(Charge.objects.filter(category=charge_category, **of_case)))
    events = Event.objects.filter(**of_case)
    if court:
        qs = qs.filter(Exists(events.filter(_institution_q(court, frozenset({"court"})))))
    if facility:
        qs = qs.filter(Exists(events.filter(_institution_q(facility, terms.FACILITY_KINDS))))
    if year:
        if not str(year).isdigit() or len(str(year)) != 4:
            raise field_error("year", f"year must be four digits, not '{year}'")
        qs = qs.filter(Exists(events.filter(q_overlaps("date", str(year)))))
    return qs.order_by("-created_at", "-id")


def case_count(*, user: Any, **filters: Any) -> int:
    return case_list(user=user, **filters).count()


def case_get(*, user: Any, case_id: int) -> Case:
    """Return a case the user may see, or raise NotFound (also when hidden)."""
    case = Case.objects.filter(pk=case_id, confidentiality__in=levels_for(user)).first()
    if case is None:
        raise NotFound("case")
    return case


@dataclass(frozen=True)
class CasePerson:
    """A visible person of a case, with the role and the name the user may see."""

    person: Person
    case: Case
    role: str
    role_label: str
    name: str
    count: int


_ROLE_ORDER = {role: i for i, role in enumerate(terms.PERSON_ROLES)}


def case_persons(*, user: Any, case: Case) -> list[CasePerson]:
    """The persons of a case the user may see, victims first."""
    levels = levels_for(user)
    if case.confidentiality not in levels:
        raise NotFound("case")
    memberships = (
        CaseMembership.objects.filter(
            case=case, confidentiality__in=levels, person__confidentiality__in=levels
        )
        .select_related("person")
        .order_by("id")
    )
    rows = [
        CasePerson(
            person=m.person,
            case=case,
            role=m.role,
            role_label=terms.label(terms.PERSON_ROLES, m.role),
            name=display_name(m.person, levels),
            count=visible_count(m.person, levels),
        )
        for m in memberships
    ]
    return sorted(rows, key=lambda r: _ROLE_ORDER.get(r.role, 99))


def _memberships(person: Person, levels: frozenset[str]) -> QuerySet[CaseMembership]:
    """The person's visible memberships of visible cases, oldest first."""
    return (
        CaseMembership.objects.filter(
            person=person, confidentiality__in=levels, case__confidentiality__in=levels
        )
        .select_related("case")
        .order_by("id")
    )


def person_cases(*, user: Any, person: Person) -> list[CasePerson]:
    """The visible cases a person belongs to, with the person's role in each."""
    levels = levels_seeing(user, person)
    memberships = _memberships(person, levels)
    name = display_name(person, levels)
    count = visible_count(person, levels)
    return [
        CasePerson(person, m.case, m.role, terms.label(terms.PERSON_ROLES, m.role), name, count)
        for m in memberships
    ]


def person_codefendants(*, user: Any, person: Person) -> list[CasePerson]:
    """Other victims in the visible cases where the person is a victim."""
    out: list[CasePerson] = []
    seen: set[tuple[int, int]] = set()
    for mine in person_cases(user=user, person=person):
        if mine.role != "victim":
            continue
        for other in case_persons(user=user, case=mine.case):
            key = (other.person.pk, other.case.pk)
            if other.person.pk != person.pk and other.role == "victim" and key not in seen:
                seen.add(key)
                out.append(other)
    return out


@dataclass(frozen=True)
class CaseFilterChoices:
    """Values the case list can be filtered by, taken from what the user may see."""

    statuses: tuple[tuple[str, str], ...]
    case_statuses: tuple[tuple[str, str], ...]
    ethnicities: tuple[str, ...]
    charge_categories: tuple[tuple[str, str], ...]
    courts: tuple[Institution, ...]
    facilities: tuple[Institution, ...]
    years: tuple[int, ...]


def case_filter_choices(*, user: Any) -> CaseFilterChoices:
    levels = list(levels_for(user))
    persons = Person.objects.filter(
        confidentiality__in=levels,
        memberships__confidentiality__in=levels,
        memberships__case__confidentiality__in=levels,
    )
    ethnicities = persons.filter(ethnicity_level__in=levels).exclude(ethnicity="")
    events = Event.objects.filter(confidentiality__in=levels, person__in=persons)
    used = set(
        Charge.objects.filter(confidentiality__in=levels, person__in=persons).values_list(
            "category", flat=True
        )
    )
    labels = terms.charge_category_labels()
    institutions = Institution.objects.filter(events__in=events).distinct().order_by("name")
    years: set[int] = set()
    for lower, upper in (
        events.exclude(date_lower=None)
        .exclude(date_upper=None)
        .values_list("date_lower", "date_upper")
    ):
        if upper.year - lower.year <= 50:
            years.update(range(lower.year, upper.year + 1))
    return CaseFilterChoices(
        statuses=tuple(terms.PERSON_STATUSES.items()),
        case_statuses=tuple(terms.CASE_STATUSES.items()),
        ethnicities=tuple(sorted(set(ethnicities.values_list("ethnicity", flat=True)))),
        charge_categories=tuple((c, labels[c]) for c in labels if c in used),
        courts=tuple(i for i in institutions if i.kind == "court"),
        facilities=tuple(i for i in institutions if i.kind in terms.FACILITY_KINDS),
        years=tuple(sorted(years)),
    )


def person_memberships(*, user: Any, person: Person) -> list[Sourced]:
    """The person's part in each visible case, with the evidence for it."""
    levels = levels_seeing(user, person)
    memberships = _memberships(person, levels).prefetch_related(prefetch_evidence(levels))
    return [
        Sourced(m, terms.label(terms.PERSON_ROLES, m.role), row_evidence(m, levels))
        for m in memberships
    ]
