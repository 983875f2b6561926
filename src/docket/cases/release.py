"""Expected release dates, computed from a term and a start date; never typed in.

A term counts from the start of custody (PRC practice credits time held before
judgment). When only the conviction date is known, counting from it gives the latest
possible date, and the result says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from docket.core import edtf

START = "start of term"
DETENTION = "detention"
CONVICTION = "conviction"


@dataclass(frozen=True)
class ExpectedRelease:
    """An expected release date with honest precision, and how it was reached."""

    edtf: str  # e.g. "2030-07", "2029/2032", "../2030-07" (at the latest)
    lower: date | None
    upper: date | None
    text: str  # "July 2030", "2029-2032", "July 2030 at the latest"
    basis: str  # START, DETENTION or CONVICTION
    basis_date: str  # the EDTF date counted from
    note: str  # one sentence for people


def expected_release(
    *,
    min_months: int | None,
    max_months: int | None,
    life: bool,
    death: bool,
    start: str | None,
    basis: str,
) -> ExpectedRelease | None:
    """Return the expected release for a term counted from `start`, or None if unknowable."""
    if life or death or min_months is None or not start:
        return None
    began = edtf.parse(start)
    if began.lower is None or began.upper is None:
        return None
    high = max_months if max_months is not None else min_months
    lower = edtf.add_months(began.lower, min_months)
    upper = edtf.add_months(began.upper, high)
    span = edtf.from_bounds(lower, upper, approximate=began.approximate)
    counted = f"counted from the {basis} ({began.human()})"
    if basis == CONVICTION:
        # The month (or year, or day) the latest date falls in, at the start's precision.
        latest = _at_precision(upper, began.precision)
        return ExpectedRelease(
            edtf=f"../{latest.text}",
            lower=None,
            upper=latest.upper,
            text=f"{latest.human()} at the latest",
            basis=basis,
            basis_date=began.text,
            note=f"{counted}; time held before the trial usually counts, so likely earlier",
        )
    return ExpectedRelease(
        edtf=span.text,
        lower=span.lower,
        upper=span.upper,
        text=span.human(),
        basis=basis,
        basis_date=began.text,
        note=counted,
    )


def _at_precision(when: date, precision: str) -> edtf.EDTF:
    if precision == edtf.Precision.DAY:
        return edtf.parse(when.isoformat())
    if precision == edtf.Precision.MONTH:
        return edtf.parse(f"{when.year:04d}-{when.month:02d}")
    return edtf.parse(f"{when.year:04d}")
