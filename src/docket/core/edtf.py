"""The subset of EDTF (ISO 8601-2 / Library of Congress EDTF) that reports need.

Reports are vague ("in January 2024", "between 2010 and 2016", "around 2017") and the
vagueness must survive storage. Supported forms:

    2024  2024-01  2024-08-23      year, month, day
    2017~  2017?  2017%            approximate, uncertain, both
    201X  20XX                     unspecified digits: a decade, a century
    2010/2016  2024-01/2024-03     intervals
    ../2019  2019/..               open start ("before 2019"), open end ("2019 or later")

Each value has lower/upper date bounds (None = open), a precision, an order, "is within"
and "overlaps" tests, and an honest human text ("January 2024", "2010-2016", "before
2019", "about 2017"). Pure Python: no Django.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from docket.core.errors import ApplicationError

MAX_LENGTH = 64
FORMS_HINT = "use EDTF such as 2024, 2024-01, 2024-08-23, 2010/2016, 2017~, 2017?, ../2019 or 201X"

_SINGLE = re.compile(
    r"^(?P<year>\d{4}|\d{3}X|\d{2}XX)(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?P<q>[~?%])?$"
)
_OPEN = {"", ".."}


class EDTFError(ApplicationError):
    """A date that is not in the supported EDTF subset, or that cannot exist."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="invalid_date")


class Precision:
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    RANGE = "range"

    CHOICES = (DAY, MONTH, YEAR, DECADE, CENTURY, RANGE)


@dataclass(frozen=True)
class EDTF:
    """A parsed EDTF value with its bounds; build one with `parse()` or `from_bounds()`."""

    text: str
    lower: date | None
    upper: date | None
    precision: str
    approximate: bool = False
    uncertain: bool = False

    def sort_key(self) -> tuple[date, date]:
        """Order by lower bound, then upper bound; open ends sort outermost."""
        return (self.lower or date.min, self.upper or date.max)

    def __lt__(self, other: EDTF) -> bool:
        return self.sort_key() < other.sort_key()

    def is_within(self, other: EDTF) -> bool:
        """True when every day this value may denote lies inside `other` ("2024-01" in 2024)."""
        lower_ok = other.lower is None or (self.lower is not None and self.lower >= other.lower)
        upper_ok = other.upper is None or (self.upper is not None and self.upper <= other.upper)
        return lower_ok and upper_ok

    def overlaps(self, other: EDTF) -> bool:
        """True when this value and `other` may denote a common day ("2010/2016" and 2012)."""
        if self.upper is not None and other.lower is not None and self.upper < other.lower:
            return False
        return not (other.upper is not None and self.lower is not None and other.upper < self.lower)

    def human(self) -> str:
        """Return an honest English rendering: "January 2024", "2010-2016", "before 2019"."""
        if "/" in self.text:
            return _human_interval(self.text)
        return _human_single(self.text)


def parse(value: str) -> EDTF:
    """Parse an EDTF string of the supported subset; raise EDTFError with a clear message."""
    if not isinstance(value, str):
        raise EDTFError(f"a date must be text in EDTF form; {FORMS_HINT}")
    text = value.strip().replace("x", "X")
    if not text:
        raise EDTFError(f"empty date; {FORMS_HINT}")
    if len(text) > MAX_LENGTH:
        raise EDTFError(f"date is longer than {MAX_LENGTH} characters")
    if "/" not in text:
        return _parse_single(text)
    if text.count("/") != 1:
        raise EDTFError(f"'{text}' has more than one '/'; {FORMS_HINT}")
    left, right = text.split("/")
    if left in _OPEN and right in _OPEN:
        raise EDTFError(f"'{text}' is open at both ends; give at least one date")
    start = None if left in _OPEN else _parse_single(left)
    end = None if right in _OPEN else _parse_single(right)
    if start and end and start.lower and end.upper and start.lower > end.upper:
        raise EDTFError(f"'{text}' ends before it starts")
    normal = f"{start.text if start else '..'}/{end.text if end else '..'}"
    return EDTF(
        text=normal,
        lower=start.lower if start else None,
        upper=end.upper if end else None,
        precision=Precision.RANGE,
        approximate=any(p.approximate for p in (start, end) if p),
        uncertain=any(p.uncertain for p in (start, end) if p),
    )


def parse_optional(value: str | None) -> EDTF | None:
    """Parse `value`, or return None for None/blank (an unknown date)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse(value)


def _parse_single(text: str) -> EDTF:
    match = _SINGLE.match(text)
    if not match:
        raise EDTFError(f"'{text}' is not a date Docket understands; {FORMS_HINT}")
    year_text, month_text, day_text, qualifier = match.group("year", "month", "day", "q")
    approximate = qualifier in ("~", "%")
    uncertain = qualifier in ("?", "%")
    if "X" in year_text:
        if month_text:
            raise EDTFError(f"'{text}': a month needs a full year")
        digits = year_text.rstrip("X")
        width = 10 ** (4 - len(digits))
        first = int(digits) * width
        if first < 1:
            raise EDTFError(f"'{text}': years before 0001 are not supported")
        precision = Precision.DECADE if width == 10 else Precision.CENTURY
        return EDTF(
            text,
            date(first, 1, 1),
            date(first + width - 1, 12, 31),
            precision,
            approximate,
            uncertain,
        )
    year = int(year_text)
    if year < 1:
        raise EDTFError(f"'{text}': years before 0001 are not supported")
    if not month_text:
        return EDTF(
            text, date(year, 1, 1), date(year, 12, 31), Precision.YEAR, approximate, uncertain
        )
    month = int(month_text)
    if not 1 <= month <= 12:
        raise EDTFError(f"impossible date '{text}': month must be 01 to 12")
    last = calendar.monthrange(year, month)[1]
    if not day_text:
        return EDTF(
            text,
            date(year, month, 1),
            date(year, month, last),
            Precision.MONTH,
            approximate,
            uncertain,
        )
    day = int(day_text)
    if not 1 <= day <= last:
        name = calendar.month_name[month]
        raise EDTFError(f"impossible date '{text}': {name} {year} has {last} days")
    when = date(year, month, day)
    return EDTF(text, when, when, Precision.DAY, approximate, uncertain)


def _plain(text: str) -> str:
    return text.rstrip("~?%")


def _qualified(text: str, words: str) -> str:
    if text.endswith("%"):
        return f"about {words} (uncertain)"
    if text.endswith("~"):
        return f"about {words}"
    if text.endswith("?"):
        return f"{words} (uncertain)"
    return words


def _words(text: str) -> str:
    plain = _plain(text)
    if plain.endswith("XX"):
        first = int(plain[:2]) * 100
        return f"{first}-{first + 99}"
    if plain.endswith("X"):
        return f"the {plain[:3]}0s"
    parts = [int(p) for p in plain.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{calendar.month_name[parts[1]]} {parts[0]}"
    return f"{parts[2]} {calendar.month_name[parts[1]]} {parts[0]}"


def _human_single(text: str) -> str:
    return _qualified(text, _words(text))


def _human_interval(text: str) -> str:
    left, right = text.split("/")
    if left == "..":
        return f"before {_human_single(right)}"
    if right == "..":
        return f"{_human_single(left)} or later"
    both_years = all(re.fullmatch(r"\d{4}", _plain(p)) for p in (left, right))
    if both_years and not any(p != _plain(p) for p in (left, right)):
        return f"{left}-{right}"
    return f"{_human_single(left)} to {_human_single(right)}"


def add_months(when: date, months: int) -> date:
    """Return `when` plus `months` calendar months, clamped to the end of the month."""
    index = when.year * 12 + (when.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(when.day, calendar.monthrange(year, month)[1]))


def _month_end(when: date) -> date:
    return date(when.year, when.month, calendar.monthrange(when.year, when.month)[1])


def from_bounds(lower: date, upper: date, *, approximate: bool = False) -> EDTF:
    """Return the tightest honest EDTF value covering exactly [lower, upper]."""
    if lower > upper:
        raise EDTFError("lower bound after upper bound")
    mark = "~" if approximate else ""
    if lower == upper:
        return parse(f"{lower.isoformat()}{mark}")
    whole_months = lower.day == 1 and upper == _month_end(upper)
    whole_years = whole_months and lower.month == 1 and upper.month == 12
    if whole_years:
        if lower.year == upper.year:
            return parse(f"{lower.year:04d}{mark}")
        return parse(f"{lower.year:04d}{mark}/{upper.year:04d}{mark}")
    if whole_months:
        start, end = f"{lower.year:04d}-{lower.month:02d}", f"{upper.year:04d}-{upper.month:02d}"
        if start == end:
            return parse(f"{start}{mark}")
        return parse(f"{start}{mark}/{end}{mark}")
    return parse(f"{lower.isoformat()}{mark}/{upper.isoformat()}{mark}")
