"""events.v1: typed steps at trigger words (detained, sentenced, released...) with the date
that goes with each one in its clause."""

from __future__ import annotations

import re
from bisect import bisect_left

from docket.extract.doc import DateMention, Doc, EventMention
from docket.extract.pipeline import step

# Multi-word triggers first; "took X away" and "took X into custody" allow words between.
_TRIGGERS: list[tuple[str, re.Pattern[str]]] = [
    (
        "detention",
        re.compile(
            r"\b(?:(?:criminally|administratively|forcibly|secretly|illegally|reportedly"
            r"|again|briefly|also|later|subsequently|first|initially|allegedly)\s+)?"
            r"(?:detain(?:ed|ing|s)?|apprehend(?:ed|ing)|seiz(?:ed|ing)|abduct(?:ed|ing)"
            r"|kidnapp?(?:ed|ing)|round(?:ed)? up|picked up|taken away|taken from|taken into "
            r"(?:police )?(?:custody|detention)|took\s+(?:\w+\s+){0,6}?(?:away|into (?:police )?"
            r"(?:custody|detention))"
            r"|took\s+(?:him|her|them)\b|interned|placed\s+(?:\w+\s+){0,2}under"
            r" (?:residential surveillance|house arrest|detention)|disappeared|went missing"
            r"|summoned|raided|put in detention|sent to (?:a |an )?(?:\w+\s+){0,3}(?:camp|center|"
            r"centre|facility)|jailed)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "detention",
        re.compile(r"\b(?:date|time) of (?:detention|arrest|abduction|disappearance)\b", re.I),
    ),
    (
        "arrest",
        re.compile(r"\b(?:(?:formally|officially)\s+)?arrest(?:ed|ing)\b", re.IGNORECASE),
    ),
    (
        "sentence",
        re.compile(
            r"\b(?:sentenc(?:ed|ing)|convicted|handed down|received (?:a |an )?(?:\w+\s+){0,3}"
            r"sentence|imposed|gave (?:\w+\s+){1,3}(?:sentence|term))\b",
            re.IGNORECASE,
        ),
    ),
    ("trial", re.compile(r"\b(?:tried|heard (?:\w+\s+){0,2}case|stood trial|trial)\b", re.I)),
    (
        "release",
        re.compile(
            r"\b(?:released|freed|set free|let go|pardoned|amnestied|acquitted"
            r"|completed (?:\w+\s+){0,3}(?:sentence|term)"
            r")\b",
            re.IGNORECASE,
        ),
    ),
    ("death", re.compile(r"\b(?:died|passed away|death)\b", re.IGNORECASE)),
    (
        "notification",
        re.compile(r"\b(?:notif(?:y|ied|ying)|inform(?:ed|ing)?|told)\b", re.IGNORECASE),
    ),
    ("transfer", re.compile(r"\b(?:transferred|moved)\b", re.IGNORECASE)),
]
_CALL_FOR = re.compile(
    r"\b(?:should|must|call\w*\s+for|urg\w*|demand\w*|press\w*\s+for|appeal\w*\s+for"
    r"|seek\w*|campaign\w*\s+for|to be)\b[^.;]*$",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"\b(?:not|never|no longer|neither|nor|without being|avoid(?:ed)? being)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_PASSIVE = re.compile(
    r"\b(?:was|were|been|being|is|are|be|get|got)\s+(?:\w+ly\s+){0,2}$", re.IGNORECASE
)
_POST_LIMIT = 140
_POST_LEAN = 0.8


def _pick_date(
    start: int, end: int, clause: tuple[int, int], dates: list[DateMention], triggers: list[int]
) -> DateMention | None:
    """The date that goes with the trigger at [start, end): the first date after it with no
    trigger between, else the nearest before it with no trigger between."""
    c0, c1 = clause
    post = [
        d
        for d in dates
        if end <= d.span[0] <= min(c1, end + _POST_LIMIT)
        and not any(end <= t < d.span[0] for t in triggers)
    ]
    pre = [
        d
        for d in dates
        if c0 <= d.span[0]
        and d.span[1] <= start
        and not any(d.span[1] <= t < start for t in triggers)
    ]
    if post and pre:
        # "On May 3, police detained X ... in the fall of 2014": the nearer date wins, with
        # a lean to the date after the verb ("detained X on May 3").
        return (
            post[0] if post[0].span[0] - end <= (start - pre[-1].span[1]) * _POST_LEAN else pre[-1]
        )
    if post:
        return post[0]
    return pre[-1] if pre else None


@step("events.v1", requires=("norm", "clauses", "dates"), provides=("events",))
def events_v1(doc: Doc) -> None:
    """Find detentions, arrests, sentences, trials, releases and deaths, each with its date."""
    found: list[tuple[str, int, int]] = []
    taken = bytearray(len(doc.norm) + 1)
    for kind, pattern in _TRIGGERS:
        for m in pattern.finditer(doc.norm):
            a, b = m.span()
            if any(taken[a:b]):
                continue
            if kind == "release" and _CALL_FOR.search(doc.norm[max(0, a - 40) : a]):
                continue  # "should be immediately freed": a call, not an event
            if kind != "notification" and _NEGATED.search(doc.norm[max(0, a - 30) : a]):
                continue  # "authorities had not detained her"
            taken[a:b] = b"\x01" * (b - a)
            found.append((kind, a, b))
    found.sort(key=lambda f: f[1])
    dates = [d for d in doc.dates if not d.citation]
    date_starts = [d.span[0] for d in dates]
    starts = [a for _, a, _ in found]
    events: list[EventMention] = []
    for kind, a, b in found:
        clause = doc.clauses[doc.clause_of(a)]
        lo = bisect_left(date_starts, clause.start)
        hi = bisect_left(date_starts, clause.end)
        t_lo = bisect_left(starts, clause.start)
        t_hi = bisect_left(starts, clause.end)
        others = [s for s in starts[t_lo:t_hi] if s != a]
        date = _pick_date(a, b, (clause.start, clause.end), dates[lo:hi], others)
        passive = bool(_PASSIVE.search(doc.norm[max(0, a - 40) : a]))
        events.append(EventMention(kind, (a, b), date, passive, clause.sent))
    doc.events = events
