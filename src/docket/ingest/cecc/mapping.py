"""One row of a CECC Political Prisoner Database export -> the facts of one person.

Pure: no database. Column meanings follow CECC's export (../shared/corpus/README.md):
a trailing `?` marks an unconfirmed value (the claim is "alleged", otherwise
"confirmed"), dates are `YYYY/MM/DD` with `mm`/`dd` for unknown parts, `(na)` means not
applicable, `???` is a name in Chinese characters lost by an earlier encoding. A value
that cannot be stored is dropped with a warning; the rest of the row is still imported.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docket.cases.fields import SPECS
from docket.core import edtf
from docket.core.errors import ApplicationError
from docket.ingest.cecc.statutes import parse_statutes

VERSION = "1"
METHOD = f"import:cecc {VERSION}"
SCHEME = "cecc"
NUMBER = "CECC_record_number"
REQUIRED = (NUMBER, "main.name", "detention_status", "legal_process", "short_summary")
ALLEGED, CONFIRMED = "alleged", "confirmed"
MAX_SUMMARY = 100_000


class RowError(ApplicationError):
    """A row that cannot be imported at all (no record number, no name...)."""


@dataclass(frozen=True)
class InstitutionRef:
    """An institution to find or create before the claims that cite it."""

    name: str
    kind: str
    region: str = ""
    city: str = ""


class _CaseRef:
    def __repr__(self) -> str:
        return "THE_CASE"


# Stands for the record's case in fact values until the case exists.
THE_CASE: Any = _CaseRef()


@dataclass(frozen=True)
class Fact:
    """A claim to be: field, value (with THE_CASE / InstitutionRef placeholders), veracity,
    and the words to look for in the summary as its evidence."""

    field: str
    value: Any
    veracity: str = CONFIRMED
    words: str = ""


@dataclass(frozen=True)
class CeccRecord:
    """A mapped row: what the importer writes for it."""

    number: str
    line: int
    name: str
    text: str
    original: bytes
    fingerprint: str
    facts: tuple[Fact, ...]
    warnings: tuple[str, ...]


def _cell(row: dict[str, str], column: str) -> str:
    value = row.get(column) or ""
    value = " ".join(value.split())
    return "" if value in ("(na)", "na", "n/a") else value


def _unsure(value: str) -> tuple[str, bool]:
    """Strip the marks of an unconfirmed value: "Han?", "(Dorje?)", "[Pasang?]", "X (?)"."""
    text = value.strip()
    unsure = False
    if len(text) > 2 and text[0] + text[-1] in ("()", "[]"):
        text, unsure = text[1:-1].strip(), True
    for mark in ("(?)", "?"):
        if text.endswith(mark):
            text, unsure = text[: -len(mark)].strip(), True
    return text, unsure


def _veracity(unsure: bool) -> str:
    return ALLEGED if unsure else CONFIRMED


def summary_text(raw: str) -> str:
    """The summary as plain text: HTML tags dropped (link words kept), entities decoded."""
    return html.unescape(re.sub(r"<[^>]*>", "", raw)).strip()


_DATE = re.compile(r"^(?P<y>\d{4})/(?P<m>\d{2}|mm)/(?P<d>\d{2}|dd)$", re.IGNORECASE)


def parse_date(value: str, warn: Callable[[str], None], column: str) -> str | None:
    """`2008/03/dd` -> "2008-03"; an impossible day or month lowers the precision."""
    if not value:
        return None
    match = _DATE.match(value)
    if match is None:
        warn(f"{column}: '{value[:40]}' is not a YYYY/MM/DD date; left out")
        return None
    year, month, day = match.group("y", "m", "d")
    candidates = [year]
    if month.isdigit():
        candidates.insert(0, f"{year}-{month}")
        if day.isdigit():
            candidates.insert(0, f"{year}-{month}-{day}")
    for n, text in enumerate(candidates):
        try:
            edtf.parse(text)
        except edtf.EDTFError:
            continue
        if n:
            warn(f"{column}: '{value}' cannot exist; kept as {text}")
        return text
    warn(f"{column}: '{value}' cannot exist; left out")
    return None


def _names(row: dict[str, str], warn: Callable[[str], None]) -> list[Fact]:
    facts: list[Fact] = []
    columns = (
        ("Chinese.characters..main.name.", "legal"),
        ("alternate.name..lay.or.pen.", "alias"),
        ("additional.name.s.", "alias"),
        ("pinyin.name", "transliteration"),
    )
    main, unsure = _unsure(_cell(row, "main.name"))
    facts.append(Fact("name", {"text": main}, _veracity(unsure), main))
    for column, kind in columns:
        for part in _cell(row, column).split(","):
            text, unsure = _unsure(part)
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
            facts.append(Fact("name", value, _veracity(unsure), text))
    return facts


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _person(row: dict[str, str], detained: str | None, warn: Callable[[str], None]) -> list[Fact]:
    facts: list[Fact] = []
    sex = {"M": "male", "F": "female"}.get(_cell(row, "Sex").rstrip("?").upper())
    if sex:
        facts.append(Fact("sex", sex, _veracity(_cell(row, "Sex").endswith("?"))))
    age, unsure = _unsure(_cell(row, "Age"))
    if age:
        if age.isdigit() and int(age) <= 150:
            facts.append(Fact("age", {"age": int(age), "as_of": detained}, _veracity(unsure)))
        else:
            warn(f"Age: '{age[:20]}' is not an age in years; left out")
    for column, field in (
        ("ethnic_group", "ethnicity"),
        ("religion", "religion"),
        ("occupation", "occupation"),
    ):
        value, unsure = _unsure(_cell(row, column))
        if value:
            facts.append(Fact(field, value, _veracity(unsure), value))
    return facts


def _place(row: dict[str, str]) -> tuple[str, str, str]:
    """(province, prefecture, county) of the place of detention."""
    parts = (
        _cell(row, "province_imprisoned_detained"),
        _cell(row, "prefecture_imprisoned_detained"),
        _cell(row, "county_imprisoned_detained"),
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
    raw = _cell(row, "current_last_prison_detentioncenter")
    if not raw:
        return None
    name, unsure = _unsure(raw)
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
    else:
        value["institution"] = InstitutionRef(
            name[:300], facility_kind(name), region=province, city=prefecture
        )
        value["place"] = place
    return Fact("event", value, _veracity(unsure), name)


@dataclass
class _Step:
    """A legal process token: "sent-app?" -> base "sent", modifiers ["app"], unsure."""

    base: str
    modifiers: list[str]
    unsure: bool


def _steps(value: str) -> list[_Step]:
    steps = []
    for step in value.split("/"):
        unsure = "?" in step
        parts = [p for p in step.replace("?", "").strip().split("-") if p]
        if parts:
            steps.append(_Step(parts[0].lower(), [m.lower() for m in parts[1:]], unsure))
    return steps


_ADMIN = {
    "rtl": "re-education through labor (RTL)",
    "psych": "psychiatric detention",
    "ankang": "psychiatric detention (Ankang)",
    "other": "administrative detention",
}
_TRIAL = {"close": "closed trial", "open": "open trial", "retri": "retrial"}
_SENTENCE = {
    "close": "closed sentencing",
    "open": "public sentencing",
    "suspend": "suspended sentence",
    "house": "sentenced to house arrest",
}


def _court(row: dict[str, str], column: str) -> InstitutionRef | None:
    name = _cell(row, column)
    return InstitutionRef(name[:300], "court") if name else None


def _event(kind: str, date: str | None, unsure: bool, **extra: Any) -> Fact:
    value = {"type": kind, "date": date, "case": THE_CASE} | {k: v for k, v in extra.items() if v}
    court = value.get("institution")
    return Fact("event", value, _veracity(unsure), court.name if court else "")


def _process(
    row: dict[str, str], dates: dict[str, str | None], warn: Callable[[str], None]
) -> tuple[list[Fact], list[_Step]]:
    """Events of the legal process: detention, charge, trial, sentence, appeal, release."""
    steps = _steps(_cell(row, "legal_process"))
    facts: list[Fact] = []
    custody = [s for s in steps if s.base in ("psb", "admin")]
    notes = []
    for step in custody:
        if step.base == "psb":
            notes.append("house arrest" if "house" in step.modifiers else "held by police (PSB)")
    if dates["detained"] or custody:
        unsure = bool(custody) and all(s.unsure for s in custody)
        facts.append(_event("detention", dates["detained"], unsure, description="; ".join(notes)))
    if dates["arrested"]:
        facts.append(_event("formal_arrest", dates["arrested"], False))
    seen = set()
    for step in steps:
        mods = step.modifiers
        if step.base == "chg":
            facts.append(_event("charge", None, step.unsure))
        elif step.base == "tri":
            what = "; ".join(_TRIAL[m] for m in mods if m in _TRIAL)
            court = _court(row, "trial_court")
            facts.append(
                _event("trial", dates["trial"], step.unsure, institution=court, description=what)
            )
        elif step.base == "sent":
            what = "; ".join(_SENTENCE[m] for m in mods if m in _SENTENCE)
            court = _court(row, "sentence_court")
            facts.append(
                _event(
                    "sentence", dates["sentenced"], step.unsure, institution=court, description=what
                )
            )
        elif step.base == "admin":
            what = next((_ADMIN[m] for m in mods if m in _ADMIN), _ADMIN["other"])
            facts.append(
                _event(
                    "sentence", None, step.unsure, description=f"administrative punishment: {what}"
                )
            )
            facts.append(
                Fact(
                    "charge",
                    {"text": what, "category": "administrative", "case": THE_CASE},
                    _veracity(step.unsure),
                )
            )
            if "trans" in mods:
                facts.append(_event("transfer", None, step.unsure))
        elif step.base == "rel":
            by = "released by police (PSB)" if "psb" in mods else ""
            facts.append(_event("release", dates["released"], step.unsure, description=by))
            seen.add("release")
        elif step.base in ("dec", "exe"):
            facts.append(
                _event(
                    "death", None, step.unsure, description="executed" if step.base == "exe" else ""
                )
            )
            seen.add("death")
        elif step.base == "esc":
            facts.append(_event("other", None, step.unsure, description="escaped"))
        elif step.base != "psb":
            warn(f"legal_process: step '{step.base}' not understood; left out")
        if "app" in mods and "appeal" not in seen:
            seen.add("appeal")
    if "appeal" in seen or dates["appealed"] or _cell(row, "appeal_court"):
        unsure = any(s.unsure for s in steps if "app" in s.modifiers)
        facts.append(
            _event("appeal", dates["appealed"], unsure, institution=_court(row, "appeal_court"))
        )
    if dates["ruled"] or _cell(row, "appeal_ruling_court"):
        court = _court(row, "appeal_ruling_court")
        facts.append(
            _event(
                "appeal", dates["ruled"], False, institution=court, description="ruling on appeal"
            )
        )
    if dates["released"] and "release" not in seen:
        facts.append(_event("release", dates["released"], False))
    if dates["ends"]:
        facts.append(
            _event("sentence_end", dates["ends"], False, description="per PRC authorities")
        )
    return facts, steps


_STATUS_NOTES = {
    "bail": "on bail",
    "med": "on medical parole",
    "surveil": "under residential surveillance",
    "suspend": "sentence suspended",
}


def _status(code: str, steps: list[_Step], facts: list[Fact]) -> tuple[list[Fact], Fact | None]:
    """Status (DET, REL, DEC, ESC, HOUSE and their notes) -> a status claim, events, and
    a sentence it implies (life, suspended death, execution)."""
    if not code:
        return [], None
    head, *notes = (p.strip() for p in code.split("/"))
    main, *kinds = head.replace("?", "").upper().split("-")
    unsure = "?" in head or "?" in notes
    notes = [n for n in notes if n != "?"]
    sentenced = any(s.base == "sent" and not s.unsure for s in steps)
    status = {
        "DET": "sentenced" if sentenced else "detained",
        "HOUSE": "detained",
        "REL": "released",
        "DEC": "deceased",
    }.get(main)
    if any(n.rstrip("?").lower() == "dec" for n in notes):
        status = "deceased"
    out = [Fact("status", status, _veracity(unsure))] if status else []
    died = any(f.field == "event" and f.value["type"] == "death" for f in facts)
    if status == "deceased" and not died:
        how = {"EXE": "executed", "ILL": "died of illness"}.get(kinds[0] if kinds else "", "")
        out.append(_event("death", None, unsure, description=how))
    if main == "ESC" and not any(s.base == "esc" for s in steps):
        out.append(_event("other", None, unsure, description="escaped"))
    if main == "HOUSE":
        out.append(_event("detention", None, unsure, description="house arrest"))
    sentence = None
    for note in notes:
        word, note_unsure = note.rstrip("?").lower(), note.endswith("?")
        if word == "life":
            sentence = Fact("sentence", {"life": True, "case": THE_CASE}, _veracity(note_unsure))
        elif word == "dth-r":
            value = {"death": True, "suspended": True, "case": THE_CASE}
            sentence = Fact("sentence", value, _veracity(note_unsure))
        elif word in _STATUS_NOTES:
            out.append(_event("other", None, note_unsure, description=_STATUS_NOTES[word]))
    if kinds and kinds[0] == "EXE":
        sentence = Fact("sentence", {"death": True, "case": THE_CASE}, _veracity(unsure))
    return out, sentence


_TERM_COLUMNS = (
    ("current_last_sentence_or_time_served_years", 12.0),
    ("current_last_sentence_or_time_served_months", 1.0),
    ("current_last_sentence_or_time_served_weeks", 7 / (365.25 / 12)),
    ("current_last_sentence_or_time_served_days", 1 / (365.25 / 12)),
)


def _term(row: dict[str, str], warn: Callable[[str], None]) -> tuple[int, int] | None:
    """Years, months, weeks and days in months: whole months exactly, else the two
    whole numbers around it (10 days -> 0 to 1 months)."""
    total = 0.0
    for column, months in _TERM_COLUMNS:
        value = _cell(row, column).rstrip("?")
        if not value:
            continue
        if not value.isdigit():
            warn(f"{column}: '{value[:20]}' is not a whole number; left out")
            continue
        total += int(value) * months
    if total <= 0:
        return None
    low, high = math.floor(total + 1e-9), math.ceil(total - 1e-9)
    return low, max(low, high)


def _sentence(
    row: dict[str, str], steps: list[_Step], implied: Fact | None, warn: Callable[[str], None]
) -> Fact | None:
    """The term counts as a sentence only after a sentence or an administrative punishment;
    otherwise CECC's term columns hold the time served."""
    if implied is not None:
        return implied
    judged = [s for s in steps if s.base in ("sent", "admin")]
    term = _term(row, warn) if judged else None
    if term is None:
        return None
    value = {"min_months": term[0], "max_months": term[1], "case": THE_CASE}
    return Fact("sentence", value, _veracity(all(s.unsure for s in judged)))


def _charges(row: dict[str, str], warn: Callable[[str], None]) -> list[Fact]:
    statutes, unknown = parse_statutes(_cell(row, "charge_statute"))
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
    number = _cell(row, NUMBER)
    if not number or len(number) > 200:
        raise RowError(f"no usable {NUMBER}")
    name, _ = _unsure(_cell(row, "main.name"))
    if not name or "?" in name or len(name) > 300:
        raise RowError("no usable main.name")
    text = summary_text(row.get("short_summary") or "")[:MAX_SUMMARY]
    original = original_bytes(row)
    dates = {
        key: parse_date(_cell(row, column), warn, column)
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
    events, steps = _process(row, dates, warn)
    status, implied = _status(_cell(row, "detention_status"), steps, events)
    facts += status + events
    facility = _facility(row)
    if facility is not None:
        facts.append(facility)
    facts += _charges(row, warn)
    sentence = _sentence(row, steps, implied, warn)
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
