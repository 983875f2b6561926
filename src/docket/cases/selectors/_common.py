"""Visibility rules shared by the case selectors.

A reader sees a person or case whose confidentiality level is visible to them
(accounts.roles.visible_levels); a fact row or claim only if its own level is visible
too; a claim's source and quoted words only if the source's level is visible.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from docket.accounts.roles import SUGGEST, can, visible_levels
from docket.cases.models import Claim, Name, Person
from docket.core.errors import NotFound

ACCEPTED = "accepted"


@dataclass(frozen=True)
class Evidence:
    """Where a fact comes from: the source, the quoted words and their span, how and how sure."""

    claim_id: int
    source_id: int | None  # None: no source, or a source the reader may not see
    source_title: str
    quote: str
    span: tuple[int, int] | None
    method: str
    veracity: str
    review_status: str
    confidentiality: str
    source_withheld: bool = False


@dataclass(frozen=True)
class Sourced:
    """A projected row (a name, charge, allegation...) with its text and evidence."""

    row: Any
    text: str
    evidence: tuple[Evidence, ...]


def levels_for(user: Any) -> frozenset[str]:
    return visible_levels(user=user)


def claims_visible(*, user: Any) -> QuerySet[Claim]:
    """Claims the user may see: level visible, subject visible; unreviewed ones only for
    roles that may suggest (viewers and the public see accepted claims only)."""
    levels = levels_for(user)
    qs = Claim.objects.filter(confidentiality__in=levels).filter(
        Q(person__confidentiality__in=levels) | Q(case__confidentiality__in=levels)
    )
    if not can(user, SUGGEST):
        qs = qs.filter(review_status=ACCEPTED)
    return qs


def accepted_claims(levels: Iterable[str]) -> QuerySet[Claim]:
    """Accepted claims of the given levels, with their (text-less) sources."""
    return (
        Claim.objects.filter(review_status=ACCEPTED, confidentiality__in=list(levels))
        .select_related("source")
        .defer("source__text", "source__original")
        .order_by("id")
    )


def prefetch_evidence(levels: Iterable[str]) -> Prefetch:
    """Prefetch a row's visible accepted claims into `row.visible_claims`."""
    return Prefetch("claims", queryset=accepted_claims(levels), to_attr="visible_claims")


def evidence_of(claim: Claim, levels: frozenset[str]) -> Evidence:
    source = claim.source
    shown = source is not None and source.confidentiality in levels
    if shown:
        title = source.label
    else:
        title = "source withheld" if source is not None else "no source (entered by hand)"
    span = (claim.span_start, claim.span_end) if shown and claim.span_start is not None else None
    return Evidence(
        claim_id=claim.pk,
        source_id=source.pk if shown else None,
        source_title=title,
        quote=claim.quote if shown else "",
        span=span,
        method=claim.method,
        veracity=claim.veracity,
        review_status=claim.review_status,
        confidentiality=claim.confidentiality,
        source_withheld=source is not None and not shown,
    )


def row_evidence(row: Any, levels: frozenset[str]) -> tuple[Evidence, ...]:
    claims = getattr(row, "visible_claims", None)
    if claims is None:
        claims = list(accepted_claims(levels).filter(pk__in=row.claims.values("pk")))
    return tuple(evidence_of(c, levels) for c in claims)


def column(person: Person, field: str, levels: frozenset[str]) -> Any:
    """A single-valued Person column if the claim behind it is visible, else None."""
    if getattr(person, f"{field}_level") not in levels:
        return None
    return getattr(person, field)


def visible_count(person: Person, levels: frozenset[str]) -> int:
    return person.count if person.count_level in levels else 1


def names_ordered(person: Person, levels: frozenset[str]) -> list[Name]:
    """Visible names, the one to show first: legal before other kinds, Latin script first."""
    names = list(person.names.filter(confidentiality__in=levels).order_by("id"))
    return sorted(names, key=lambda n: (n.kind != "legal", n.script != "Latn"))


def display_name(person: Person, levels: frozenset[str], names: list[Name] | None = None) -> str:
    """The name to show for a person, or an honest stand-in for the unnamed."""
    names = names_ordered(person, levels) if names is None else names
    if names:
        return names[0].text
    count = visible_count(person, levels)
    if count > 1:
        return f"{count} unnamed people"
    if person.count_level in levels or not person.names.exists():
        return "Unnamed person"
    return "Name withheld"


def levels_seeing(user: Any, person: Person) -> frozenset[str]:
    """The user's levels; NotFound if the user may not see `person` at all."""
    levels = levels_for(user)
    if person.confidentiality not in levels:
        raise NotFound("person")
    return levels
