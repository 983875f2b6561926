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
    institution_name,
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
    return InstitutionRef(institution_name(name), "court") if name else None


def _event(kind: str, date: str | None, unsure: bool, **extra: Any) -> Fact:
    value = {"type": kind, "date": date, "case": THE_CASE} | {k: v for k, v in extra.items() if v}
    court = value.get("institution")
    return Fact("event", value, veracity(unsure), court.name if court else "")


def _custody(steps: list[Step], dates: dict[str, str | None]) -> list[Fact]:
    """The detention (how the police held the person) and the formal arrest."""
    custody = [s for s in steps if s.base in ("psb", "admin")]
    notes = [
        "house arrest" if "house" in s.modifiers else "held by police (PSB)"
        for s in custody
        if s.base == "psb"
    ]
    facts = []
    if dates["detained"] or custody:
        unsure = bool(custody) and all(s.unsure for s in custody)
        facts.append(_event("detention", dates["detained"], unsure, description="; ".join(notes)))
    if dates["arrested"]:
        facts.append(_event("formal_arrest", dates["arrested"], False))
    return facts


def _step_facts(row: dict[str, str], dates: dict[str, str | None], step: Step) -> list[Fact] | None:
    """The facts one step says; None for a step not understood."""
    mods, unsure = step.modifiers, step.unsure
    if step.base == "psb":
        return []  # in the detention event
    if step.base == "chg":
        return [_event("charge", None, unsure)]
    if step.base == "tri":
        what = "; ".join(_TRIAL[m] for m in mods if m in _TRIAL)
        court = _court(row, "trial_court")
        return [_event("trial", dates["trial"], unsure, institution=court, description=what)]
    if step.base == "sent":
        what = "; ".join(_SENTENCE[m] for m in mods if m in _SENTENCE)
        court = _court(row, "sentence_court")
        return [_event("sentence", dates["sentenced"], unsure, institution=court, description=what)]
    if step.base == "admin":
        what = next((_ADMIN[m] for m in mods if m in _ADMIN), _ADMIN["other"])
        body = _court(row, "sentence_court")  # the committee or court that decided
        decided = f"administrative punishment: {what}"
        value = {"text": what, "category": "administrative", "case": THE_CASE}
        facts = [
            _event("sentence", dates["sentenced"], unsure, institution=body, description=decided),
            Fact("charge", value, veracity(unsure)),
        ]
        return facts + ([_event("transfer", None, unsure)] if "trans" in mods else [])
    if step.base == "rel":
        by = "released by police (PSB)" if "psb" in mods else ""
        return [_event("release", dates["released"], unsure, description=by)]
    if step.base in ("dec", "exe"):
        return [_event("death", None, unsure, description="executed" if step.base == "exe" else "")]
    if step.base == "esc":
        return [_event("other", None, unsure, description="escaped")]
    return None


def _from_columns(
    row: dict[str, str], dates: dict[str, str | None], steps: list[Step], seen: set[str]
) -> list[Fact]:
    """Events the date and court columns show though no step names them; appeals."""
    facts = []
    for kind, date, column in (
        ("trial", "trial", "trial_court"),
        ("sentence", "sentenced", "sentence_court"),
    ):
        if kind not in seen and (dates[date] or cell(row, column)):
            facts.append(_event(kind, dates[date], False, institution=_court(row, column)))
    appealed = [s for s in steps if "app" in s.modifiers]
    if appealed or dates["appealed"] or cell(row, "appeal_court"):
        unsure = bool(appealed) and all(s.unsure for s in appealed)
        court = _court(row, "appeal_court")
        facts.append(_event("appeal", dates["appealed"], unsure, institution=court))
    if dates["ruled"] or cell(row, "appeal_ruling_court"):
        court = _court(row, "appeal_ruling_court")
        ruling = "ruling on appeal"
        facts.append(_event("appeal", dates["ruled"], False, institution=court, description=ruling))
    if dates["released"] and "release" not in seen:
        facts.append(_event("release", dates["released"], False))
    if dates["ends"]:
        ends = "per PRC authorities"
        facts.append(_event("sentence_end", dates["ends"], False, description=ends))
    return facts


def process_events(
    row: dict[str, str], dates: dict[str, str | None], warn: Callable[[str], None]
) -> tuple[list[Fact], list[Step]]:
    """Events of the legal process: detention, charge, trial, sentence, appeal, release."""
    steps = _steps(cell(row, "legal_process"))
    facts = _custody(steps, dates)
    seen: set[str] = set()
    for step in steps:
        made = _step_facts(row, dates, step)
        if made is None:
            warn(f"legal_process: step '{step.base}' not understood; left out")
            continue
        facts += made
        seen |= {f.value["type"] for f in made if f.field == "event"}
    return facts + _from_columns(row, dates, steps, seen), steps


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
