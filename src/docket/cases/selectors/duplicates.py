"""Probable duplicate persons: pairs with a score and the reasons for it.

Candidates come from name blocking keys (persons sharing a key are compared). The best
name score of the pair, weighted so that a name alone is not enough, is adjusted by the
other facts the reader may see: birth years implied by ages, sex, ethnicity, courts and
facilities (less for crowded ones), detention dates, and how common or short the name is. Name
comparison is pluggable (`NameScorer`): `docket.names` when this tree has it, else a
plain spelling comparison.
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from docket.cases.models import DuplicateDismissal, Event, Name, Person
from docket.cases.selectors._common import levels_for
from docket.core import edtf

MAX_BLOCK = 100  # a key shared by more persons says too little to compare them all
COMMON = 5  # a name key shared by more persons is a common name: weaker evidence
CROWDED = 20  # an institution where more persons were held says less about a pair
NAME_FLOOR = 0.5
# A name alone (0.6 at best) stays below the default threshold (0.7): another fact must agree.
NAME_WEIGHT = 0.6
CUSTODY = ("detention", "formal_arrest")


class NameScorer(Protocol):
    """How names are compared: blocking keys for candidates, and a score with a reason."""

    def blocking(self, name: str) -> Iterable[str]: ...

    def compare(self, a: str, b: str) -> tuple[float, str]: ...


def _fold(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()
    return [w for w in re.split(r"[^\w]+", plain) if w]


class SpellingScorer:
    """Fallback: names compared as folded words in any order (no transliteration)."""

    def blocking(self, name: str) -> Iterable[str]:
        words = sorted(_fold(name))
        return [" ".join(words)] if words else []

    def compare(self, a: str, b: str) -> tuple[float, str]:
        left, right = " ".join(sorted(_fold(a))), " ".join(sorted(_fold(b)))
        ratio = difflib.SequenceMatcher(None, left, right).ratio()
        return ratio, "same spelling" if ratio == 1 else f"similar spelling ({ratio:.2f})"


class NamesLibraryScorer:
    """`docket.names`: keys and scores across scripts and romanisations, with reasons."""

    def __init__(self) -> None:
        from docket.names import InvalidNameError, blocking_keys, match

        self._keys, self._match, self._invalid = blocking_keys, match, InvalidNameError

    def blocking(self, name: str) -> Iterable[str]:
        try:
            return sorted(self._keys(name))
        except self._invalid:
            return []

    def compare(self, a: str, b: str) -> tuple[float, str]:
        try:
            found = self._match(a, b)
        except self._invalid:
            return 0.0, "not comparable"
        why = found.explanation
        if (
            why.pairs
            and all(part.mode == "=" for part in why.pairs)
            and not (why.unmatched_a or why.unmatched_b)
        ):
            return found.score, "same name"
        rules = [line.strip() for line in why.lines()[1:]]
        return found.score, "; ".join(rules) or f"score {found.score:.2f}"


def default_scorer() -> NameScorer:
    """`docket.names` when this tree has it, else plain spelling."""
    try:
        return NamesLibraryScorer()
    except ImportError:
        return SpellingScorer()


@dataclass
class _Facts:
    person: Person
    names: list[str] = field(default_factory=list)
    sex: str = ""
    ethnicity: str = ""
    born: tuple[int, int] | None = None
    places: dict[int, str] = field(default_factory=dict)
    custody: list[tuple[date | None, date | None, str]] = field(default_factory=list)


@dataclass(frozen=True)
class DuplicatePair:
    """Two visible persons that may be one, best first; `reasons` say why (and why not)."""

    a: Person
    b: Person
    score: float
    name_a: str
    name_b: str
    reasons: tuple[str, ...]


def _born(person: Person, levels: frozenset[str]) -> tuple[int, int] | None:
    if person.birth_year is not None and person.birth_year_level in levels:
        return person.birth_year, person.birth_year
    if person.age is None or person.age_level not in levels or not person.age_as_of:
        return None
    span = edtf.parse(person.age_as_of)
    if span.lower is None or span.upper is None:
        return None
    return span.lower.year - person.age - 1, span.upper.year - person.age


def _facts(persons: list[Person], levels: frozenset[str]) -> dict[int, _Facts]:
    facts = {
        p.pk: _Facts(
            p,
            sex=p.sex if p.sex_level in levels else "",
            ethnicity=p.ethnicity if p.ethnicity_level in levels else "",
            born=_born(p, levels),
        )
        for p in persons
    }
    names = Name.objects.filter(person_id__in=facts, confidentiality__in=levels).order_by("id")
    rows = names.values_list("person_id", "text", "kind", "script")
    # The name shown first: legal before other kinds, Latin script first (as on the page).
    for person_id, text, _, _ in sorted(rows, key=lambda r: (r[2] != "legal", r[3] != "Latn")):
        facts[person_id].names.append(text)
    events = Event.objects.filter(person_id__in=facts, confidentiality__in=levels)
    columns = ("person_id", "type", "date", "date_lower", "date_upper", "institution_id")
    for person_id, kind, when, lower, upper, institution, name in events.values_list(
        *columns, "institution__name"
    ):
        if institution is not None:
            facts[person_id].places[institution] = name
        if kind in CUSTODY and when:
            facts[person_id].custody.append((lower, upper, when))
    return facts


def _overlap(a: tuple[Any, Any], b: tuple[Any, Any]) -> bool:
    return (a[0] is None or b[1] is None or a[0] <= b[1]) and (
        b[0] is None or a[1] is None or b[0] <= a[1]
    )


def _years(span: tuple[int, int]) -> str:
    return str(span[0]) if span[0] == span[1] else f"{span[0]}-{span[1]}"


def _best_names(a: _Facts, b: _Facts, scorer: NameScorer) -> tuple[float, str, tuple[str, str]]:
    best, why, pair = 0.0, "", ("", "")
    for x, y in itertools.product(a.names, b.names):
        value, because = scorer.compare(x, y)
        if value > best:
            best, why, pair = value, because, (x, y)
    return best, why, pair


def _fact_parts(a: _Facts, b: _Facts, held: dict[int, int]) -> list[tuple[float, str]]:
    """What the other facts add (or take away), each with its reason."""
    parts: list[tuple[float, str]] = []
    if a.born and b.born:
        years = f"({_years(a.born)} / {_years(b.born)})"
        if _overlap(a.born, b.born):
            parts.append((0.15, f"born in the same years {years}"))
        elif abs(a.born[0] - b.born[0]) > 2:
            parts.append((-0.3, f"born in different years {years}"))
    if a.sex and b.sex and a.sex != b.sex:
        parts.append((-0.5, f"sex differs ({a.sex} / {b.sex})"))
    if a.ethnicity and b.ethnicity:
        if a.ethnicity.casefold() == b.ethnicity.casefold():
            parts.append((0.05, f"both {a.ethnicity}"))
        else:
            parts.append((-0.2, f"ethnicity differs ({a.ethnicity} / {b.ethnicity})"))
    shared = sorted(a.places.keys() & b.places.keys(), key=lambda i: held[i])
    if shared:
        names = ", ".join(
            a.places[i] + (f" ({held[i]} persons)" if held[i] > CROWDED else "") for i in shared[:3]
        )
        weight = 0.05 if held[shared[0]] > CROWDED else 0.15
        parts.append((weight, f"same court or facility: {names}"))
    together = next(
        (
            (x[2], y[2])
            for x, y in itertools.product(a.custody, b.custody)
            if _overlap(x[:2], y[:2])
        ),
        None,
    )
    if together:
        parts.append((0.15, f"detained at overlapping dates ({together[0]} / {together[1]})"))
    return parts


def _score(
    a: _Facts, b: _Facts, scorer: NameScorer, sharing: int, facts: list[tuple[float, str]]
) -> tuple[float, list[str]]:
    """Best name score adjusted by the other facts' parts; the reasons, name first.

    `sharing` is how many persons share the pair's name key: common names say less.
    """
    best, why, pair = _best_names(a, b, scorer)
    if best < NAME_FLOOR:
        return 0.0, []
    parts = [(NAME_WEIGHT * best, f"names {pair[0]} / {pair[1]}: {why}")]
    if sharing > COMMON:
        parts.append((-0.1, f"a common name ({sharing} persons)"))
    if all(len(name.split()) == 1 for name in pair):
        parts.append((-0.1, "one-word names"))
    parts += facts
    return max(0.0, min(1.0, sum(w for w, _ in parts))), [reason for _, reason in parts]


class _Cached:
    """A scorer that compares each pair of name texts once per call."""

    def __init__(self, scorer: NameScorer) -> None:
        self.scorer = scorer
        self.seen: dict[tuple[str, str], tuple[float, str]] = {}

    def blocking(self, name: str) -> Iterable[str]:
        return self.scorer.blocking(name)

    def compare(self, a: str, b: str) -> tuple[float, str]:
        if (a, b) not in self.seen:
            self.seen[(a, b)] = self.scorer.compare(a, b)
        return self.seen[(a, b)]


def duplicate_candidates(
    *,
    user: Any,
    limit: int = 50,
    min_score: float = 0.7,
    scorer: NameScorer | None = None,
) -> list[DuplicatePair]:
    """Pairs of persons the user may see that may be one person, best first (not the
    pairs a reviewer said are different people)."""
    scorer = scorer or default_scorer()
    levels = levels_for(user)
    persons = list(Person.objects.filter(confidentiality__in=levels, merged_into__isnull=True))
    facts = _facts(persons, levels)
    blocks: dict[str, set[int]] = defaultdict(set)
    for person_id, known in facts.items():
        for name in known.names:
            for key in scorer.blocking(name):
                blocks[key].add(person_id)
    dismissed = set(DuplicateDismissal.objects.values_list("first_id", "second_id"))
    pairs: dict[tuple[int, int], int] = {}  # pair -> persons sharing its rarest key
    for members in blocks.values():
        if 1 < len(members) <= MAX_BLOCK:
            for pair in itertools.combinations(sorted(members), 2):
                if pair not in dismissed:
                    pairs[pair] = min(pairs.get(pair, MAX_BLOCK), len(members))
    held: dict[int, int] = defaultdict(int)
    for known in facts.values():
        for institution in known.places:
            held[institution] += 1
    cached = _Cached(scorer)
    found = []
    for (left, right), sharing in pairs.items():
        parts = _fact_parts(facts[left], facts[right], held)
        # Names add NAME_WEIGHT at most: skip comparing them when that cannot be enough.
        bound = NAME_WEIGHT + sum(w for w, _ in parts) - 0.1 * (sharing > COMMON)
        if max(0.0, min(1.0, bound)) < min_score:
            continue
        score, reasons = _score(facts[left], facts[right], cached, sharing, parts)
        if score >= min_score:
            a, b = facts[left], facts[right]
            pair = DuplicatePair(
                a.person, b.person, round(score, 3), a.names[0], b.names[0], tuple(reasons)
            )
            found.append(pair)
    found.sort(key=lambda p: (-p.score, p.a.pk, p.b.pk))
    return found[:limit]
