"""Controlled vocabularies: ids with labels, and the checks services use.

Sources are noted in data/README.md. Ids are stable (stored in the database and in
the extraction contract); labels are for people and may change.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from docket.core.errors import field_error

ALLEGATION_TYPES = MappingProxyType(
    {
        "torture": "Torture",
        "ill_treatment": "Ill-treatment",
        "coerced_confession": "Coerced confession",
        "incommunicado": "Incommunicado detention",
        "denied_counsel": "Denied counsel",
        "family_not_notified": "Family not notified",
        "enforced_disappearance": "Enforced disappearance",
        "unfair_trial": "Unfair trial",
        "death_in_custody": "Death in custody",
        "denied_medical_care": "Denied medical care",
        "foreign_ties": "Targeted for foreign ties",
    }
)

EVENT_TYPES = MappingProxyType(
    {
        "detention": "Detention",
        "formal_arrest": "Formal arrest",
        "charge": "Charged",
        "trial": "Trial",
        "conviction": "Conviction",
        "sentence": "Sentenced",
        "appeal": "Appeal",
        "transfer": "Transfer",
        "release": "Release",
        # The end of a term as the authorities state it (not computed, unlike the
        # expected release date of a sentence).
        "sentence_end": "Sentence ends (official date)",
        "death": "Death",
        "disappearance": "Disappearance",
        "family_notification": "Family notified",
        "interrogation": "Interrogation",
        "alleged_torture": "Alleged torture",
        # Not a step of detention, but often its stated reason (foreign-ties cases).
        "stay_abroad": "Lived, studied or travelled abroad",
        "other": "Other",
    }
)

# Event types that start or continue custody, and those that are court decisions.
CUSTODY_EVENTS = frozenset({"detention", "formal_arrest", "transfer", "interrogation"})
COURT_EVENTS = frozenset({"trial", "conviction", "sentence", "appeal"})

INSTITUTION_KINDS = MappingProxyType(
    {
        "court": "Court",
        "detention_facility": "Detention facility",
        "prison": "Prison",
        "camp": "Camp",
        "police": "Police or security bureau",
    }
)
FACILITY_KINDS = frozenset({"detention_facility", "prison", "camp", "police"})

PERSON_ROLES = MappingProxyType(
    {
        "victim": "Victim",
        "perpetrator": "Perpetrator",
        "source": "Source",
        "relative": "Relative",
        "witness": "Witness",
        "advocate": "Advocate",
        "other": "Other",
    }
)
# DESIGN.md: identities of sources, relatives and witnesses are restricted by default.
RESTRICTED_ROLES = frozenset({"source", "relative", "witness"})
# The extraction contract knows fewer roles; the others map to "other".
CONTRACT_ROLES = frozenset({"victim", "perpetrator", "source", "relative", "other"})

NAME_KINDS = MappingProxyType(
    {
        "legal": "Legal name",
        "religious": "Religious name",
        "pen": "Pen name",
        "alias": "Alias",
        "transliteration": "Transliteration",
    }
)

SCRIPTS = MappingProxyType(
    {
        "Latn": "Latin",
        "Arab": "Arabic",
        "Hans": "Chinese (simplified)",
        "Cyrl": "Cyrillic",
        "Tibt": "Tibetan",
    }
)

PERSON_STATUSES = MappingProxyType(
    {
        "detained": "Detained",
        "sentenced": "Sentenced",
        "released": "Released",
        "deceased": "Deceased",
        "disappeared": "Disappeared",
        "unknown": "Unknown",
    }
)

SEXES = MappingProxyType({"male": "Male", "female": "Female"})

CASE_STATUSES = MappingProxyType({"open": "Open", "closed": "Closed"})

INTERVENTION_KINDS = MappingProxyType(
    {
        "call_for_release": "Call for release",
        "un_communication": "UN communication",
        "appeal": "Appeal",
        "statement": "Public statement",
        "letter": "Letter",
        "other": "Other",
    }
)

REVIEW_STATUSES = MappingProxyType(
    {"suggested": "Suggested", "accepted": "Accepted", "rejected": "Rejected"}
)
VERACITIES = MappingProxyType(
    {"alleged": "Alleged", "confirmed": "Confirmed", "disputed": "Disputed"}
)

# Canonical English spellings (the extraction contract: "Uighur" becomes "Uyghur").
ETHNICITY_SPELLINGS = MappingProxyType(
    {
        "uyghur": "Uyghur",
        "uighur": "Uyghur",
        "uigur": "Uyghur",
        "tibetan": "Tibetan",
        "kazakh": "Kazakh",
        "kazak": "Kazakh",
        "kyrgyz": "Kyrgyz",
        "kirghiz": "Kyrgyz",
        "han": "Han",
        "hui": "Hui",
        "mongol": "Mongol",
        "mongolian": "Mongol",
        "uzbek": "Uzbek",
        "tajik": "Tajik",
        "manchu": "Manchu",
        "zhuang": "Zhuang",
    }
)


@dataclass(frozen=True)
class ChargeCategory:
    id: str
    label: str
    cues: tuple[str, ...]
    statutes: MappingProxyType[str, tuple[str, ...]]


@cache
def charge_categories() -> MappingProxyType[str, ChargeCategory]:
    """Return the charge categories of data/charge_categories.json, by id."""
    raw: dict[str, Any] = json.loads(
        resources.files("docket.vocab").joinpath("data/charge_categories.json").read_text("utf-8")
    )
    return MappingProxyType(
        {
            c["id"]: ChargeCategory(
                id=c["id"],
                label=c["label"],
                cues=tuple(c["cues"]),
                statutes=MappingProxyType({k: tuple(v) for k, v in c["statutes"].items()}),
            )
            for c in raw["categories"]
        }
    )


def charge_category_labels() -> MappingProxyType[str, str]:
    return MappingProxyType({k: c.label for k, c in charge_categories().items()})


def check(vocabulary: Mapping[str, str], value: Any, *, field: str, what: str) -> str:
    """Return `value` if it is an id of `vocabulary`; otherwise raise a clear ApplicationError."""
    if isinstance(value, str) and value in vocabulary:
        return value
    known = ", ".join(vocabulary)
    raise field_error(field, f"unknown {what} '{value}'; known: {known}", code="unknown_term")


def canonical_ethnicity(value: Any, *, field: str = "ethnicity") -> str:
    """Return the canonical spelling of an ethnicity ("Uighur" -> "Uyghur"); free text allowed."""
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        raise field_error(field, "an ethnicity is text of 1 to 100 characters")
    text = " ".join(value.split())
    return ETHNICITY_SPELLINGS.get(text.casefold(), text)


def label(vocabulary: Mapping[str, str], value: str) -> str:
    """Return the label of `value`, or the value itself when unknown (old data)."""
    return vocabulary.get(value, value)
