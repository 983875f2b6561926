"""A stored person in the shape of the extraction contract (../shared/schema/EXTRACTION.md),
so that what was extracted and what was stored can be scored by the same scorer."""

from __future__ import annotations

from typing import Any

from django.db.models import F

from docket.cases.models import Allegation, Case, CaseMembership, Charge, Event, Person, Sentence
from docket.cases.selectors._common import column, levels_seeing, names_ordered, visible_count
from docket.vocab import terms

COURT = frozenset({"court"})
JUDGED = frozenset({"trial", "conviction", "sentence"})


def _latest_institution(events: Any, kinds: frozenset[str], types: frozenset[str] | None) -> Any:
    qs = events.filter(institution__kind__in=kinds)
    if types is not None:
        qs = qs.filter(type__in=types)
    event = qs.order_by(F("date_upper").desc(nulls_last=True), "-id").first()
    return event.institution.name if event else None


def _sentence_dict(sentence: Sentence | None) -> dict[str, Any] | None:
    if sentence is None:
        return None
    if sentence.death:
        return {"death": True, "suspended": sentence.suspended}
    if sentence.life:
        return {"life": True}
    return {"min_months": sentence.min_months, "max_months": sentence.max_months}


def person_to_contract(*, person: Person, user: Any, case: Case | None = None) -> dict[str, Any]:
    """Return the person's projection as a contract Person dict (without `evidence`).

    Only what `user` may see is included; `role` is the person's role in `case` when
    given, else in their first visible case.
    """
    levels = levels_seeing(user, person)
    names = [n.text for n in names_ordered(person, levels)]
    memberships = CaseMembership.objects.filter(
        person=person, confidentiality__in=levels, case__confidentiality__in=levels
    ).order_by("id")
    if case is not None:
        memberships = memberships.filter(case=case)
    role = memberships.values_list("role", flat=True).first() or "other"
    events = Event.objects.filter(person=person, confidentiality__in=levels).select_related(
        "institution"
    )
    detained = (
        events.filter(type__in=("detention", "formal_arrest"), date_lower__isnull=False)
        .order_by("date_lower", "date_upper", "id")
        .first()
    )
    charges = list(Charge.objects.filter(person=person, confidentiality__in=levels).order_by("id"))
    sentences = Sentence.objects.filter(person=person, confidentiality__in=levels).order_by("id")
    sentence = (sentences.filter(case=case).first() if case else None) or sentences.first()
    allegations = Allegation.objects.filter(person=person, confidentiality__in=levels).order_by(
        "id"
    )
    return {
        "name": names[0] if names else None,
        "aliases": list(dict.fromkeys(n for n in names[1:] if n != names[0])),
        "count": visible_count(person, levels),
        "role": role if role in terms.CONTRACT_ROLES else "other",
        "sex": column(person, "sex", levels) or None,
        "age": column(person, "age", levels),
        "ethnicity": column(person, "ethnicity", levels) or None,
        "occupations": list(
            person.occupations.filter(confidentiality__in=levels)
            .order_by("id")
            .values_list("title", flat=True)
        ),
        "detention_date": detained.date if detained else None,
        # The contract's court tried or sentenced the person: an appeal court only if no other.
        "court": _latest_institution(events, COURT, JUDGED)
        or _latest_institution(events, COURT, None),
        "facility": _latest_institution(events, terms.FACILITY_KINDS, None),
        "charges": [c.text for c in charges],
        "charge_categories": list(dict.fromkeys(c.category for c in charges)),
        "sentence": _sentence_dict(sentence),
        "status": column(person, "status", levels) or None,
        "allegations": list(dict.fromkeys(a.type for a in allegations)),
        "events": [
            {"type": e.type, "date": e.date or None}
            for e in events.order_by(F("date_lower").asc(nulls_last=True), "id")
        ],
        "interventions": [
            {"kind": i.kind, "by": i.by, "date": i.date or None}
            for i in person.interventions.filter(confidentiality__in=levels).order_by(
                F("date_lower").asc(nulls_last=True), "id"
            )
        ],
    }


def case_to_contract(*, case: Case, user: Any) -> dict[str, Any]:
    """Return {"id", "title", "persons": [contract Person...]} for a case the user may see."""
    from docket.cases.selectors.cases import case_persons

    return {
        "id": case.pk,
        "title": case.title,
        "persons": [
            person_to_contract(person=p.person, user=user, case=case)
            for p in case_persons(user=user, case=case)
        ],
    }
