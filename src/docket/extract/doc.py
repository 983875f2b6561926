"""The working state that pipeline steps read and add to (internal; not the contract)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docket.extract.model import Person, Sentence, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc


@dataclass(frozen=True)
class Token:
    """A token with what the steps test often, precomputed."""

    i: int
    text: str
    start: int
    end: int
    lower: str
    space_after: bool
    sent: int = 0
    clause: int = 0


@dataclass(frozen=True)
class Clause:
    """A stretch of a sentence that holds one predicate, more or less."""

    start: int
    end: int
    sent: int
    tok_start: int
    tok_end: int


@dataclass(frozen=True)
class DateMention:
    """A date as written, with its precision; `citation` marks a source's publication date."""

    span: Span
    year: int
    month: int | None = None
    day: int | None = None
    citation: bool = False
    inferred_year: bool = False
    approximate: bool = False  # "on or about", "around"
    season: int | None = None  # EDTF 21 spring, 22 summer, 23 autumn, 24 winter

    def edtf(self) -> str:
        """Return the date as EDTF at its precision: '2017', '2017-05', '2017-05-21',
        '2017-22' (summer), '2017-05-21~' (on or about)."""
        if self.season is not None:
            out = f"{self.year:04d}-{self.season:02d}"
        elif self.month is None:
            out = f"{self.year:04d}"
        elif self.day is None:
            out = f"{self.year:04d}-{self.month:02d}"
        else:
            out = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return out + ("~" if self.approximate else "")

    def key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)


@dataclass(frozen=True)
class Term:
    """A prison term or other penalty; `kind` is 'prison', 'administrative' or 'revision'."""

    span: Span
    sentence: Sentence
    kind: str = "prison"


@dataclass(frozen=True)
class Institution:
    """A named court or place of detention as written; `kind` is 'court' or 'facility'."""

    span: Span
    name: str
    kind: str
    subtype: str = ""


@dataclass(frozen=True)
class Charge:
    """A charge as quoted, with its categories from charge_categories.json."""

    span: Span
    text: str
    categories: tuple[str, ...]
    stage: int = 1  # 0 suspicion, 1 charge, 2 conviction, 3 charge changed to
    statute: bool = False  # an article number: evidence of a category, not a charge's words


@dataclass(frozen=True)
class EventMention:
    """A typed step (detention, sentence, release...) at a trigger word, with its date.

    `generic` marks a step that happens to people in general ("Uyghurs who have been abroad
    have been detained"), which attribution gives to no one in particular."""

    kind: str
    span: Span
    date: DateMention | None = None
    passive: bool = False
    sent: int = 0
    generic: bool = False


@dataclass
class Mention:
    """Where a person (or group) is referred to: a name, a short name, a pronoun, a group."""

    span: Span
    kind: str  # "name", "short", "pronoun", "group"
    entity: int
    sent: int
    sex: str | None = None
    plural: bool = False


@dataclass
class Entity:
    """One person or unnamed group, before facts are attached."""

    name: str | None
    aliases: list[str] = field(default_factory=list)
    count: int = 1
    group: bool = False
    role_hint: str | None = None  # "relative", "source", "perpetrator", "other"
    role_span: Span | None = None
    sex_hints: list[tuple[str, Span]] = field(default_factory=list)
    # A group whose people the report then names ("nine farmers ... They are A, B, ..."):
    # the entities of those names; the group's facts go to them and the group is no entry.
    members: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Fact:
    """A value found in the text, bound to a person when `entity` is set."""

    field: str
    value: object
    span: Span
    entity: int | None = None


@dataclass
class Doc:
    """A report being extracted: the text, its tokens and what the steps found."""

    text: str
    norm: str
    published: dt.date | None = None
    spacy_doc: SpacyDoc | None = None
    tokens: list[Token] = field(default_factory=list)
    sents: list[Span] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    institutions: list[Institution] = field(default_factory=list)
    charges: list[Charge] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    targets: dict[int, list[int]] = field(default_factory=dict)  # mention index -> entities
    persons: list[Person] = field(default_factory=list)
    steps_run: list[str] = field(default_factory=list)

    def sent_of(self, pos: int) -> int:
        """Return the index of the sentence holding character `pos`."""
        lo, hi = 0, len(self.sents) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sents[mid][0] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def clause_of(self, pos: int) -> int:
        """Return the index of the clause holding character `pos`."""
        lo, hi = 0, len(self.clauses) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.clauses[mid].start <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def token_at(self, pos: int) -> int:
        """Return the index of the first token that ends after character `pos`."""
        lo, hi = 0, len(self.tokens)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.tokens[mid].end <= pos:
                lo = mid + 1
            else:
                hi = mid
        return min(lo, len(self.tokens) - 1)
