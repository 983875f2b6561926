"""Which persons of one report belong to one case: co-defendants share a case.

Pure: works on the extraction's JSON and the text. Each victim starts a case of their
own; two victims share one when the report ties them together: a sentence that speaks
of both with a co-defendant cue ("in connection to X's case", "co-defendants", "along
with X") or a court's decision ("sentenced X to 7 years and Y to 5"), or the same court
on the same court date. The other
persons (sources, relatives...) join the case whose victims the text mentions nearest
to them; a report without victims makes no case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

Span = tuple[int, int]

_CUES = re.compile(
    r"co-?defendants?|in connection (?:with|to)\b.{0,60}\bcase|same case|same trial"
    r"|along ?side|along with|together with|jointly"
    r"|\b(?:sentenced|convicted|tried|found guilty)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?。])([\"”’')\]]*)\s+|\n+")
_COURT_EVENTS = frozenset({"trial", "conviction", "sentence"})
_NON_NAME = frozenset({"mr", "mrs", "ms", "dr", "the", "of", "and"})


@dataclass(frozen=True)
class Group:
    """One case to make: its victims and the other persons, by position."""

    victims: tuple[int, ...]
    others: tuple[int, ...]


def sentence_bounds(text: str) -> list[Span]:
    """Rough sentence spans: enough to tell which words are said together."""
    bounds, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start() + len(match.group(1) or "")
        if end > start:
            bounds.append((start, end))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def _spans(person: dict[str, Any]) -> list[Span]:
    out: list[Span] = []
    evidence = person.get("evidence") if isinstance(person.get("evidence"), dict) else {}
    for spans in evidence.values():
        out.extend(tuple(s) for s in spans or [] if isinstance(s, list | tuple) and len(s) == 2)
    for event in person.get("events") or []:
        if isinstance(event, dict):
            out.extend(tuple(s) for s in event.get("evidence") or [] if len(s) == 2)
    return out


def _own_spans(persons: list[dict[str, Any]]) -> dict[int, list[Span]]:
    """Each person's evidence that no other person cites too: the words that point at them.

    An extractor may hand one report-wide fact (a date, a court) to several persons; such
    shared words say nothing about who is spoken of where.
    """
    spans = {i: _spans(p) for i, p in enumerate(persons)}

    def shared(i: int, span: Span) -> bool:
        return any(
            a < span[1] and span[0] < b for j, theirs in spans.items() if j != i for a, b in theirs
        )

    return {i: [s for s in mine if not shared(i, s)] for i, mine in spans.items()}


def _name_words(person: dict[str, Any]) -> set[str]:
    """Words that stand for a named person in the text: each part of each name form."""
    forms = [person.get("name"), *(person.get("aliases") or [])]
    words: set[str] = set()
    for form in forms:
        if isinstance(form, str):
            words |= {w for w in re.findall(r"\w{3,}", form) if w.casefold() not in _NON_NAME}
    return words


def _mentioned(person: dict[str, Any], spans: list[Span], sentence: Span, text: str) -> bool:
    start, end = sentence
    if any(start <= s < end for s, _ in spans):
        return True
    words = _name_words(person)
    piece = text[start:end]
    return any(re.search(rf"\b{re.escape(w)}\b", piece) for w in words)


def _court_date(person: dict[str, Any]) -> tuple[str, str] | None:
    court = person.get("court")
    dates = sorted(
        e["date"]
        for e in person.get("events") or []
        if isinstance(e, dict) and e.get("type") in _COURT_EVENTS and e.get("date")
    )
    if isinstance(court, str) and court and dates:
        return (" ".join(court.casefold().split()), dates[0])
    return None


class _Sets:
    def __init__(self, items: Iterable[int]) -> None:
        self.parent = {i: i for i in items}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        self.parent[self.find(b)] = self.find(a)


def group_persons(persons: list[dict[str, Any]], text: str) -> list[Group]:
    """Split a report's persons into cases, in the order their first victim appears."""
    victims = [i for i, p in enumerate(persons) if p.get("role") == "victim"]
    if not victims:
        return []
    spans = _own_spans(persons)
    sets = _Sets(victims)
    cued = [s for s in sentence_bounds(text) if _CUES.search(text[s[0] : s[1]])]
    for sentence in cued:
        present = [i for i in victims if _mentioned(persons[i], spans[i], sentence, text)]
        for other in present[1:]:
            sets.join(present[0], other)
    trials: dict[tuple[str, str], int] = {}
    for i in victims:
        key = _court_date(persons[i])
        if key is None:
            continue
        if key in trials:
            sets.join(trials[key], i)
        else:
            trials[key] = i
    members: dict[int, list[int]] = {}
    for i in victims:
        members.setdefault(sets.find(i), []).append(i)
    groups = list(members.values())
    others: dict[int, list[int]] = {k: [] for k in range(len(groups))}
    for i, person in enumerate(persons):
        if person.get("role") != "victim":
            others[_nearest_group(spans[i], groups, spans)].append(i)
    return [Group(tuple(g), tuple(others[k])) for k, g in enumerate(groups)]


def _nearest_group(mine: list[Span], groups: list[list[int]], spans: dict[int, list[Span]]) -> int:
    """The group whose victims' words lie nearest to this person's (the first on a tie)."""
    best, best_gap = 0, None
    for k, group in enumerate(groups):
        theirs = [s for i in group for s in spans[i]]
        gaps = [max(a[0] - b[1], b[0] - a[1], 0) for a in mine for b in theirs]
        if gaps and (best_gap is None or min(gaps) < best_gap):
            best, best_gap = k, min(gaps)
    return best


def case_title(members: list[dict[str, Any]], *, fallback: str) -> str:
    """A case title from its victims: "A", "A and B", "A and 4 others", "6 unnamed people"."""
    named = [p["name"] for p in members if isinstance(p.get("name"), str) and p["name"].strip()]
    unnamed = sum(max(p.get("count") or 1, 1) for p in members if not (p.get("name") or "").strip())
    if not named:
        people = "an unnamed person" if unnamed == 1 else f"{unnamed} unnamed people"
        return f"{people[0].upper()}{people[1:]} ({fallback})"[:300]
    shown = named[:3]
    rest = len(named) - len(shown) + unnamed
    if rest:
        title = f"{', '.join(shown)} and {rest} other{'s' if rest != 1 else ''}"
    elif len(shown) > 1:
        title = f"{', '.join(shown[:-1])} and {shown[-1]}"
    else:
        title = shown[0]
    return title[:300]
