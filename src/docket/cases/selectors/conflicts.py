"""Conflicts: accepted claims that disagree on a single-valued fact."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docket.cases.fields import SPECS, describe
from docket.cases.models import Case, Person
from docket.cases.selectors._common import Evidence, accepted_claims, evidence_of, levels_for
from docket.core.audit import canonical_json

SINGLE_FIELDS = tuple(name for name, spec in SPECS.items() if spec.single or spec.group)


@dataclass(frozen=True)
class ConflictValue:
    value: Any
    text: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Conflict:
    """Two or more values for one fact of one person, each with its sources."""

    person: Person
    field: str
    label: str
    values: tuple[ConflictValue, ...]


def conflict_list(
    *, user: Any, person: Person | None = None, case: Case | None = None
) -> list[Conflict]:
    """Conflicts among the accepted claims the user may see (one person, one case, or all).

    A reader who may not see one side of a disagreement sees no conflict.
    """
    levels = levels_for(user)
    qs = (
        accepted_claims(levels)
        .filter(field__in=SINGLE_FIELDS, person__confidentiality__in=levels)
        .select_related("person")
    )
    if person is not None:
        qs = qs.filter(person=person)
    if case is not None:
        qs = qs.filter(
            person__memberships__case=case, person__memberships__confidentiality__in=levels
        ).distinct()
    groups: dict[tuple[int, str, str], dict[str, list[Any]]] = {}
    for claim in qs:
        spec = SPECS[claim.field]
        group = repr(spec.group(claim.value)) if spec.group else ""
        by_value = groups.setdefault((claim.person_id, claim.field, group), {})
        by_value.setdefault(canonical_json(claim.value), []).append(claim)
    conflicts = []
    for (_, field, _), by_value in groups.items():
        if len(by_value) < 2:
            continue
        values = [claims[0].value for claims in by_value.values()]
        agrees = SPECS[field].agrees
        if all(agrees(a, b) for i, a in enumerate(values) for b in values[i + 1 :]):
            continue
        first = next(iter(by_value.values()))[0]
        conflicts.append(
            Conflict(
                person=first.person,
                field=field,
                label=SPECS[field].label,
                values=tuple(
                    ConflictValue(
                        claims[0].value,
                        describe(field, claims[0].value),
                        tuple(evidence_of(c, levels) for c in claims),
                    )
                    for claims in by_value.values()
                ),
            )
        )
    return conflicts
