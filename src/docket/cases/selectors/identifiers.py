"""Reads of external identifiers (a person's number in another database)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docket.accounts.roles import SUGGEST, require
from docket.cases.models import Person, PersonIdentifier
from docket.cases.selectors._common import levels_for
from docket.core.errors import NotFound


@dataclass(frozen=True)
class IdentifierState:
    """Where an identifier points, and what the last import of its record left."""

    person_id: int
    fingerprint: str
    source_id: int | None


def identifier_index(*, user: Any, scheme: str) -> dict[str, IdentifierState]:
    """Every identifier of `scheme` by value, for importers (needs the right to suggest).

    It covers persons the user may not see, so that an import never duplicates them; it
    gives ids only, no facts.
    """
    require(user, SUGGEST)
    rows = PersonIdentifier.objects.filter(scheme=scheme).values_list(
        "value", "person_id", "fingerprint", "source_id"
    )
    return {value: IdentifierState(pid, fp, sid) for value, pid, fp, sid in rows}


def person_by_identifier(*, user: Any, scheme: str, value: str) -> Person:
    """The visible person with this identifier, or NotFound."""
    person = Person.objects.filter(
        identifiers__scheme=scheme,
        identifiers__value=value,
        confidentiality__in=levels_for(user),
        merged_into__isnull=True,
    ).first()
    if person is None:
        raise NotFound("person")
    return person
