"""`{% load records %}`: vocabulary labels and claim values, as people read them."""

from typing import Any

from django import template

from docket.cases.fields import SPECS, describe
from docket.vocab import terms

register = template.Library()


@register.filter
def term(value: str, vocabulary: str) -> str:
    """`{{ name.kind|term:"name_kinds" }}` -> "Legal name" (unknown ids shown as they are)."""
    return terms.label(getattr(terms, vocabulary.upper()), value)


@register.filter
def claim_text(claim: Any) -> str:
    """A claim's value in words: "Conviction, January 2024", "78 months (6 years 6 months)"."""
    try:
        return describe(claim.field, claim.value)
    except (KeyError, TypeError, ValueError):
        return str(claim.value)


@register.filter
def field_label(field: str) -> str:
    """`{{ claim.field|field_label }}` -> "Birth year"."""
    return SPECS[field].label if field in SPECS else field


@register.filter
def as_list(item: Any) -> list[Any]:
    """`{% include ... with evidence=ev|as_list %}`: one item where a list is expected."""
    return [item]
