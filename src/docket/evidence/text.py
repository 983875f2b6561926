"""Pair a source's segments with the highlights citing them, for the source page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docket.evidence.selectors import Highlight, Segment


@dataclass(frozen=True)
class Run:
    """A segment of text, the highlights covering it, and those that start here (anchors)."""

    text: str
    highlights: tuple[Highlight, ...]
    starting: tuple[Highlight, ...]


def runs(segments: Sequence[Segment], highlights: Sequence[Highlight]) -> list[Run]:
    """One Run per segment, with the Highlight of each claim that cites it."""
    by_claim = {h.claim_id: h for h in highlights}
    out = []
    for segment in segments:
        covering = tuple(by_claim[c] for c in segment.claim_ids if c in by_claim)
        starting = tuple(h for h in covering if h.start == segment.start)
        out.append(Run(segment.text, covering, starting))
    return out
