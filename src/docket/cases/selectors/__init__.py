"""Reads of case records. Every selector takes the acting user (None = the public) and
returns only what that user may see."""

from docket.cases.selectors._common import Evidence, Sourced, claims_visible
from docket.cases.selectors.cases import (
    CaseFilterChoices,
    CasePerson,
    case_count,
    case_filter_choices,
    case_get,
    case_list,
    case_persons,
    person_cases,
    person_codefendants,
)
from docket.cases.selectors.claims import claim_evidence, claim_get, claim_list
from docket.cases.selectors.conflicts import Conflict, ConflictValue, conflict_list
from docket.cases.selectors.contract import case_to_contract, person_to_contract
from docket.cases.selectors.duplicates import (
    DuplicatePair,
    NameScorer,
    SpellingScorer,
    duplicate_candidates,
)
from docket.cases.selectors.identifiers import (
    IdentifierState,
    identifier_index,
    person_by_identifier,
)
from docket.cases.selectors.institutions import institution_get, institution_list
from docket.cases.selectors.merges import merge_list
from docket.cases.selectors.persons import (
    Fact,
    PersonPage,
    PersonSummary,
    SentenceView,
    TimelineEntry,
    person_allegations,
    person_charges,
    person_display_name,
    person_facts,
    person_get,
    person_interventions,
    person_list,
    person_names,
    person_occupations,
    person_page,
    person_resolve,
    person_sentences,
    person_summary,
    person_timeline,
)

__all__ = [
    "CaseFilterChoices",
    "CasePerson",
    "Conflict",
    "ConflictValue",
    "DuplicatePair",
    "Evidence",
    "Fact",
    "IdentifierState",
    "NameScorer",
    "PersonPage",
    "PersonSummary",
    "SentenceView",
    "Sourced",
    "SpellingScorer",
    "TimelineEntry",
    "case_count",
    "case_filter_choices",
    "case_get",
    "case_list",
    "case_persons",
    "case_to_contract",
    "claim_evidence",
    "claim_get",
    "claim_list",
    "claims_visible",
    "conflict_list",
    "duplicate_candidates",
    "identifier_index",
    "institution_get",
    "institution_list",
    "merge_list",
    "person_allegations",
    "person_by_identifier",
    "person_cases",
    "person_charges",
    "person_codefendants",
    "person_display_name",
    "person_facts",
    "person_get",
    "person_interventions",
    "person_list",
    "person_names",
    "person_occupations",
    "person_page",
    "person_resolve",
    "person_sentences",
    "person_summary",
    "person_timeline",
    "person_to_contract",
]
