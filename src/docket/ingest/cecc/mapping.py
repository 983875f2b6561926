"""One row of a CECC Political Prisoner Database export -> the facts of one person.

Pure: no database. Column meanings follow CECC's export (../shared/corpus/README.md):
a trailing `?` marks an unconfirmed value (the claim is "alleged", otherwise
"confirmed"), dates are `YYYY/MM/DD` with `mm`/`dd` for unknown parts, `(na)` means not
applicable, `???` is a name in Chinese characters lost by an earlier encoding. A value
that cannot be stored is dropped with a warning; the rest of the row is still imported.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

from docket.cases.fields import SPECS
from docket.core.errors import ApplicationError
from docket.ingest.cecc.process import process_events, sentence_fact, status_facts
from docket.ingest.cecc.row import (
    MAX_SUMMARY,
    METHOD,
    NUMBER,
    THE_CASE,
    CeccRecord,
    Fact,
    InstitutionRef,
    RowError,
    cell,
    institution_name,
    parse_date,
    strip_unsure,
    summary_text,
    veracity,
)
from docket.ingest.cecc.statutes import parse_statutes


def _names(row: dict[str, str], warn: Callable[[str], None]) -> list[Fact]:
    facts: list[Fact] = []
    columns = (
        ("Chinese.characters..main.name.", "legal"),
        ("alternate.name..lay.or.pen.", "alias"),
        ("additional.name.s.", "alias"),
        ("pinyin.name", "transliteration"),
    )
    main, unsure = strip_unsure(cell(row, "main.name"))
    facts.append(Fact("name", {"text": main}, veracity(unsure), main))
    for column, kind in columns:
        for part in cell(row, column).split(","):
            text, unsure = strip_unsure(part)
            if not text or "?" in text:  # "???": characters lost in the export
                continue
            han = bool(_HAN.search(text))
            value: dict[str, Any] = {"text": text, "kind": kind}
            if han:
                value |= {"script": "Hans", "language": "zh"}
            elif kind == "transliteration":
                value["language"] = "zh-Latn-pinyin"
            elif column.startswith("Chinese"):
                warn(f"{column}: '{text[:40]}' has no Chinese characters; left out")
                continue
            facts.append(Fact("name", value, veracity(unsure), text))
    return facts


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _person(row: dict[str, str], detained: str | None, warn: Callable[[str], None]) -> list[Fact]:
    facts: list[Fact] = []
    sex = {"M": "male", "F": "female"}.get(cell(row, "Sex").rstrip("?").upper())
    if sex:
        facts.append(Fact("sex", sex, veracity(cell(row, "Sex").endswith("?"))))
    age, unsure = strip_unsure(cell(row, "Age"))
    if age:
        if age.isdigit() and int(age) <= 150:
            facts.append(Fact("age", {"age": int(age), "as_of": detained}, veracity(unsure)))
        else:
            warn(f"Age: '{age[:20]}' is not an age in years; left out")
    for column, field in (
        ("ethnic_group", "ethnicity"),
        ("religion", "religion"),
        ("occupation", "occupation"),
    ):
        value, unsure = strip_unsure(cell(row, column).replace("(unspec.)", "").strip())
        if value:
            facts.append(Fact(field, value, veracity(unsure), value))
    return facts


def _place(row: dict[str, str]) -> tuple[str, str, str]:
    """(province, prefecture, county) of the place of detention."""
    parts = (
        cell(row, "province_imprisoned_detained"),
        cell(row, "prefecture_imprisoned_detained"),
        cell(row, "county_imprisoned_detained"),
    )
    return parts[0][:100], parts[1][:100], parts[2][:100]


def facility_kind(name: str) -> str:
    """Guess an institution kind from a facility's name as CECC writes it."""
    low = name.casefold()
    if re.search(r"\bprison\b|\bpr\.|\bjail\b", low):
        return "prison"
    if re.search(r"\brtl\b|re-?education|reform through labou?r|\bcamp\b|transformation", low):
        return "camp"
    if re.search(r"det\.|detention|ankang|psychiatric|\bhouse\b|custody", low):
        return "detention_facility"
    if re.search(r"\bpsb\b|public security|police", low):
        return "police"
    return "detention_facility"


def _facility(row: dict[str, str]) -> Fact | None:
    raw = cell(row, "current_last_prison_detentioncenter")
    if not raw:
        return None
    name, unsure = strip_unsure(raw)
    province, prefecture, county = _place(row)
    place = ", ".join(p for p in (county, prefecture, province) if p)[:200]
    value: dict[str, Any] = {
        "type": "detention",
        "case": THE_CASE,
        "description": "last known place of detention",
    }
    general = re.search(r"\(general location\)|^residence\b", name, re.IGNORECASE)
    if general:
        where = re.sub(r"\s*\(general location\)\s*", " ", name).strip().rstrip("?").strip()
        value["place"] = where[:200] or place
        unsure = unsure or "?" in name
        return Fact("event", value, veracity(unsure), name)
    short = institution_name(name)
    if short != name:
        value["description"] += f", recorded as {name}"
    kind = facility_kind(name)
    value["institution"] = InstitutionRef(short, kind, region=province, city=prefecture)
    value["place"] = place
    return Fact("event", value, veracity(unsure), short)


def _charges(row: dict[str, str], warn: Callable[[str], None]) -> list[Fact]:
    statutes, unknown = parse_statutes(cell(row, "charge_statute"))
    facts = [
        Fact(
            "charge",
            {"text": s.text, "category": s.category, "statute": s.code, "case": THE_CASE},
        )
        for s in statutes
    ]
    for code in unknown:
        warn(f"charge_statute: code '{code[:40]}' not understood; kept as category other")
        value = {"text": code[:1000], "category": "other", "statute": code[:200], "case": THE_CASE}
        facts.append(Fact("charge", value))
    return facts


def _checkable(value: Any) -> Any:
    """The value with placeholders as the field specs accept them (refs checked later)."""
    if not isinstance(value, dict):
        return value
    return {k: 1 if k in ("case", "institution") else v for k, v in value.items()}


def _valid(facts: list[Fact], warn: Callable[[str], None]) -> list[Fact]:
    """Facts the claim fields accept, once each; the others dropped with a warning."""
    kept: list[Fact] = []
    seen: set[str] = set()
    for fact in facts:
        try:
            SPECS[fact.field].normalise(_checkable(fact.value))
        except ApplicationError as exc:
            warn(f"{fact.field}: {exc.message}; left out")
            continue
        key = repr((fact.field, fact.value, fact.veracity))
        if key not in seen:
            seen.add(key)
            kept.append(fact)
    return kept


def original_bytes(row: dict[str, str]) -> bytes:
    """The row as stored in its Source: JSON in the file's column order."""
    return json.dumps(row, ensure_ascii=False).encode("utf-8")


def fingerprint(original: bytes) -> str:
    """Identifies a record's content as this importer version reads it."""
    return hashlib.sha256(f"{METHOD}\n".encode() + original).hexdigest()


def map_row(row: dict[str, str], line: int) -> CeccRecord:
    """Map one CSV row (a dict by column) to a CeccRecord; raise RowError if unusable."""
    warnings: list[str] = []
    warn = warnings.append
    number = cell(row, NUMBER)
    if not number or len(number) > 200:
        raise RowError(f"no usable {NUMBER}")
    name, _ = strip_unsure(cell(row, "main.name"))
    if not name or "?" in name or len(name) > 300:
        raise RowError("no usable main.name")
    text = summary_text(row.get("short_summary") or "")[:MAX_SUMMARY]
    original = original_bytes(row)
    dates = {
        key: parse_date(cell(row, column), warn, column)
        for key, column in (
            ("detained", "date_of_detention"),
            ("arrested", "formal_arrest_date"),
            ("trial", "trial_date"),
            ("sentenced", "sentence_date"),
            ("appealed", "appeal_date"),
            ("ruled", "appeal_ruling_date"),
            ("ends", "sentence_ends_per_PRC"),
            ("released", "actual_date_released"),
        )
    }
    facts = _names(row, warn) + _person(row, dates["detained"], warn)
    events, steps = process_events(row, dates, warn)
    status, implied = status_facts(cell(row, "detention_status"), steps, events)
    facts += status + events
    facility = _facility(row)
    if facility is not None:
        facts.append(facility)
    facts += _charges(row, warn)
    sentence = sentence_fact(row, steps, implied, warn)
    if sentence is not None:
        facts.append(sentence)
    facts.append(Fact("membership", {"case": THE_CASE, "role": "victim"}))
    return CeccRecord(
        number=number,
        line=line,
        name=name,
        text=text,
        original=original,
        fingerprint=fingerprint(original),
        facts=tuple(_valid(facts, warn)),
        warnings=tuple(warnings),
    )
