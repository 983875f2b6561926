"""Typed steps at trigger words (detained, sentenced, released...) with the date that goes
with each one in its clause.

events.v1: the first version. events.v2: "convicted" and "found guilty" are a conviction,
not a sentence; "was held", "held him", "held ... since" and "held in <a facility>" are
custody; "after her release" is a release; "intercepted", "placed under surveillance" and
"took X to the PSB" are detentions; a step in a question ("whether he had been tried") is
no event; and a step that happens to people in general ("Uyghurs who have been abroad
have been detained") is marked `generic`, so that attribution gives it to no one in
particular.

events.v3: a death sentence or penalty is no death ("sentenced to death", "faces the death
penalty"), while "was executed" and "beaten to death" are; "summoned to trial" is no
detention; the date of a press release's dateline ("Baku, 3 June 2024 - ...") is no step's.

events.v4: "detained" that describes people ("most detained protesters", "one of the detained
men") is no detention: the date of its clause is some other step's; "took X (or Y) of Z
into custody" with curly apostrophes and parentheses is a detention.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from docket.extract.doc import DateMention, Doc, EventMention
from docket.extract.generic import object_is_generic, subject_is_generic
from docket.extract.lexicon import lexicon
from docket.extract.numbers import NUMBER
from docket.extract.pipeline import step
from docket.extract.shapes import GROUP_NOUNS

Triggers = list[tuple[str, re.Pattern[str]]]

_DETAIN_ADVERB = (
    r"(?:(?:criminally|administratively|forcibly|secretly|illegally|reportedly"
    r"|again|briefly|also|later|subsequently|first|initially|allegedly)\s+)?"
)
_DETAIN_VERBS = (
    r"detain(?:ed|ing|s)?|apprehend(?:ed|ing)|seiz(?:ed|ing)|abduct(?:ed|ing)"
    r"|kidnapp?(?:ed|ing)|round(?:ed)? up|picked up|taken away|taken from|taken into "
    r"(?:police )?(?:custody|detention)|took\s+(?:\w+\s+){0,6}?(?:away|into (?:police )?"
    r"(?:custody|detention))"
    r"|took\s+(?:him|her|them)\b|interned|disappeared|went missing"
    r"|summoned|raided|put in detention|jailed"
)
_TRIAL = ("trial", re.compile(r"\b(?:tried|heard (?:\w+\s+){0,2}case|stood trial|trial)\b", re.I))
# v2: not the "trial" of "pre-trial detention".
_TRIAL_V2 = (
    "trial",
    re.compile(r"\b(?:tried|heard (?:\w+\s+){0,2}case|stood trial|(?<!-)trial)\b", re.I),
)
_LABELLED = (
    "detention",
    re.compile(r"\b(?:date|time) of (?:detention|arrest|abduction|disappearance)\b", re.I),
)
_ARREST = (
    "arrest",
    re.compile(r"\b(?:(?:formally|officially)\s+)?arrest(?:ed|ing)\b", re.IGNORECASE),
)
_LATER_STEPS: Triggers = [
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

# Multi-word triggers first; "took X away" and "took X into custody" allow words between.
_TRIGGERS: Triggers = [
    (
        "detention",
        re.compile(
            rf"\b{_DETAIN_ADVERB}(?:{_DETAIN_VERBS}|placed\s+(?:\w+\s+){{0,2}}under"
            r" (?:residential surveillance|house arrest|detention)"
            r"|sent to (?:a |an )?(?:\w+\s+){0,3}(?:camp|center|centre|facility))\b",
            re.IGNORECASE,
        ),
    ),
    _LABELLED,
    _ARREST,
    (
        "sentence",
        re.compile(
            r"\b(?:sentenc(?:ed|ing)|convicted|handed down|received (?:a |an )?(?:\w+\s+){0,3}"
            r"sentence|imposed|gave (?:\w+\s+){1,3}(?:sentence|term))\b",
            re.IGNORECASE,
        ),
    ),
    _TRIAL,
    *_LATER_STEPS,
]

# Custody: "was held", "held him", "held ... since May 2018", "held in pre-trial detention";
# the trigger is the word "held" (the group named `t`).
_HELD = re.compile(
    r"\b(?:(?:was|were|been|being|is|are|remains?|remained)\s+(?:\w+ly\s+|also\s+|still\s+"
    r"|later\s+|then\s+|first\s+){0,2}(?P<t>held)\b"
    r"|(?P<t2>held)\s+(?:him|her|them)\b"
    r"|(?P<t3>held)\s+(?:[\w-]+\s+){0,4}?since\b"
    r"|(?P<t4>held)\s+(?:in|under)\s+(?:pre-?trial\s+|administrative\s+|criminal\s+)?"
    r"(?:detention|custody|incommunicado|solitary))",
    re.IGNORECASE,
)
_TRIGGERS_V2: Triggers = [
    (
        "detention",
        re.compile(
            rf"\b{_DETAIN_ADVERB}(?:{_DETAIN_VERBS}|intercept(?:ed|ing)"
            r"|took\s+(?:[\w,'-]+\s+){0,8}?(?:into (?:police )?(?:custody|detention)"
            r"|(?:away\s+)?from (?:his|her|their) (?:home|house|workplace|office)\b"
            r"|to (?:the |a )?(?:[\w'-]+\s+){0,3}?(?:PSB|police|public security|detention|camp"
            r"|prison)\b)"
            r"|(?:placed|put)\s+(?:[\w,'-]+\s+){0,6}?(?:under|in|into)"
            r"(?:\s+(?:administrative|criminal|formal|\W*soft))?\s+\W*(?:residential surveillance"
            r"|surveillance|house arrest|detention|custody)"
            r"|sent to (?:a |an )?(?:[\w\"'-]+\s+){0,4}(?:camp|center|centre|facility)"
            r"|serv(?:e|ed|ing)\s+(?:\w+\s+){0,4}?(?:in\s+|of\s+)?administrative detention)\b",
            re.IGNORECASE,
        ),
    ),
    _LABELLED,
    _ARREST,
    (
        "conviction",
        re.compile(r"\b(?:convicted|found\s+(?:\w+\s+){0,2}?guilty)\b", re.IGNORECASE),
    ),
    (
        "sentence",
        re.compile(
            r"\b(?:sentenc(?:ed|ing)|handed down|received (?:a |an )?(?:\w+\s+){0,3}"
            r"sentence|imposed|gave (?:\w+\s+){1,3}(?:sentence|term))\b",
            re.IGNORECASE,
        ),
    ),
    _TRIAL_V2,
    *_LATER_STEPS,
    (
        "release",
        re.compile(
            r"\b(?:after|following|since|upon|on|before)\s+(?:his|her|their)\s+(?:\w+\s+)?"
            r"(?P<t>release)\b",
            re.IGNORECASE,
        ),
    ),
    ("custody", _HELD),
]
_TRIGGERS_V3: Triggers = [
    (
        "death",
        re.compile(r"\b(?:was|were|been|being|is|are|and)\s+(?:\w+ly\s+)?(?P<t>executed)\b", re.I),
    ),
    *_TRIGGERS_V2,
]
# v4: "took monk-disciplinarian Nyi’oe (or Nyi O) of Tongkyab Monastery into custody": curly
# apostrophes and a parenthesis between "took" and "into custody".
_TRIGGERS_V4: Triggers = [
    (
        kind,
        re.compile(
            pattern.pattern.replace(
                r"|took\s+(?:[\w,'-]+\s+){0,8}?", r"|took\s+(?:[\w,'\u2019()-]+\s+){0,10}?"
            ),
            pattern.flags,
        ),
    )
    if kind == "detention" and "took" in pattern.pattern
    else (kind, pattern)
    for kind, pattern in _TRIGGERS_V3
]
# v3: the "death" of a penalty: "sentenced (him) to death", "a sentence of death", "the
# death penalty", "death sentence", "death row".
_PENALTY_BEFORE = re.compile(
    r"(?:\bsentenc\w*\s+(?:[\w'-]+\s+){0,4}?to|\bsentences?\s+of|\bpunishable\s+by"
    r"|\bfaces?\s+|\bfacing\s+)\s*$",
    re.IGNORECASE,
)
_SUMMONED_TO = re.compile(
    r"summoned\s+(?:[\w'-]+\s+){0,6}?to\s+(?:a\s+|the\s+)?(?:trial|court|hearing|appear|testify)",
    re.IGNORECASE,
)
_PENALTY_AFTER = re.compile(r"\s*(?:sentences?|penalty|penalties|row)\b", re.IGNORECASE)
# "held in Gobustan Prison": custody when a named place of detention follows.
_HELD_IN = re.compile(r"\bheld\s+(?:\w+\s+){0,2}?(?:in|at)\s+(?:the\s+)?", re.IGNORECASE)
# "did not know whether he had been tried or sentenced": a question, not an event.
_HEDGED = re.compile(r"\b(?:whether|if)\b(?:\s+[\w'-]+,?){0,6}\s*$", re.IGNORECASE)
# "The notice did not say when authorities first detained Kamil, who had travelled to
# Turkey in 2015": the step happened, on a date the report does not know.
_WHEN_UNKNOWN = re.compile(
    r"\b(?:not|never|no one|nobody|unclear|unknown)\s+(?:[\w'-]+\s+){0,3}?when\b"
    r"(?:\s+[\w'-]+){0,5}\s*$",
    re.IGNORECASE,
)
# A relative clause after the step's object has its own verb and its own date.
_RELATIVE_CLAUSE = re.compile(r",\s+(?:who|which|whose|where)\b", re.IGNORECASE)
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
# v2: "were also convicted", "was later sentenced", "had then been detained".
_PASSIVE_V2 = re.compile(
    r"\b(?:was|were|been|being|is|are|be|get|got)\s+(?:(?:\w+ly|also|later|then|again|first"
    r"|still|subsequently|once|twice|each|all|both|never|not)\s+){0,2}$",
    re.IGNORECASE,
)
_POST_LIMIT = 140
# v2: "detained X, a Kazakh teacher, in Chapchal (Qapqal) Xibe Autonomous County, Ili Kazakh
# Autonomous Prefecture, XUAR, on or around October 10, 2017": places run long.
_POST_LIMIT_V2 = 240
_POST_LEAN = 0.8

# "between their detention and the trial": a step named as a noun of particular people.
_NOMINAL = re.compile(r"\b(?:the|his|her|their|its)\s+$", re.IGNORECASE)


def _pick_date(
    start: int,
    end: int,
    clause: tuple[int, int],
    dates: list[DateMention],
    triggers: list[int],
    limit: int = _POST_LIMIT,
) -> DateMention | None:
    """The date that goes with the trigger at [start, end): the first date after it with no
    trigger between, else the nearest before it with no trigger between."""
    c0, c1 = clause
    post = [
        d
        for d in dates
        if end <= d.span[0] <= min(c1, end + limit)
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


# Steps that happen to a detainee; a death or a notice may concern anyone.
_PERSONAL = frozenset({"detention", "arrest", "custody", "conviction", "sentence", "trial"})


def _is_generic(doc: Doc, a: int, b: int, passive: bool) -> bool:
    """True when the people the step at [a, b) happens to are people in general."""
    sent = doc.sents[doc.sent_of(a)]
    before = doc.norm[sent[0] : a]
    if _NOMINAL.search(before[-8:]):
        return False
    if subject_is_generic(before):
        return True
    return not passive and object_is_generic(doc.norm, b, sent[1])


_DATELINE_BEFORE = re.compile(r"^\s*(?:[A-Z][\w.'-]*,?\s+){0,4}$")
_DATELINE_AFTER = re.compile(r"\s*[\u2013\u2014-]+\s")


def _dateline(doc: Doc, date: DateMention) -> bool:
    """'Baku, 3 June 2024 - Police detained ...': the date of the release, not of a step."""
    a, b = date.span
    return bool(_DATELINE_BEFORE.match(doc.norm[:a]) and _DATELINE_AFTER.match(doc.norm, b))


def _is_penalty(doc: Doc, a: int, b: int) -> bool:
    """True when the word 'death' at [a, b) names a penalty, not a death."""
    if doc.norm[a:b].lower() != "death":
        return False
    before = doc.norm[max(0, a - 60) : a]
    return bool(_PENALTY_BEFORE.search(before) or _PENALTY_AFTER.match(doc.norm, b))


# v4: "detained" between a determiner or a number and a noun for people describes them.
_ADJECTIVE_BEFORE = re.compile(
    rf"\b(?:the|most|all|other|some|many|several|these|those|both|remaining|{NUMBER})"
    rf"\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
_PEOPLE_AFTER = re.compile(rf"\s+(?:[a-z-]+\s+){{0,2}}?(?:{GROUP_NOUNS})\b|\s+([a-z-]+)\b")


def _describes_people(doc: Doc, a: int, b: int) -> bool:
    """True for 'detained' in 'most detained protesters' or 'the detained monk' (v4)."""
    if doc.norm[a:b].lower() != "detained":
        return False
    if not _ADJECTIVE_BEFORE.search(doc.norm[max(0, a - 30) : a]):
        return False
    m = _PEOPLE_AFTER.match(doc.norm, b)
    if not m:
        return False
    if m.group(1) is None:
        return True
    lex = lexicon()
    word = m.group(1)
    return word in lex.person_nouns or word in lex.occupations or word in ("man", "woman")


def _find(
    doc: Doc, triggers: Triggers, *, v2: bool, v3: bool = False, v4: bool = False
) -> list[EventMention]:
    found: list[tuple[str, int, int]] = []
    taken = bytearray(len(doc.norm) + 1)
    for kind, pattern in triggers:
        for m in pattern.finditer(doc.norm):
            a, b = m.span()
            if pattern.groupindex:  # the trigger word is the named group that matched
                group = next(g for g in pattern.groupindex if m.group(g))
                a, b = m.span(group)
            if any(taken[a:b]):
                continue
            if v3 and kind == "death" and _is_penalty(doc, a, b):
                continue
            if v3 and kind == "detention" and _SUMMONED_TO.match(doc.norm, a):
                continue  # "a court summoned to trial": a hearing, not a detention
            if v4 and kind == "detention" and _describes_people(doc, a, b):
                continue  # "released most detained protesters": no detention here
            if kind == "release" and _CALL_FOR.search(doc.norm[max(0, a - 40) : a]):
                continue  # "should be immediately freed": a call, not an event
            if kind != "notification" and _NEGATED.search(doc.norm[max(0, a - 30) : a]):
                continue  # "authorities had not detained her"
            if v2 and _HEDGED.search(doc.norm[max(0, a - 50) : a]):
                continue
            taken[a:b] = b"\x01" * (b - a)
            found.append((kind, a, b))
    undated = {a for _, a, _ in found if v2 and _WHEN_UNKNOWN.search(doc.norm[max(0, a - 60) : a])}
    if v2:
        for inst in doc.institutions:
            if inst.kind != "facility":
                continue
            for m in _HELD_IN.finditer(doc.norm, max(0, inst.span[0] - 30), inst.span[0]):
                if m.end() == inst.span[0] and not any(taken[m.start() : m.start() + 4]):
                    found.append(("custody", m.start(), m.start() + 4))
                    taken[m.start() : m.start() + 4] = b"\x01" * 4
    found.sort(key=lambda f: f[1])
    dates = [d for d in doc.dates if not d.citation and not (v3 and _dateline(doc, d))]
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
        limit = _POST_LIMIT_V2 if v2 else _POST_LIMIT
        c_end = clause.end
        if v2 and (rel := _RELATIVE_CLAUSE.search(doc.norm, b, clause.end)):
            c_end = rel.start()
        date = _pick_date(a, b, (clause.start, c_end), dates[lo:hi], others, limit)
        if a in undated:
            date = None
        passive = bool((_PASSIVE_V2 if v2 else _PASSIVE).search(doc.norm[max(0, a - 40) : a]))
        generic = v2 and kind in _PERSONAL and _is_generic(doc, a, b, passive)
        events.append(EventMention(kind, (a, b), date, passive, clause.sent, generic))
    return events


@step("events.v1", requires=("norm", "clauses", "dates"), provides=("events",))
def events_v1(doc: Doc) -> None:
    """Find detentions, arrests, sentences, trials, releases and deaths, each with its date."""
    doc.events = _find(doc, _TRIGGERS, v2=False)


@step("events.v2", requires=("norm", "clauses", "dates", "institutions"), provides=("events",))
def events_v2(doc: Doc) -> None:
    """As events.v1, with convictions, custody, questions skipped and generic steps marked."""
    doc.events = _find(doc, _TRIGGERS_V2, v2=True)


@step("events.v3", requires=("norm", "clauses", "dates", "institutions"), provides=("events",))
def events_v3(doc: Doc) -> None:
    """As events.v2, where a death penalty is no death and an execution is one."""
    doc.events = _find(doc, _TRIGGERS_V3, v2=True, v3=True)


@step("events.v4", requires=("norm", "clauses", "dates", "institutions"), provides=("events",))
def events_v4(doc: Doc) -> None:
    """As events.v3, where 'detained' describing people ('the detained monks') is no step."""
    doc.events = _find(doc, _TRIGGERS_V4, v2=True, v3=True, v4=True)
