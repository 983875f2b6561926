"""interventions.v1: calls for a person's release and who made them.

A sentence that demands a release ("should immediately release X", "called for her
release", "urged the authorities to free them", "press for their immediate release")
is a call for release by the organisation that speaks in it ("Human Rights Watch urged",
"..., Human Rights Watch said") or, for a quoted call, in the sentence before or after
("..., said Maya Wang, China director at Human Rights Watch"),
for the persons it names, or for the persons a pronoun stands for when the report
leaves no doubt (one named victim for "his"/"her", every victim for "their"/"them").
The callers are the advocates of data/advocates.txt (human rights organisations, UN
mechanisms, parliaments), never a news outlet that reports a call. A demand on the
detainees' own slogans, leaflets or petitions is what they did, not an intervention. The
date is the one the sentence gives, else none: ingest knows the source's publication date.
"""

from __future__ import annotations

import re

from docket.extract.doc import Doc
from docket.extract.lexicon import lexicon
from docket.extract.model import Intervention, Person, Span
from docket.extract.pipeline import step

_DEMAND = re.compile(
    r"\b(?:should|must|to|shall|we\s+urge\s+\w+\s+to)\s+"
    r"(?:(?:immediately|promptly|unconditionally|and|quickly|at\s+once)\s+){0,4}"
    r"(?:release|free)\b"
    r"|\b(?:call(?:s|ed|ing)?|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|press(?:es|ed|ing)?"
    r"|appeal(?:s|ed|ing)?|push(?:es|ed|ing)?|seek(?:s|ing)?|sought|campaign(?:s|ed|ing)?)"
    r"\b[^.;]{0,120}?\b(?:release(?!\s+date)|freedom(?!\s+of\b))\b",
    re.IGNORECASE,
)
_OWN_ACT = re.compile(
    r"\b(?:slogans?|leaflets?|petitions?|banners?|posters?|flyers?|chant(?:s|ed|ing)?"
    r"|shout(?:s|ed|ing)?|graffiti|open\s+letter\s+(?:he|she|they)\s+wrote)\b",
    re.IGNORECASE,
)
_QUOTE = re.compile('[\u201c\u201d"]')
_HIS_HER = re.compile(r"\b(?:his|her|him)\b", re.IGNORECASE)
_THEIR = re.compile(r"\b(?:their|them|all\s+those|all\s+of\s+them)\b", re.IGNORECASE)
_SPEAKS_AFTER = re.compile(
    r"\s*(?:,[^,.;]{0,60},\s*)?(?:(?:has|have|had|also|today|again|repeatedly|jointly)\s+){0,3}"
    r"(?:said|says|stated|states|called|calls|urged|urges|demanded|demands|appealed|appeals"
    r"|wrote|writes|added|renewed|reiterated)\b",
    re.IGNORECASE,
)
_SPEAKS_BEFORE = re.compile(
    r"\b(?:said|says|stated|added|wrote)\s[^.;“”\"]{0,90}\b(?:at|of|from|with|for)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _callers(doc: Doc) -> list[tuple[int, int, str]]:
    """Organisations that speak in the report ("Human Rights Watch said", "said Maya Wang,
    China director at Human Rights Watch"), as (start, end, name)."""
    names = lexicon().advocates
    if not names:
        return []
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)
    found: list[tuple[int, int, str]] = []
    for m in pattern.finditer(doc.norm):
        speaks = _SPEAKS_AFTER.match(doc.norm, m.end()) or _SPEAKS_BEFORE.search(
            doc.norm[max(0, m.start() - 120) : m.start()]
        )
        if speaks:
            found.append((m.start(), m.end(), doc.text[m.start() : m.end()]))
    return found


def _named_in(person: Person, text: str) -> bool:
    return any(n and n in text for n in (person.name, *person.aliases))


def _targets(persons: list[Person], sentence: str) -> list[Person]:
    victims = [p for p in persons if p.role == "victim"]
    named = [p for p in victims if _named_in(p, sentence)]
    if named:
        return named
    if _THEIR.search(sentence) and len(victims) > 1:
        return victims
    singles = [p for p in victims if p.name and p.count == 1]
    if _HIS_HER.search(sentence) and len(singles) == 1:
        return singles
    return []


def _caller_near(callers: list[tuple[int, int, str]], doc: Doc, i: int, quoted: bool) -> str | None:
    """The organisation that speaks in sentence i, else in the sentence after or before
    (a quoted call, then "..., said Maya Wang of Human Rights Watch")."""
    for k in (i, i + 1, i - 1) if quoted else (i,):
        if 0 <= k < len(doc.sents):
            a, b = doc.sents[k]
            inside = [c for c in callers if a <= c[0] < b]
            if inside:
                return inside[0][2]
    return None


def _sentence_date(doc: Doc, span: Span) -> str | None:
    for d in doc.dates:
        if span[0] <= d.span[0] < span[1] and not d.citation:
            parts = [f"{d.year:04d}"]
            if d.month:
                parts.append(f"{d.month:02d}")
                if d.day:
                    parts.append(f"{d.day:02d}")
            return "-".join(parts)
    return None


@step("interventions.v1", requires=("sents", "dates", "persons"), provides=("interventions",))
def interventions_v1(doc: Doc) -> None:
    """Add to each person the calls for their release the report records."""
    callers: list[tuple[int, int, str]] | None = None
    for i, (a, b) in enumerate(doc.sents):
        m = _DEMAND.search(doc.norm[a:b])
        if m is None or _OWN_ACT.search(doc.norm[a : a + m.start()]):
            continue
        targets = _targets(doc.persons, doc.text[a:b])
        if not targets:
            continue
        if callers is None:
            callers = _callers(doc)
        by = _caller_near(callers, doc, i, quoted=bool(_QUOTE.search(doc.text[a:b])))
        if by is None:
            continue
        found = Intervention(
            "call_for_release", by, _sentence_date(doc, (a, b)), ((a + m.start(), a + m.end()),)
        )
        for person in targets:
            if all((x.kind, x.by) != (found.kind, found.by) for x in person.interventions):
                person.interventions.append(found)
