"""dates.v1: dates as written, with their precision; the year of "on August 23" inferred.

A date carries the precision the report gives (year, month or day). Dates that give when a
source was published ("RFA (24 February 12)", "a March 3, 2009, report") are marked as
citations: they date the report, not an event, but they still set the year for later dates.

dates.v2: "Based on February 2009 TCHRD, RFA, and FTC reports" and "According to April 2009
Phayul and TCHRD reports": a date before a list of sources is a citation too; "June 12 ,
2010" (a space before the comma) is one date.
"""

from __future__ import annotations

import datetime as dt
import re

from docket.extract.doc import DateMention, Doc
from docket.extract.pipeline import step
from docket.extract.text import MONTHS

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY_ALT = r"(?:\s*(?:-|or|and|to|/|&)\s*[0-3]?\d(?:st|nd|rd|th)?)?"
_END = r"(?![\w-])"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b{_YEAR}[-/](?P<m>0?[1-9]|1[0-2]|mm)[-/](?P<d>[0-3]?\d|dd)\b")),
    (
        "dmy_dots",
        re.compile(r"\b(?P<d>[0-3]?\d)\.(?P<m>0?[1-9]|1[0-2])\.(?P<year>(?:19|20)\d\d)\b"),
    ),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}{_DAY_ALT},?\s+{_YEAR}{_END}")),
    ("dmy", re.compile(rf"\b{_DAY}{_DAY_ALT}\s+{_MONTH},?\s+{_YEAR}{_END}")),
    ("dmyy", re.compile(rf"\b{_DAY}\s+{_MONTH}\s+(?P<yy>\d\d){_END}")),
    (
        "season",
        re.compile(
            rf"\b(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR}{_END}",
            re.IGNORECASE,
        ),
    ),
    ("my", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}{_END}")),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}{_DAY_ALT}(?![\d,]*\s*\d{{4}})(?![\w-])")),
    ("dm", re.compile(rf"\b{_DAY}{_DAY_ALT}\s+{_MONTH}(?!,?\s+\d)(?![\w-])")),
    ("y", re.compile(rf"(?<![\w/$.,-]){_YEAR}(?!s\b|[\w/%]|,\d|\.\d|-year)")),
]
_REPORT_WORDS = re.compile(
    r"[\s,]*(?:(?-i:[A-Z])[\w.&'-]*\s+){0,4}(?:\([^)]{0,40}\)\s*)?(?:report|reports|article|articles"
    r"|statement|letter|press release|post|posts|interview|broadcast|notice|announcement"
    r"|news|update|blog|entry|verdict|judgment|judgement|indictment|documents?)\b",
    re.IGNORECASE,
)
_REPORTED_ON = re.compile(
    r"\b(?:reported|said|stated|announced|wrote|published|posted|noted|according to|dated)"
    r"(?:\s+(?:on|in))?\s*(?:a|an|the)?\s*$",
    re.IGNORECASE,
)
_NOT_A_YEAR_AFTER = re.compile(
    r"\s*(?:yuan|rmb|people|persons|monks|nuns|members|households|families|students|"
    r"practitioners|petitioners|officers|police|troops|meters|metres|km|kilometers|dollars|"
    r"us\$|words|characters|copies|signatures|signatories|others)\b",
    re.IGNORECASE,
)


_SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_APPROX = re.compile(
    r"\b(?:on or about|on or around|around|about|approximately|circa|c\.|roughly|some time in"
    r"|sometime in|in or around)\s+(?:the\s+)?(?:early\s+|mid-?\s*|late\s+)?$",
    re.IGNORECASE,
)


def _month(word: str) -> int:
    return MONTHS[word.rstrip(".").lower()]


def _in_parentheses(text: str, start: int, end: int) -> bool:
    """True when [start, end) sits inside a short parenthetical that cites a source."""
    open_i = text.rfind("(", max(0, start - 60), start)
    if open_i < 0 or text.rfind(")", open_i, start) >= 0:
        return False
    close_i = text.find(")", end, end + 80)
    if close_i < 0:
        return False
    inner = text[open_i + 1 : close_i]
    return not re.search(r"\b(?:on|in|since|from|until|detained|arrested|sentenced|born)\b", inner)


def _is_citation(text: str, start: int, end: int) -> bool:
    if _in_parentheses(text, start, end):
        return True
    if _REPORT_WORDS.match(text, end):
        return True
    return bool(_REPORTED_ON.search(text[max(0, start - 40) : start]))


# v2: a space before the comma ("June 12 , 2010").
_PATTERNS_V2: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(rf"\b{_MONTH}\s+{_DAY}{_DAY_ALT}\s*,?\s+{_YEAR}{_END}"))
    if kind == "mdy"
    else (kind, pattern)
    for kind, pattern in _PATTERNS
]
_SOURCES_BEFORE = re.compile(
    r"\b(?:based on|according to|citing|per|from)\s+(?:an?\s+|the\s+)?"
    r"(?:early\s+|mid-?\s*|late\s+)?$",
    re.IGNORECASE,
)
_SOURCES_AFTER = re.compile(
    r"[\s,]*(?:(?:(?-i:[A-Z])[\w.&'-]*|and|&)[\s,]+){1,10}(?:\([^)]{0,40}\)\s*)?"
    r"(?:reports?|articles?|statements?|accounts?|sources?)\b",
    re.IGNORECASE,
)


def _cites_sources(text: str, start: int, end: int) -> bool:
    """'Based on February 2009 TCHRD, RFA, and FTC reports': the date of sources (v2)."""
    return bool(
        _SOURCES_BEFORE.search(text[max(0, start - 30) : start]) and _SOURCES_AFTER.match(text, end)
    )


def find_dates(text: str, v2: bool = False) -> list[DateMention]:
    """Return the dates written in `text` (normalised), in text order, years not yet inferred."""
    taken = bytearray(len(text) + 1)
    found: list[DateMention] = []

    def free(a: int, b: int) -> bool:
        return not any(taken[a:b])

    for kind, pattern in _PATTERNS_V2 if v2 else _PATTERNS:
        for m in pattern.finditer(text):
            a, b = m.span()
            if not free(a, b):
                continue
            groups = m.groupdict()
            month: int | None = None
            day: int | None = None
            year = 0
            citation = False
            if kind == "iso" or kind == "dmy_dots":
                year = int(groups["year"])
                month = None if groups["m"] == "mm" else int(groups["m"])
                day = None if groups["d"] == "dd" or month is None else int(groups["d"])
            elif kind == "season":
                year = int(groups["year"])
            elif kind == "y":
                year = int(groups["year"])
                if _NOT_A_YEAR_AFTER.match(text, b):
                    continue
            else:
                month = _month(groups["month"])
                if groups.get("day"):
                    day = int(groups["day"])
                    if not 1 <= day <= 31:
                        continue
                if kind == "dmyy":
                    yy = int(groups["yy"])
                    year = 2000 + yy if yy <= 40 else 1900 + yy
                    citation = True
                elif groups.get("year"):
                    year = int(groups["year"])
            taken[a:b] = b"\x01" * (b - a)
            citation = citation or _is_citation(text, a, b) or (v2 and _cites_sources(text, a, b))
            season = _SEASONS[groups["season"].lower()] if kind == "season" else None
            approximate = bool(_APPROX.search(text[max(0, a - 25) : a]))
            found.append(
                DateMention(
                    (a, b),
                    year,
                    month,
                    day,
                    citation,
                    inferred_year=year == 0,
                    approximate=approximate,
                    season=season,
                )
            )
    found.sort(key=lambda d: d.span)
    return found


def infer_years(dates: list[DateMention], published: dt.date | None) -> list[DateMention]:
    """Give "on August 23" the year of the nearest dated mention before it, else after it,
    else the publication year."""
    out: list[DateMention] = []
    for i, d in enumerate(dates):
        if not d.inferred_year:
            out.append(d)
            continue
        ref: DateMention | None = None
        # A full date before it sets the year; a bare year ("between 2010 and 2016") is
        # background more often than not, so it counts only when no full date does.
        for prev in reversed(out):
            if not prev.inferred_year and prev.month is not None:
                ref = prev
                break
        if ref is None:
            ref = next((p for p in reversed(out) if not p.inferred_year), None)
        if ref is None:
            ref = next((n for n in dates[i + 1 :] if not n.inferred_year), None)
        year = ref.year if ref is not None else (published.year if published else None)
        if year is None:
            continue
        if ref is not None and ref.month is not None and d.month is not None:
            # "sentenced on January 17, 2008 ... On December 12, he was detained": a month
            # far after the reference but just before it across the new year is last year.
            ahead = d.month - ref.month
            if ahead > 9 and not d.citation:
                year -= 1
        if (
            published is not None
            and d.month is not None
            and (year, d.month, d.day or 1) > (published.year, published.month, published.day)
            and ref is None
        ):
            year -= 1
        out.append(
            DateMention(d.span, year, d.month, d.day, d.citation, True, d.approximate, d.season)
        )
    return out


@step("dates.v1", requires=("norm", "sents"), provides=("dates",))
def dates_v1(doc: Doc) -> None:
    """Find dates with their precision and infer missing years from context."""
    doc.dates = infer_years(find_dates(doc.norm), doc.published)


@step("dates.v2", requires=("norm", "sents"), provides=("dates",))
def dates_v2(doc: Doc) -> None:
    """As dates.v1, with dates before a list of sources as citations."""
    doc.dates = infer_years(find_dates(doc.norm, v2=True), doc.published)
