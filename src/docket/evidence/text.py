"""Split a source's text into runs for display, marking the runs that claims cite."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from docket.evidence.selectors import Highlight


@dataclass(frozen=True)
class Run:
    """A stretch of text, the highlights covering all of it, and those that start here."""

    text: str
    highlights: tuple[Highlight, ...]
    starting: tuple[Highlight, ...]


def runs(text: str, highlights: Sequence[Highlight]) -> list[Run]:
    """Cut `text` at every highlight boundary; overlapping highlights share their runs."""
    inside = [h for h in highlights if 0 <= h.start < h.end <= len(text)]
    cuts = sorted({0, len(text)} | {h.start for h in inside} | {h.end for h in inside})
    out = []
    for start, end in pairwise(cuts):
        covering = tuple(h for h in inside if h.start <= start and end <= h.end)
        starting = tuple(h for h in covering if h.start == start)
        out.append(Run(text[start:end], covering, starting))
    return out
