"""Demo records, entered by hand through the services from one press release.

`demo_load` stores the release as a Source, then records each fact as an accepted claim
citing the words that support it (their span is found in the text at load time). It
runs once: when the source is stored already, nothing is added. The ingest issue will
replace this hand entry with real ingestion.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib import resources
from typing import Any

from django.db import transaction

from docket.cases.models import Case, Person
from docket.cases.services import case_create, claim_create, institution_create, person_create
from docket.core.audit import Actor
from docket.core.confidentiality import Level
from docket.evidence.services import source_create

logger = logging.getLogger(__name__)

SOURCE_FILE = "data/demo_hrw_ikram_nurmehmet.txt"
COURT = "Urumqi Intermediate People's Court"
FACILITY = "Urumqi No. 1 Detention Center"
XINJIANG = {"country": "China", "region": "Xinjiang", "city": "Urumqi"}


@dataclass(frozen=True)
class DemoLoad:
    """What `demo_load` did: `created` is False when the demo data was there already."""

    created: bool
    source_id: int
    case_ids: tuple[int, ...]
    person_ids: tuple[int, ...]


def demo_text() -> str:
    return resources.files("docket.ingest").joinpath(SOURCE_FILE).read_text("utf-8")


@transaction.atomic
def demo_load(*, actor: Actor = "system:demo") -> DemoLoad:
    """Load the demo case once (source, institutions, cases, persons, claims)."""
    stored = source_create(
        actor=actor,
        text=demo_text(),
        title="Human Rights Watch press release on Ikram Nurmehmet",
        publisher="Human Rights Watch",
        published="2024",
        filename="demo_hrw_ikram_nurmehmet.txt",
        media_type="text/plain",
        confidentiality=Level.PUBLIC,
    )
    source = stored.source
    if not stored.created:
        return DemoLoad(False, source.pk, (), ())

    def fact(subject: Person | Case, field: str, value: Any, quote: str) -> None:
        kind = "person" if isinstance(subject, Person) else "case"
        claim_create(
            actor=actor, field=field, value=value, source=source, quote=quote, accept=True,
            **{kind: subject},
        )  # fmt: skip

    court = institution_create(actor=actor, name=COURT, kind="court", **XINJIANG)
    facility = institution_create(actor=actor, name=FACILITY, kind="detention_facility", **XINJIANG)
    trial = case_create(
        actor=actor, title="Ikram Nurmehmet and four co-defendants", confidentiality=Level.PUBLIC
    )
    partners_case = case_create(
        actor=actor, title="Tahir Imin's six business partners", confidentiality=Level.PUBLIC
    )

    ikram = person_create(actor=actor, confidentiality=Level.PUBLIC)
    for field, value, quote in (
        ("name", {"text": "Ikram Nurmehmet", "script": "Latn", "kind": "legal"}, "Ikram Nurmehmet"),
        ("membership", {"case": trial.pk, "role": "victim"}, "in connection to Nurmehmet's case"),
        ("sex", "male", "while he was studying"),
        ("age", {"age": 33, "as_of": "2024"}, "Nurmehmet, 33"),
        ("ethnicity", "Uyghur", "the Uyghur filmmaker"),
        ("occupation", "filmmaker", "Uyghur filmmaker"),
        ("occupation", "director", "filmmaker and director"),
        ("status", "sentenced", "was sentenced to six and a half years in prison"),
        (
            "event",
            {"type": "stay_abroad", "date": "2010/2016", "place": "Turkey"},
            "studying in Turkey between 2010 and 2016",
        ),
        (
            "event",
            {"type": "alleged_torture", "description": "held in a dark room for 20 days"},
            "held him in a dark room for 20 days and tortured him",
        ),
        (
            "event",
            {"type": "conviction", "date": "2024-01", "institution": court.pk, "case": trial.pk},
            "Urumqi Intermediate People's Court convicted Nurmehmet, 33, in January 2024",
        ),
        (
            "event",
            {"type": "family_notification", "date": "2024-08-23", "case": trial.pk},
            "did not inform his family about his conviction for more than half a year, "
            "on August 23",
        ),
        (
            "event",
            {"type": "detention", "institution": facility.pk, "case": trial.pk},
            "currently being held in Urumqi No. 1 Detention Center",
        ),
        (
            "charge",
            {
                "text": "actively participating in terrorist activities",
                "category": "terrorism",
                "case": trial.pk,
            },
            "actively participating in terrorist activities",
        ),
        (
            "sentence",
            {"min_months": 78, "max_months": 78, "case": trial.pk},
            "sentenced to six and a half years in prison",
        ),
        ("allegation", "torture", "tortured him until he gave a false confession"),
        ("allegation", "coerced_confession", "gave a false confession"),
        (
            "allegation",
            "family_not_notified",
            "the authorities did not inform his family about his conviction",
        ),
        ("allegation", "foreign_ties", "his possession of a Turkish residency permit"),
        ("allegation", "unfair_trial", "which was the sole basis for his conviction"),
    ):
        fact(ikram, field, value, quote)

    four = person_create(actor=actor, confidentiality=Level.PUBLIC)
    for field, value, quote in (
        ("count", 4, "Four other Uyghurs whose identities are unknown"),
        ("ethnicity", "Uyghur", "Four other Uyghurs"),
        (
            "membership",
            {"case": trial.pk, "role": "victim"},
            "were also convicted in connection to Nurmehmet's case",
        ),
        ("event", {"type": "conviction", "case": trial.pk}, "were also convicted"),
    ):
        fact(four, field, value, quote)

    six = person_create(actor=actor, confidentiality=Level.PUBLIC)
    for field, value, quote in (
        ("count", 6, "all six of his business partners"),
        ("membership", {"case": partners_case.pk, "role": "victim"}, "his business partners"),
        ("status", "sentenced", "had sentenced all six"),
        (
            "event",
            {"type": "sentence", "institution": court.pk, "case": partners_case.pk},
            "the Urumqi Intermediate People's Court had sentenced all six of his business partners",
        ),
        (
            "charge",
            {"text": "separatism", "category": "separatism", "case": partners_case.pk},
            "separatism",
        ),
        (
            "sentence",
            {"min_months": 144, "max_months": 180, "case": partners_case.pk},
            "between 12 and 15 years in prison",
        ),
        ("allegation", "foreign_ties", "because of their association with him"),
    ):
        fact(six, field, value, quote)

    # Sources of a report are restricted by default (DESIGN.md), even when quoted by name.
    tahir = person_create(actor=actor, role="source")
    for field, value, quote in (
        ("name", {"text": "Tahir Imin", "script": "Latn", "kind": "legal"}, "Tahir Imin"),
        ("membership", {"case": partners_case.pk, "role": "source"}, "Tahir Imin, 42, said"),
        ("age", {"age": 42, "as_of": "2024"}, "Tahir Imin, 42"),
        ("ethnicity", "Uyghur", "US-based Uyghur activist"),
        ("occupation", "activist", "Uyghur activist"),
    ):
        fact(tahir, field, value, quote)

    maya = person_create(actor=actor, role="source")
    for field, value, quote in (
        ("name", {"text": "Maya Wang", "script": "Latn", "kind": "legal"}, "Maya Wang"),
        ("membership", {"case": trial.pk, "role": "source"}, "said Maya Wang"),
        (
            "occupation",
            "associate China director",
            "associate China director at Human Rights Watch",
        ),
    ):
        fact(maya, field, value, quote)

    hrw = {"kind": "call_for_release", "by": "Human Rights Watch"}
    fact(
        trial,
        "intervention",
        hrw,
        "The Chinese authorities should immediately release the Uyghur filmmaker and director",
    )
    fact(partners_case, "intervention", hrw, "press for their immediate release")
    logger.info("demo data loaded from source %s", source.pk)
    return DemoLoad(
        True,
        source.pk,
        (trial.pk, partners_case.pk),
        (ikram.pk, four.pk, six.pk, tahir.pk, maya.pk),
    )
