"""What a claim may say: one spec per claim field, with its value shape and checks.

A claim's `value` is JSON. Each spec normalises an input value (a plain string is
accepted where one part is enough: `"Uyghur"`, `"torture"`), checks it against the
vocabularies and limits, and says whether the field is single-valued (a Person column;
disagreeing accepted claims are a conflict) or multi-valued (rows of the projection).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docket.core import edtf
from docket.core.errors import ApplicationError, field_error
from docket.vocab import terms

PERSON = "person"
CASE = "case"

MAX_TEXT = 1000
MAX_NAME = 300
MAX_MONTHS = 12 * 120
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def _err(part: str, message: str) -> ApplicationError:
    return field_error(f"value.{part}" if part else "value", message)


def _text(value: Any, part: str, *, limit: int, required: bool = True) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise _err(part, f"{part or 'value'} must be text")
    text = " ".join(value.split())
    if required and not text:
        raise _err(part, f"{part or 'value'} is required")
    if len(text) > limit:
        raise _err(part, f"{part or 'value'} is longer than {limit} characters")
    return text


def _int(value: Any, part: str, *, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _err(part, f"{part or 'value'} must be a whole number")
    if not low <= value <= high:
        raise _err(part, f"{part or 'value'} must be between {low} and {high}, not {value}")
    return value


def _date(value: Any, part: str) -> str | None:
    try:
        parsed = edtf.parse_optional(value)
    except ApplicationError as exc:
        raise _err(part, exc.message) from exc
    return parsed.text if parsed else None


def _ref(value: Any, part: str) -> int | None:
    if value is None:
        return None
    return _int(value, part, low=1, high=2**62)


def _term(vocabulary: Any, value: Any, part: str, what: str) -> str:
    return terms.check(vocabulary, value, field=f"value.{part}" if part else "value", what=what)


def _as_dict(value: Any, main: str) -> dict[str, Any]:
    """A plain scalar stands for the main part: "torture" -> {"type": "torture"}."""
    if isinstance(value, dict):
        return value
    return {main: value}


def _only(value: dict[str, Any], allowed: set[str]) -> None:
    extra = sorted(set(value) - allowed)
    if extra:
        raise _err("", f"unknown parts {extra}; allowed: {sorted(allowed)}")


def _name(value: Any) -> dict[str, Any]:
    v = _as_dict(value, "text")
    _only(v, {"text", "script", "kind", "language"})
    language = _text(v.get("language"), "language", limit=35, required=False)
    if language and not _LANGUAGE.match(language):
        raise _err("language", f"'{language}' is not a language tag such as en, ug, zh-Hans")
    return {
        "text": _text(v.get("text"), "text", limit=MAX_NAME),
        "script": _term(terms.SCRIPTS, v.get("script", "Latn"), "script", "script"),
        "kind": _term(terms.NAME_KINDS, v.get("kind", "legal"), "kind", "name kind"),
        "language": language,
    }


def _sex(value: Any) -> str:
    return _term(terms.SEXES, value, "", "sex")


def _birth_year(value: Any) -> int:
    return _int(value, "", low=1000, high=9999)


def _age(value: Any) -> dict[str, Any]:
    v = _as_dict(value, "age")
    _only(v, {"age", "as_of"})
    return {
        "age": _int(v.get("age"), "age", low=0, high=150),
        "as_of": _date(v.get("as_of"), "as_of"),
    }


def _ethnicity(value: Any) -> str:
    return terms.canonical_ethnicity(value, field="value")


def _religion(value: Any) -> str:
    return _text(value, "", limit=100)


def _status(value: Any) -> str:
    return _term(terms.PERSON_STATUSES, value, "", "status")


def _count(value: Any) -> int:
    return _int(value, "", low=1, high=10_000_000)


def _occupation(value: Any) -> str:
    return _text(value, "", limit=200)


def _membership(value: Any) -> dict[str, Any]:
    v = _as_dict(value, "case")
    _only(v, {"case", "role"})
    case = _ref(v.get("case"), "case")
    if case is None:
        raise _err("case", "case is required")
    return {
        "case": case,
        "role": _term(terms.PERSON_ROLES, v.get("role", "victim"), "role", "role"),
    }


def _event(value: Any) -> dict[str, Any]:
    v = _as_dict(value, "type")
    _only(v, {"type", "date", "place", "institution", "case", "description"})
    return {
        "type": _term(terms.EVENT_TYPES, v.get("type"), "type", "event type"),
        "date": _date(v.get("date"), "date"),
        "place": _text(v.get("place"), "place", limit=200, required=False),
        "institution": _ref(v.get("institution"), "institution"),
        "case": _ref(v.get("case"), "case"),
        "description": _text(v.get("description"), "description", limit=MAX_TEXT, required=False),
    }


def _charge(value: Any) -> dict[str, Any]:
    v = _as_dict(value, "text")
    _only(v, {"text", "category", "statute", "case"})
    category = v.get("category")
    if category not in terms.charge_categories():
        known = ", ".join(terms.charge_categories())
        raise _err("category", f"unknown charge category '{category}'; known: {known}")
    return {
        "text": _text(v.get("text"), "text", limit=MAX_TEXT),
        "category": category,
        "statute": _text(v.get("statute"), "statute", limit=200, required=False),
        "case": _ref(v.get("case"), "case"),
    }


def _flag(value: Any, part: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise _err(part, f"{part} must be true or false")
    return value


def _sentence(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _err("", 'a sentence is an object such as {"min_months": 78}')
    _only(value, {"min_months", "max_months", "life", "death", "suspended", "start", "case"})
    life, death = _flag(value.get("life"), "life"), _flag(value.get("death"), "death")
    suspended = _flag(value.get("suspended"), "suspended")
    low, high = value.get("min_months"), value.get("max_months")
    if low is None and high is not None:
        low = high
    if low is not None:
        low = _int(low, "min_months", low=0, high=MAX_MONTHS)
        high = low if high is None else _int(high, "max_months", low=0, high=MAX_MONTHS)
        if high < low:
            raise _err("max_months", f"max_months ({high}) is less than min_months ({low})")
    if life and death:
        raise _err("", "a sentence is life or death, not both")
    if low is None and not (life or death):
        raise _err("min_months", "give min_months (and max_months for a range), life or death")
    if suspended and not death:
        raise _err("suspended", "only a death sentence is recorded as suspended")
    return {
        "min_months": None if life or death else low,
        "max_months": None if life or death else high,
        "life": life,
        "death": death,
        "suspended": suspended,
        "start": _date(value.get("start"), "start"),
        "case": _ref(value.get("case"), "case"),
    }


def _allegation(value: Any) -> dict[str, Any]:
    v = _as_dict(value, "type")
    _only(v, {"type", "case"})
    return {
        "type": _term(terms.ALLEGATION_TYPES, v.get("type"), "type", "allegation type"),
        "case": _ref(v.get("case"), "case"),
    }


def _intervention(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _err("", 'an intervention is an object such as {"kind": ..., "by": ...}')
    _only(value, {"kind", "by", "date", "response", "case"})
    return {
        "kind": _term(terms.INTERVENTION_KINDS, value.get("kind"), "kind", "intervention kind"),
        "by": _text(value.get("by"), "by", limit=300),
        "date": _date(value.get("date"), "date"),
        "response": _text(value.get("response"), "response", limit=2000, required=False),
        "case": _ref(value.get("case"), "case"),
    }


def _age_agrees(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Ages agree when the birth years they imply overlap (33 in 2024 = 34 in 2025)."""
    if a == b:
        return True
    if not (a.get("as_of") and b.get("as_of")):
        return bool(a["age"] == b["age"])
    span_a, span_b = edtf.parse(a["as_of"]), edtf.parse(b["as_of"])
    assert span_a.lower and span_a.upper and span_b.lower and span_b.upper
    # Born between (as_of.lower - age - 1 year) and (as_of.upper - age).
    low_a, high_a = span_a.lower.year - a["age"] - 1, span_a.upper.year - a["age"]
    low_b, high_b = span_b.lower.year - b["age"] - 1, span_b.upper.year - b["age"]
    return low_a <= high_b and low_b <= high_a


def _equal(a: Any, b: Any) -> bool:
    return bool(a == b)


@dataclass(frozen=True)
class FieldSpec:
    """How one claim field is checked, stored and compared."""

    name: str
    label: str
    subjects: frozenset[str]
    normalise: Callable[[Any], Any]
    single: bool = False
    agrees: Callable[[Any, Any], bool] = _equal
    # For single-valued fields kept as rows (a sentence per case): the conflict group.
    group: Callable[[Any], Any] | None = None


_P, _C = frozenset({PERSON}), frozenset({CASE})
SPECS: dict[str, FieldSpec] = {
    s.name: s
    for s in (
        FieldSpec("name", "Name", _P, _name),
        FieldSpec("sex", "Sex", _P, _sex, single=True),
        FieldSpec("birth_year", "Birth year", _P, _birth_year, single=True),
        FieldSpec("age", "Age", _P, _age, single=True, agrees=_age_agrees),
        FieldSpec("ethnicity", "Ethnicity", _P, _ethnicity, single=True),
        FieldSpec("religion", "Religion", _P, _religion, single=True),
        FieldSpec("status", "Status", _P, _status, single=True),
        FieldSpec("count", "Number of people", _P, _count, single=True),
        FieldSpec("occupation", "Occupation", _P, _occupation),
        FieldSpec("membership", "Case role", _P, _membership),
        FieldSpec("event", "Event", _P, _event),
        FieldSpec("charge", "Charge", _P, _charge),
        FieldSpec("sentence", "Sentence", _P, _sentence, group=lambda v: v.get("case")),
        FieldSpec("allegation", "Allegation", _P, _allegation),
        FieldSpec("intervention", "Intervention", _P | _C, _intervention),
    )
}

# Single-valued facts kept as Person columns: field -> columns set from the value.
PERSON_COLUMNS: dict[str, tuple[str, ...]] = {
    "sex": ("sex",),
    "birth_year": ("birth_year",),
    "age": ("age", "age_as_of"),
    "ethnicity": ("ethnicity",),
    "religion": ("religion",),
    "status": ("status",),
    "count": ("count",),
}


def spec_for(field: str) -> FieldSpec:
    """Return the spec of `field` or raise a clear ApplicationError."""
    spec = SPECS.get(field)
    if spec is None:
        raise field_error("field", f"unknown claim field '{field}'; known: {', '.join(SPECS)}")
    return spec


_EMPTY_COLUMN: dict[str, Any] = {
    "sex": "",
    "birth_year": None,
    "ethnicity": "",
    "religion": "",
    "status": "",
    "count": 1,
}


def column_values(field: str, value: Any) -> dict[str, Any]:
    """Return the Person column values for a single-valued `field`; None clears them."""
    if field == "age":
        if value is None:
            return {"age": None, "age_as_of": ""}
        return {"age": value["age"], "age_as_of": value["as_of"] or ""}
    return {field: _EMPTY_COLUMN[field] if value is None else value}


def describe(field: str, value: Any) -> str:
    """Return a short text for a claim value, for people (lists, conflicts, audit)."""
    if field == "name":
        return str(value["text"])
    if field == "age":
        as_of = f" (as of {edtf.parse(value['as_of']).human()})" if value["as_of"] else ""
        return f"{value['age']}{as_of}"
    if field == "sentence":
        return sentence_text(value)
    if field == "charge":
        return f"{value['text']} ({terms.label(terms.charge_category_labels(), value['category'])})"
    if field == "event":
        when = edtf.parse(value["date"]).human() if value["date"] else "date unknown"
        return f"{terms.label(terms.EVENT_TYPES, value['type'])}, {when}"
    if field == "allegation":
        return terms.label(terms.ALLEGATION_TYPES, value["type"])
    if field == "intervention":
        return f"{terms.label(terms.INTERVENTION_KINDS, value['kind'])} by {value['by']}"
    if field == "membership":
        return f"{terms.label(terms.PERSON_ROLES, value['role'])} in case {value['case']}"
    if field == "status":
        return terms.label(terms.PERSON_STATUSES, value)
    return str(value)


def _months_text(months: int) -> str:
    years, rest = divmod(months, 12)
    if rest == 0 and years:
        return f"{years} year{'s' if years != 1 else ''}"
    return f"{months} months"


def sentence_text(value: dict[str, Any]) -> str:
    """Return "78 months", "144 to 180 months (12 years to 15 years)", "life", "death"."""
    if value.get("death"):
        return "death (suspended)" if value.get("suspended") else "death"
    if value.get("life"):
        return "life"
    low, high = value["min_months"], value["max_months"]
    if low == high:
        return f"{low} months" if low % 12 else f"{low} months ({_months_text(low)})"
    return f"{low} to {high} months ({_months_text(low)} to {_months_text(high)})"
