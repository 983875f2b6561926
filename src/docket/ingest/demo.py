"""Demo records: a few sample reports ingested as a trusted batch (`docket demo`).

The reports (data/README.md) go through the same path as `docket ingest --auto-accept`:
stored as public sources, extracted, their facts accepted as alleged. Running it again
adds nothing, since every report is stored already.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib import resources

from docket.core.audit import Actor
from docket.core.confidentiality import Level
from docket.ingest.runner import ingest_run

logger = logging.getLogger(__name__)

REPORTS = "data/demo_reports.jsonl"


@dataclass(frozen=True)
class DemoLoad:
    """What `demo_load` did: `created` is False when every report was there already."""

    created: bool
    reports: int
    persons: int
    claims: int
    failed: int


def demo_load(*, actor: Actor = "system:demo") -> DemoLoad:
    """Ingest the demo reports once, accepting what extraction finds in them."""
    with resources.as_file(resources.files("docket.ingest").joinpath(REPORTS)) as path:
        summary = ingest_run(
            actor=actor, paths=[str(path)], auto_accept=True, confidentiality=Level.PUBLIC
        )
    for failure in summary.failures:
        logger.warning("demo report not loaded: %s", failure.error)
    logger.info("demo: %d reports stored, %d claims", summary.documents_new, summary.claims)
    return DemoLoad(
        created=summary.documents_new > 0,
        reports=summary.documents_new,
        persons=summary.persons_new,
        claims=summary.claims,
        failed=summary.documents_failed,
    )
