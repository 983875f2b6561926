"""Named, versioned pipeline steps (`dates.v1`) and the pipeline that runs them in order.

A step declares what it needs from the `Doc` and what it adds; a released version never
changes its output: a change of behaviour is a new version registered beside the old one.
The default pipeline runs the newest versions. The v2 steps (sentences, institutions,
charges, persons, events, attributes, allegations, attribution) stop asserting facts the
text does not state (see each module); their v1 stay registered, except attribution.v1,
replaced before any release because its rules run through assemble.py.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from docket.extract.doc import Doc
from docket.extract.errors import (
    E102_BAD_PUBLISHED,
    E201_UNKNOWN_STEP,
    E202_MISSING_INPUT,
    ExtractionError,
)
from docket.extract.text import normalize

logger = logging.getLogger(__name__)

StepFunc = Callable[[Doc], None]


@dataclass(frozen=True)
class Step:
    """A registered pipeline step."""

    name: str
    func: StepFunc
    requires: tuple[str, ...]
    provides: tuple[str, ...]


REGISTRY: dict[str, Step] = {}


def step(
    name: str, *, requires: Iterable[str] = (), provides: Iterable[str] = ()
) -> Callable[[StepFunc], StepFunc]:
    """Register `func` as the pipeline step `name` (`<thing>.v<N>`)."""
    if not re.fullmatch(r"[a-z_]+\.v\d+", name):
        raise ValueError(f"step name {name!r} is not <thing>.v<N>")

    def register(func: StepFunc) -> StepFunc:
        if name in REGISTRY:
            raise ValueError(f"step {name} is already registered")
        REGISTRY[name] = Step(name, func, tuple(requires), tuple(provides))
        return func

    return register


DEFAULT_STEPS = (
    "tokens.v1",
    "sentences.v2",
    "dates.v2",
    "terms.v2",
    "institutions.v4",
    "charges.v3",
    "persons.v4",
    "events.v4",
    "attributes.v3",
    "allegations.v2",
    "attribution.v4",
    "interventions.v1",
)


class Pipeline:
    """Run registered steps in order over a report."""

    def __init__(self, steps: Iterable[str] = DEFAULT_STEPS) -> None:
        from docket.extract import steps as _steps  # noqa: F401  (registers the steps)

        self.steps: list[Step] = []
        have: set[str] = {"text", "norm", "published"}
        for name in steps:
            if name not in REGISTRY:
                raise ExtractionError(
                    E201_UNKNOWN_STEP,
                    f"unknown pipeline step {name!r}; known: {', '.join(sorted(REGISTRY))}",
                )
            found = REGISTRY[name]
            missing = [r for r in found.requires if r not in have]
            if missing:
                raise ExtractionError(
                    E202_MISSING_INPUT,
                    f"step {name} needs {', '.join(missing)}; put a step that provides it first",
                )
            have.update(found.provides)
            self.steps.append(found)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.steps]

    def __call__(self, text: str, published: dt.date | None = None) -> Doc:
        doc = Doc(text=text, norm=normalize(text), published=published)
        for found in self.steps:
            found.func(doc)
            doc.steps_run.append(found.name)
        return doc


def parse_published(value: str | dt.date | None) -> dt.date | None:
    """Accept an ISO date ('2024-09-01', '2024-09', '2024', or a datetime); None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?\s*", str(value))
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2) or 12), int(m.group(3) or 28))
        except ValueError:
            pass
    raise ExtractionError(
        E102_BAD_PUBLISHED, f"published date {value!r} is not ISO 8601 (YYYY-MM-DD); fix or omit it"
    )
