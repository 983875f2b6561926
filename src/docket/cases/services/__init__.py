"""Writes to case records. Every function is atomic, validated and audited."""

from docket.cases.services.claims import claim_accept, claim_create, claim_reject, claim_update
from docket.cases.services.records import (
    case_create,
    case_update,
    institution_create,
    person_create,
    person_update,
)

__all__ = [
    "case_create",
    "case_update",
    "claim_accept",
    "claim_create",
    "claim_reject",
    "claim_update",
    "institution_create",
    "person_create",
    "person_update",
]
