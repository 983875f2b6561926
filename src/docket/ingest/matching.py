"""Which existing persons an extracted person may be: names across scripts, then other facts.

Candidates come from an index of name blocking keys (`NameKey`, docket.names), so a
lookup costs a few indexed queries however many persons there are. Each candidate's
names are scored against the extracted names (docket.names), and the other facts adjust
the score: the same court, facility, detention date, sentence, or age raise it; a
different sex, ethnicity or age lowers it. Only a clear, unambiguous candidate agreeing
on several facts is linked without a reviewer (`auto_link`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef

from docket.cases.models import Charge, Event, Name, Person, Sentence
from docket.core import edtf
from docket.core.errors import ApplicationError
from docket.ingest.facts import PersonPlan, institution_name
from docket.ingest.models import NameKey
from docket.names import InvalidNameError, blocking_keys, score
from docket.vocab import terms

logger = logging.getLogger(__name__)

PROPOSE = 0.7  # lowest combined score worth a reviewer's look
NAME_FLOOR = 0.6  # below this the names are not compared further
AUTO_LINK = 0.97  # combined score needed to link without a reviewer...
AUTO_LINK_NAME = 0.9  # ...with names this close
AUTO_LINK_FACTS = 2  # ...agreeing on this many strong facts, and on nothing against
MAX_LOOKUP = 50  # persons sharing the most keys that are scored
MAX_CANDIDATES = 5  # kept per extracted person

STRONG = {"court": 0.04, "facility": 0.04, "detention": 0.04, "sentence": 0.04, "age": 0.04}
WEAK = {"sex": 0.01, "ethnicity": 0.02, "charge": 0.02}
AGAINST = {"sex": 0.3, "ethnicity": 0.25, "age": 0.2}


@dataclass(frozen=True)
class Proposal:
    """An existing person an extracted person may be."""

    person_id: int
    score: float
    name_score: float
    agree: tuple[str, ...]
    disagree: tuple[str, ...]

    @property
    def reasons(self) -> dict[str, Any]:
        return {"name": self.name_score, "agree": list(self.agree), "disagree": list(self.disagree)}

    @property
    def strong(self) -> int:
        return sum(1 for a in self.agree if a in STRONG)


@dataclass
class Profile:
    """The comparable facts of one person, extracted or stored."""

    sex: str = ""
    ethnicity: str = ""
    birth_years: tuple[int, int] | None = None
    courts: set[str] = field(default_factory=set)
    facilities: set[str] = field(default_factory=set)
    detentions: list[tuple[Any, Any]] = field(default_factory=list)
    categories: set[str] = field(default_factory=set)
    sentences: set[tuple[Any, ...]] = field(default_factory=set)


def name_keys(text: str) -> frozenset[str]:
    """Blocking keys of a name; none for a name the parser cannot read."""
    try:
        return frozenset(k[:64] for k in blocking_keys(text))
    except InvalidNameError:
        return frozenset()


def _born(age: int, as_of: str | None) -> tuple[int, int] | None:
    """Birth years an age implies (as of a date): 33 in 2024 is 1990 or 1991."""
    if not as_of:
        return None
    try:
        span = edtf.parse(as_of)
    except ApplicationError:
        return None
    if span.lower is None or span.upper is None:
        return None
    return (span.lower.year - age - 1, span.upper.year - age)


def _interval(date: str | None) -> tuple[Any, Any] | None:
    if not date:
        return None
    try:
        span = edtf.parse(date)
    except ApplicationError:
        return None
    return (span.lower, span.upper) if span.lower and span.upper else None


def plan_profile(plan: PersonPlan) -> Profile:
    """The comparable facts of an extracted person."""
    profile = Profile()
    for fact in plan.facts:
        value = fact.value
        if fact.field == "sex":
            profile.sex = value
        elif fact.field == "ethnicity":
            profile.ethnicity = value
        elif fact.field == "age":
            profile.birth_years = _born(value["age"], value["as_of"])
        elif fact.field == "charge":
            profile.categories.add(value["category"])
        elif fact.field == "sentence":
            profile.sentences.add(_sentence_key(value))
        elif fact.field == "event":
            if fact.institution is not None:
                place = fact.institution.name.casefold()
                (profile.courts if fact.institution.kind == "court" else profile.facilities).add(
                    place
                )
            if value["type"] in terms.CUSTODY_EVENTS and (span := _interval(value["date"])):
                profile.detentions.append(span)
    return profile


def _sentence_key(value: Any) -> tuple[Any, ...]:
    get = value.get if isinstance(value, dict) else lambda k: getattr(value, k)
    return (get("min_months"), get("max_months"), bool(get("life")), bool(get("death")))


def stored_profiles(person_ids: Iterable[int]) -> dict[int, Profile]:
    """The comparable facts of stored persons, from the projection, in a few queries."""
    ids = list(person_ids)
    profiles = {pk: Profile() for pk in ids}
    for person in Person.objects.filter(pk__in=ids).only(
        "sex", "ethnicity", "age", "age_as_of", "birth_year"
    ):
        profile = profiles[person.pk]
        profile.sex, profile.ethnicity = person.sex, person.ethnicity
        if person.birth_year:
            profile.birth_years = (person.birth_year, person.birth_year)
        elif person.age is not None:
            profile.birth_years = _born(person.age, person.age_as_of)
    events = Event.objects.filter(person_id__in=ids).values_list(
        "person_id", "type", "date_lower", "date_upper", "institution__name", "institution__kind"
    )
    for pk, kind, lower, upper, place, place_kind in events:
        profile = profiles[pk]
        if place:
            where = institution_name(place).casefold()
            (profile.courts if place_kind == "court" else profile.facilities).add(where)
        if kind in terms.CUSTODY_EVENTS and lower and upper:
            profile.detentions.append((lower, upper))
    for pk, category in Charge.objects.filter(person_id__in=ids).values_list(
        "person_id", "category"
    ):
        profiles[pk].categories.add(category)
    for sentence in Sentence.objects.filter(person_id__in=ids):
        profiles[sentence.person_id].sentences.add(_sentence_key(sentence))
    return profiles


def compare(mine: Profile, theirs: Profile) -> tuple[list[str], list[str]]:
    """The facts two profiles agree and disagree on."""
    agree, disagree = [], []
    for key in ("sex", "ethnicity"):
        a, b = getattr(mine, key), getattr(theirs, key)
        if a and b:
            (agree if a.casefold() == b.casefold() else disagree).append(key)
    if mine.birth_years and theirs.birth_years:
        (low_a, high_a), (low_b, high_b) = mine.birth_years, theirs.birth_years
        (agree if low_a <= high_b and low_b <= high_a else disagree).append("age")
    for key, ours, others in (
        ("court", mine.courts, theirs.courts),
        ("facility", mine.facilities, theirs.facilities),
        ("charge", mine.categories, theirs.categories),
        ("sentence", mine.sentences, theirs.sentences),
    ):
        if ours & others:
            agree.append(key)
    if any(a[0] <= b[1] and b[0] <= a[1] for a in mine.detentions for b in theirs.detentions):
        agree.append("detention")
    return agree, disagree


def combine(name_score: float, agree: list[str], disagree: list[str]) -> float:
    bonus = sum(STRONG.get(k, 0.0) + WEAK.get(k, 0.0) for k in agree)
    penalty = sum(AGAINST.get(k, 0.0) for k in disagree)
    return round(max(0.0, min(1.0, name_score + bonus) - penalty), 4)


def propose(plan: PersonPlan, *, exclude: Iterable[int] = ()) -> list[Proposal]:
    """Existing persons the extracted person may be, best first (none for the unnamed)."""
    if not plan.names:
        return []
    keys: set[str] = set()
    for text in plan.names:
        keys |= name_keys(text)
    if not keys:
        return []
    found = (
        NameKey.objects.filter(key__in=sorted(keys))
        .exclude(name__person_id__in=list(exclude))
        .values("name__person_id")
        .annotate(shared=Count("id"))
        .order_by("-shared", "name__person_id")[:MAX_LOOKUP]
    )
    ids = [row["name__person_id"] for row in found]
    if not ids:
        return []
    names: dict[int, list[str]] = {}
    for pk, text in Name.objects.filter(person_id__in=ids).values_list("person_id", "text"):
        names.setdefault(pk, []).append(text)
    name_scores = {
        pk: max(_score(a, b) for a in plan.names for b in forms) for pk, forms in names.items()
    }
    close = [pk for pk, s in name_scores.items() if s >= NAME_FLOOR]
    if not close:
        return []
    mine = plan_profile(plan)
    proposals = []
    for pk, theirs in stored_profiles(close).items():
        agree, disagree = compare(mine, theirs)
        total = combine(name_scores[pk], agree, disagree)
        if total >= PROPOSE:
            proposals.append(
                Proposal(pk, total, round(name_scores[pk], 4), tuple(agree), tuple(disagree))
            )
    proposals.sort(key=lambda p: (-p.score, p.person_id))
    return proposals[:MAX_CANDIDATES]


def _score(a: str, b: str) -> float:
    try:
        return score(a, b)
    except InvalidNameError:
        return 0.0


def auto_link(proposals: list[Proposal]) -> Proposal | None:
    """The one candidate clear enough to link without a reviewer, if any."""
    sure = [
        p
        for p in proposals
        if p.score >= AUTO_LINK
        and p.name_score >= AUTO_LINK_NAME
        and p.strong >= AUTO_LINK_FACTS
        and not p.disagree
    ]
    return sure[0] if len(sure) == 1 else None


def index_names(names: Iterable[Name]) -> int:
    """Add the blocking keys of these names to the index; return how many keys were added."""
    rows = [NameKey(name_id=n.pk, key=key) for n in names for key in sorted(name_keys(n.text))]
    NameKey.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def index_persons(person_ids: Iterable[int]) -> int:
    """Index the names of these persons that are not indexed yet."""
    return index_names(_unindexed().filter(person_id__in=list(person_ids)))


def keys_sync() -> int:
    """Index every projected name that has no keys yet (names added outside ingest)."""
    added = index_names(_unindexed().iterator(chunk_size=2000))
    if added:
        logger.info("name index: %d keys added", added)
    return added


def _unindexed() -> Any:
    return Name.objects.filter(~Exists(NameKey.objects.filter(name=OuterRef("pk")))).only(
        "pk", "text"
    )
