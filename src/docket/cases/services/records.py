"""Create and edit the record shells: persons, cases, institutions."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from docket.accounts.roles import REVIEW, SUGGEST, can, require
from docket.cases.models import Case, Institution, Person
from docket.cases.services._common import check_level, default_level, hidden_keys, text_input
from docket.cases.services.claims import claim_create
from docket.core.audit import Actor, AuditEntry, audit_record, audit_record_many
from docket.core.confidentiality import Level
from docket.core.errors import field_error
from docket.vocab import terms

logger = logging.getLogger(__name__)

MAX_TITLE = 300
MAX_DESCRIPTION = 10_000
CASE_SECRETS = ("title", "description")


@transaction.atomic
def person_create(
    *,
    actor: Actor,
    confidentiality: str | None = None,
    role: str | None = None,
    name: str | dict[str, Any] | None = None,
) -> Person:
    """Create a person; `role` only sets the default confidentiality, `name` adds a name claim.

    The name claim (made by the actor, without a source) is accepted when the actor may
    review, else left suggested.
    """
    require(actor, SUGGEST)
    if role is not None:
        terms.check(terms.PERSON_ROLES, role, field="role", what="role")
    level = check_level(confidentiality or default_level(role))
    person = Person.objects.create(confidentiality=level)
    audit_record(
        actor=actor, action="person.create", entity=person, after={"confidentiality": level}
    )
    if name is not None:
        claim_create(
            actor=actor, person=person, field="name", value=name, accept=can(actor, REVIEW)
        )
    logger.debug("person %s created", person.pk)
    return person


@transaction.atomic
def person_update(*, actor: Actor, person: Person, confidentiality: str) -> Person:
    """Change who may see that a person exists at all."""
    require(actor, REVIEW)
    before = {"confidentiality": person.confidentiality}
    person.confidentiality = check_level(confidentiality)
    person.save(update_fields=["confidentiality", "updated_at"])
    audit_record(
        actor=actor,
        action="person.update",
        entity=person,
        before=before,
        after={"confidentiality": person.confidentiality},
    )
    return person


def _case_state(case: Case) -> dict[str, Any]:
    return {
        "title": case.title,
        "status": case.status,
        "description": case.description,
        "confidentiality": case.confidentiality,
    }


@dataclass(frozen=True)
class CaseInput:
    """One case for `case_create_many`: the arguments of `case_create`."""

    title: str
    status: str = "open"
    description: str = ""
    confidentiality: str = Level.INTERNAL


def _new_case(item: CaseInput) -> Case:
    return Case(
        title=text_input(item.title, "title", MAX_TITLE, required=True),
        status=terms.check(terms.CASE_STATUSES, item.status, field="status", what="case status"),
        description=text_input(item.description, "description", MAX_DESCRIPTION, required=False),
        confidentiality=check_level(item.confidentiality),
    )


def _case_entry(case: Case) -> AuditEntry:
    state = _case_state(case)
    return AuditEntry(
        action="case.create",
        entity=case,
        after=state,
        restricted=hidden_keys(state, keys=CASE_SECRETS),
    )


@transaction.atomic
def case_create_many(*, actor: Actor, cases: Sequence[CaseInput]) -> list[Case]:
    """Create many cases in one insert (one audit event each), in input order."""
    require(actor, SUGGEST)
    made = [_new_case(item) for item in cases]
    Case.objects.bulk_create(made)
    audit_record_many(actor=actor, entries=[_case_entry(case) for case in made])
    logger.debug("%d cases created", len(made))
    return made


@transaction.atomic
def case_create(
    *,
    actor: Actor,
    title: str,
    status: str = "open",
    description: str = "",
    confidentiality: str = Level.INTERNAL,
) -> Case:
    """Create a case that groups persons (memberships are claims: field "membership")."""
    item = CaseInput(title, status, description, confidentiality)
    return case_create_many(actor=actor, cases=[item])[0]


@transaction.atomic
def case_update(
    *,
    actor: Actor,
    case: Case,
    title: str | None = None,
    status: str | None = None,
    description: str | None = None,
    confidentiality: str | None = None,
) -> Case:
    """Change a case's title, status, description or confidentiality."""
    require(actor, REVIEW)
    before = _case_state(case)
    if title is not None:
        case.title = text_input(title, "title", MAX_TITLE, required=True)
    if status is not None:
        case.status = terms.check(terms.CASE_STATUSES, status, field="status", what="case status")
    if description is not None:
        case.description = text_input(description, "description", MAX_DESCRIPTION, required=False)
    if confidentiality is not None:
        case.confidentiality = check_level(confidentiality)
    case.save()
    after = _case_state(case)
    audit_record(
        actor=actor,
        action="case.update",
        entity=case,
        before=before,
        after=after,
        restricted=hidden_keys(before, after, keys=CASE_SECRETS),
    )
    return case


@transaction.atomic
def institution_create(
    *,
    actor: Actor,
    name: str,
    kind: str,
    country: str = "",
    region: str = "",
    city: str = "",
    exist_ok: bool = True,
) -> Institution:
    """Create a court, facility, prison, camp or police bureau (or return the same one)."""
    require(actor, SUGGEST)
    name = " ".join(text_input(name, "name", 300, required=True).split())
    kind = terms.check(terms.INSTITUTION_KINDS, kind, field="kind", what="institution kind")
    place = {
        "country": text_input(country, "country", 100, required=False),
        "region": text_input(region, "region", 100, required=False),
        "city": text_input(city, "city", 100, required=False),
    }
    existing = Institution.objects.filter(name=name, kind=kind).first()
    if existing is not None:
        if not exist_ok:
            raise field_error("name", f"{kind} '{name}' exists already", code="exists")
        return existing
    institution = Institution.objects.create(name=name, kind=kind, **place)
    audit_record(
        actor=actor,
        action="institution.create",
        entity=institution,
        after={"name": name, "kind": kind, **place},
    )
    return institution
