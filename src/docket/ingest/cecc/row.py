"""What a CECC export's cells mean: the shared vocabulary of the CECC mapping modules.

A trailing `?` marks an unconfirmed value (the claim is "alleged", otherwise
"confirmed"), dates are `YYYY/MM/DD` with `mm`/`dd` for unknown parts, `(na)` means not
applicable. Pure: no database.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docket.core import edtf
from docket.core.errors import ApplicationError

# Bump when the mapping changes what a row says: every record then counts as changed,
# and re-importing replaces the claims of the older version.
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


def cell(row: dict[str, str], column: str) -> str:
    value = row.get(column) or ""
    value = " ".join(value.split())
    return "" if value in ("(na)", "na", "n/a") else value


def strip_unsure(value: str) -> tuple[str, bool]:
    """Strip the marks of an unconfirmed value: "Han?", "(Dorje?)", "[Pasang?]", "X (?)"."""
    text = value.strip()
    unsure = False
    if len(text) > 2 and text[0] + text[-1] in ("()", "[]"):
        text, unsure = text[1:-1].strip(), True
    for mark in ("(?)", "?"):
        if text.endswith(mark):
            text, unsure = text[: -len(mark)].strip(), True
    return text, unsure


def veracity(unsure: bool) -> str:
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


def institution_name(raw: str) -> str:
    """An institution's name without CECC's bracketed other names: "Rikaze [Shigatse]
    Intermediate People's Court" -> "Rikaze Intermediate People's Court", "TAR Prison
    (Drapchi)" -> "TAR Prison"."""
    name = " ".join(re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", raw).split())
    return (name or raw)[:300]
