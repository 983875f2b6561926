"""Writes to case records. Every function is atomic, validated and audited."""

from docket.cases.services.bulk import (
    BulkResult,
    ClaimInput,
    IdentifierInput,
    PersonClaims,
    RecordResult,
    claims_bulk_create,
)
from docket.cases.services.claims import (
    claim_accept,
    claim_create,
    claim_reject,
    claim_update,
    conflict_resolve,
)
from docket.cases.services.merges import duplicate_dismiss, person_merge, person_unmerge
from docket.cases.services.records import (
    CaseInput,
    case_create,
    case_create_many,
    case_update,
    institution_create,
    person_create,
    person_update,
)

__all__ = [
    "BulkResult",
    "CaseInput",
    "ClaimInput",
    "IdentifierInput",
    "PersonClaims",
    "RecordResult",
    "case_create",
    "case_create_many",
    "case_update",
    "claim_accept",
    "claim_create",
    "claim_reject",
    "claim_update",
    "claims_bulk_create",
    "conflict_resolve",
    "duplicate_dismiss",
    "institution_create",
    "person_create",
    "person_merge",
    "person_unmerge",
    "person_update",
]
