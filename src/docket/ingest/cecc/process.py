"""A CECC record's legal process, status and term as events, a status and a sentence.

`legal_process` is a list of steps ("PSB/chg/tri?/sent-app/rel"): police custody, charge,
trial, sentence (with appeal), administrative punishment (re-education through labour,
psychiatric detention), release, death, escape; `detention_status` is DET, REL, DEC,
ESC or HOUSE with notes (life, dth-r, bail...). Pure: no database.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docket.ingest.cecc.row import (
    THE_CASE,
    Fact,
    InstitutionRef,
    cell,
    veracity,
)


@dataclass
class Step:
    """A legal process token: "sent-app?" -> base "sent", modifiers ["app"], unsure."""

    base: str
    modifiers: list[str]
    unsure: bool


def _steps(value: str) -> list[Step]:
    steps = []
    for step in value.split("/"):
        unsure = "?" in step
        parts = [p for p in step.replace("?", "").strip().split("-") if p]
        if parts:
            steps.append(Step(parts[0].lower(), [m.lower() for m in parts[1:]], unsure))
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
    name = cell(row, column)
    return InstitutionRef(name[:300], "court") if name else None


def _event(kind: str, date: str | None, unsure: bool, **extra: Any) -> Fact:
    value = {"type": kind, "date": date, "case": THE_CASE} | {k: v for k, v in extra.items() if v}
    court = value.get("institution")
    return Fact("event", value, veracity(unsure), court.name if court else "")


def process_events(
    row: dict[str, str], dates: dict[str, str | None], warn: Callable[[str], None]
) -> tuple[list[Fact], list[Step]]:
    """Events of the legal process: detention, charge, trial, sentence, appeal, release."""
    steps = _steps(cell(row, "legal_process"))
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
                    veracity(step.unsure),
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
    if "appeal" in seen or dates["appealed"] or cell(row, "appeal_court"):
        unsure = any(s.unsure for s in steps if "app" in s.modifiers)
        facts.append(
            _event("appeal", dates["appealed"], unsure, institution=_court(row, "appeal_court"))
        )
    if dates["ruled"] or cell(row, "appeal_ruling_court"):
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


def status_facts(code: str, steps: list[Step], facts: list[Fact]) -> tuple[list[Fact], Fact | None]:
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
    out = [Fact("status", status, veracity(unsure))] if status else []
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
            sentence = Fact("sentence", {"life": True, "case": THE_CASE}, veracity(note_unsure))
        elif word == "dth-r":
            value = {"death": True, "suspended": True, "case": THE_CASE}
            sentence = Fact("sentence", value, veracity(note_unsure))
        elif word in _STATUS_NOTES:
            out.append(_event("other", None, note_unsure, description=_STATUS_NOTES[word]))
    if kinds and kinds[0] == "EXE":
        sentence = Fact("sentence", {"death": True, "case": THE_CASE}, veracity(unsure))
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
        value = cell(row, column).rstrip("?")
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


def sentence_fact(
    row: dict[str, str], steps: list[Step], implied: Fact | None, warn: Callable[[str], None]
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
    return Fact("sentence", value, veracity(all(s.unsure for s in judged)))
