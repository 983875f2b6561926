"""terms.v1: prison terms ("six and a half years", "between 12 and 15 years", "life",
"death with a two-year reprieve", "an 18-year sentence"), told apart from administrative
penalties (re-education through labour, administrative detention) and from revisions
("commuted to life", "reduced to 16 years").

terms.v2: abbreviated units ("10 yrs. and 6 mos.", "18 mths"), a half after the unit ("a
year and a half", "two years and a half"), "got 8 years"; and a penalty that is only
possible or asked for ("faces up to 10 years", "could face the death penalty", "prosecutors
requested 12 years", "a maximum sentence of 15 years") is no term."""

from __future__ import annotations

import re

from docket.extract.doc import Doc, Term
from docket.extract.model import Sentence
from docket.extract.numbers import NUMBER, SMALL_NUMBER, parse_number
from docket.extract.pipeline import step

_HALF = r"(?:\s+and\s+(?:a\s+|one[- ])half|-and-a-half|\s+1/2|\s*\u00bd)"
_UNIT = r"(?:years?|yrs?|months?|weeks?|days?)"
_ATOM = rf"(?:{NUMBER}{_HALF}?[\s-]+{_UNIT}(?:'s?|s')?|(?:a\s+)?half\s+(?:a\s+)?year)"
_SEP = r"(?:\s*,\s*|\s+)(?:and\s+)?"
_UNIT_V2 = r"(?:years?|months?|weeks?|days?|(?:yrs?|mos?|mths?|wks?)\b\.?)"
_HALF_AFTER = r"(?:\s+and\s+a\s+half)"
_ATOM_V2 = (
    rf"(?:{NUMBER}{_HALF}?[\s-]+{_UNIT_V2}(?:'s?|s')?{_HALF_AFTER}?|(?:a\s+)?half\s+(?:a\s+)?year)"
)
_DURATION_V2 = re.compile(
    rf"(?<![\w-])(?:(?P<range>(?:between\s+)?(?P<lo>{SMALL_NUMBER})\s*(?:and|to|-|or)\s*(?P<hi>{SMALL_NUMBER})"
    rf"[\s-]+(?P<runit>{_UNIT_V2}))|(?P<dur>{_ATOM_V2}(?:{_SEP}{_ATOM_V2})*))(?:'s?|s')?(?![\w])",
    re.IGNORECASE,
)
_ATOM_RE_V2 = re.compile(
    rf"(?P<n>{NUMBER})(?P<half>{_HALF})?[\s-]+(?P<unit>{_UNIT_V2})(?:'s?|s')?"
    rf"(?P<half2>{_HALF_AFTER})?|(?P<halfyear>(?:a\s+)?half\s+(?:a\s+)?year)",
    re.IGNORECASE,
)
_DURATION = re.compile(
    rf"(?<![\w-])(?:(?P<range>(?:between\s+)?(?P<lo>{SMALL_NUMBER})\s*(?:and|to|-|or)\s*(?P<hi>{SMALL_NUMBER})"
    rf"[\s-]+(?P<runit>{_UNIT}))|(?P<dur>{_ATOM}(?:{_SEP}{_ATOM})*))(?:'s?|s')?(?![\w])",
    re.IGNORECASE,
)
_ATOM_RE = re.compile(
    rf"(?P<n>{NUMBER})(?P<half>{_HALF})?[\s-]+(?P<unit>{_UNIT})|(?P<halfyear>(?:a\s+)?half\s+"
    r"(?:a\s+)?year)",
    re.IGNORECASE,
)
_LIFE = re.compile(
    r"\b(?:life imprisonment|life in prison|life sentences?|life terms?|imprisonment for life"
    r"|life-long imprisonment|lifelong imprisonment|(?:sentenced|sentencing|sentence)\s+"
    r"(?:\w+\s+){0,3}to\s+life)\b",
    re.IGNORECASE,
)
_DEATH = re.compile(
    r"\b(?:(?:suspended\s+)?death sentences?|death penalty|sentenced\s+(?:\w+\s+){0,3}to\s+death"
    r"|sentence\s+of\s+death)\b",
    re.IGNORECASE,
)
_SUSPENDED_NEAR = re.compile(r"reprieve|suspend|suspension|stay of execution", re.IGNORECASE)
_ADMIN_AFTER = re.compile(
    r"^(?:'s?|s')?\s*(?:of\s+|in\s+(?:an?\s+)?|at\s+(?:an?\s+)?)?(?:\w+\s+){0,2}"
    r"(?:re-?education|rtl\b|labou?r\b|administrative|reform through|political education"
    r"|detention|residential|house arrest|legal education|training)",
    re.IGNORECASE,
)
_ADMIN_BEFORE = re.compile(
    r"(?:re-?education through labou?r|\brtl\b|administrative(?:ly)?\s+(?:detention|detain\w*)"
    r"|labou?r camp|reform through labou?r)[^.;]{0,40}$",
    re.IGNORECASE,
)
_NOT_TERM_AFTER = re.compile(
    r"^(?:'s?|s')?\s*(?:-?old\b|of\s+age|of\s+(?:probation|deprivation)|probation|reprieve"
    r"|later|after|ago|before|earlier|prior|since|into|in advance|early|from\b|of\s+his"
    r"|of\s+her|of\s+their|of\s+(?:the\s+)?(?:sentence|term)|of\s+(?:\w+\s+)?(?:study|studies"
    r"|school|work|marriage|service))",
    re.IGNORECASE,
)
_NOT_TERM_BEFORE = re.compile(
    r"(?:suspended|suspension|reprieve|probation|deprived of political rights|political rights"
    r"|deprivation of political rights|aged?|over|under|within|past|last|first|next|after"
    r"|every|per|each|at least|more than|nearly|almost|about|around)\s*(?:for\s+)?(?:of\s+)?"
    r"(?:a\s+|an\s+|the\s+)?$",
    re.IGNORECASE,
)
_REVISION_BEFORE = re.compile(
    r"(?:commut|reduc|chang|cut|lower|increas|extend|lengthen|amend|alter)\w*\b[^.;]{0,40}?"
    r"\bto\s*(?:a\s+|an\s+)?$",
    re.IGNORECASE,
)
_REVISION_WORD = re.compile(r"\b(?:commut|reduc|chang)\w*\b[^.]*\bto\b", re.IGNORECASE)
_ELLIPTIC_TO = re.compile(
    r"\bto\s+(?:a\s+|an\s+)?(?:fixed\s+|fixed-term\s+)?(?:term\s+of\s+|prison\s+term\s+of\s+)?$",
    re.IGNORECASE,
)
_DELTA_BEFORE = re.compile(
    r"(?:commut|reduc|cut|lower|shorten|increas|extend|lengthen)\w*\b[^.;]{0,40}?\bby\s*"
    r"(?:a\s+|an\s+|a total of\s+)?$|\b(?:totaling|totalling|total of)\s*$",
    re.IGNORECASE,
)
_DELTA_AFTER = re.compile(
    r"^(?:'s?|s')?\s*(?:sentence\s+)?(?:reductions?|commutations?|off\b|less\b|early)",
    re.IGNORECASE,
)


def _atoms(words: str, v2: bool = False) -> list[tuple[int, int, float, int]] | None:
    """The parts of '3 years and 6 months': (start, end, months, unit rank) each."""
    out: list[tuple[int, int, float, int]] = []
    for m in (_ATOM_RE_V2 if v2 else _ATOM_RE).finditer(words):
        if m.group("halfyear"):
            out.append((m.start(), m.end(), 6.0, 3))
            continue
        value = parse_number(m.group("n"))
        if value is None:
            return None
        if m.group("half") or (v2 and m.group("half2")):
            value += 0.5
        unit = m.group("unit").lower()
        rank = (
            4
            if unit.startswith("y")
            else 3
            if unit.startswith("m")
            else 2
            if (unit.startswith("w"))
            else 1
        )
        out.append((m.start(), m.end(), value * _unit_months(unit), rank))
    return out


def durations(words: str, v2: bool = False) -> list[tuple[int, int, float]]:
    """Split '13 years and 6 years' into two terms and keep '3 years and 6 months' as one:
    (start, end, months) for each term, offsets within `words`; `v2` reads abbreviated units
    and 'a year and a half'."""
    atoms = _atoms(words, v2)
    if not atoms:
        return []
    out: list[tuple[int, int, float]] = []
    start, end, total, rank = atoms[0]
    for a, b, months, r in atoms[1:]:
        if r < rank:
            end, total, rank = b, total + months, r
        else:
            out.append((start, end, total))
            start, end, total, rank = a, b, months, r
    out.append((start, end, total))
    return out


_MONTH_WORD = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)


def months_of(words: str, v2: bool = False) -> float | None:
    """Return the length of 'three years and six months' (or 'six and a half years') in
    months."""
    found = durations(words, v2)
    return found[0][2] if found else None


def _unit_months(unit: str) -> float:
    u = unit.lower()
    return (
        12.0
        if u.startswith("y")
        else 1.0
        if u.startswith("m")
        else 12 / 52
        if (u.startswith("w"))
        else 1 / 30
    )


_CUE_AFTER = re.compile(
    r"^(?:'s?|s')?\s*(?:in\s+(?:prison|jail)|(?:of\s+)?(?:fixed-term\s+|criminal\s+)?"
    r"(?:imprisonment|detention in prison)|(?:prison|jail)\b|(?:prison\s+)?(?:sentence|term)"
    r"|of\s+(?:prison|jail))",
    re.IGNORECASE,
)
_CUE_BEFORE_V2 = re.compile(
    r"(?:sentenc\w*|imprison\w*|commut\w*|reduc\w*|serv(?:e|ed|es|ing)|gave|given|handed(?: down)?"
    r"|receiv\w*|impos\w*|penalty|term of|prison|jail\w*|convicted|punish\w*|got|gets)\b"
    r"[^;]{0,150}$",
    re.IGNORECASE,
)
# v2: a penalty that may come, or that someone asks for, is not a sentence.
_POTENTIAL_BEFORE = re.compile(
    r"(?:\b(?:up to|as (?:much|long) as|(?:maximum|minimum)(?: (?:prison )?(?:sentence|penalty"
    r"|term))?(?: of)?)\s*(?:a\s+|an\s+|the\s+)?"
    r"|\b(?:possible|potential|possibly|faces?|facing|risks?|risking|(?:could|would|might"
    r"|(?-i:may)|will)\s+(?:still\s+|now\s+|also\s+)?(?:face|receive|get|carry|be\s+(?:given"
    r"|sentenced|jailed|imprisoned)))\b[^.;]{0,30}"
    r"|\b(?:request\w*|sought|seek\w*|demand\w*|ask\w*(?: for)?|call\w* for|propos\w*"
    r"|recommend\w*)\s+(?:[\w'-]+\s+){0,3}?)$",
    re.IGNORECASE,
)
_POTENTIAL_AFTER = re.compile(
    r"^[^.;]{0,60}?\bif (?:he |she |they )?(?:is |are |was |were )?(?:found guilty|convicted)",
    re.IGNORECASE,
)
_CUE_BEFORE = re.compile(
    r"(?:sentenc\w*|imprison\w*|commut\w*|reduc\w*|serv(?:e|ed|es|ing)|gave|given|handed(?: down)?"
    r"|receiv\w*|impos\w*|penalty|term of|prison|jail\w*|convicted|punish\w*)\b[^;]{0,150}$",
    re.IGNORECASE,
)
_SERVED_BEFORE = re.compile(
    r"(?:after serving|having served|served|serving|completed|completing)\s*(?:a\s+|an\s+)?$",
    re.IGNORECASE,
)
_SENTENCE_AFTER = re.compile(r"(?:'s?|s')?\s*(?:prison\s+)?(?:sentence|term)\b", re.IGNORECASE)
_PRISON_AFTER = re.compile(r"(?:'s?|s')?\s*(?:in\s+)?(?:prison|jail|imprisonment)", re.I)
_LIST_CUE = re.compile(r"\b(?:sentenc\w*|imprison\w*|prison|jail\w*)\b", re.IGNORECASE)
_LISTED = re.compile(r"[(:;]", re.IGNORECASE)
_FOR_BEFORE = re.compile(r"\bfor\s+(?:a\s+|an\s+|the\s+)?$", re.IGNORECASE)
_FOR_OK = re.compile(
    r"(?:sentenc\w*|imprisonment|prison|jail\w*|imprisoned|incarcerated)\s+(?:\w+\s+){0,3}for\s+"
    r"(?:a\s+|an\s+|the\s+)?$",
    re.IGNORECASE,
)


def potential(doc: Doc, start: int, end: int) -> bool:
    """True for a penalty that may come or is asked for: 'faces up to 10 years', 'could
    face the death penalty', 'prosecutors requested 12 years', '... if convicted'."""
    text = doc.norm
    clause = doc.clauses[doc.clause_of(start)]
    before = text[max(clause.start, start - 80) : start]
    return bool(_POTENTIAL_BEFORE.search(before) or _POTENTIAL_AFTER.match(text[end : end + 80]))


def classify(doc: Doc, start: int, end: int, v2: bool = False) -> str | None:
    """Return 'prison', 'administrative', 'revision' or None (not a penalty) for a duration."""
    text = doc.norm
    clause = doc.clauses[doc.clause_of(start)]
    sent = doc.sents[doc.sent_of(start)]
    before = text[max(clause.start, start - 80) : start]
    wide = text[max(sent[0], start - 400) : start]
    after = text[end : end + 60]
    if _NOT_TERM_AFTER.match(after) or _NOT_TERM_BEFORE.search(before):
        return None
    if _SERVED_BEFORE.search(before) and not _SENTENCE_AFTER.match(after):
        return None  # "after serving 5 years": time served, not the sentence
    if _DELTA_BEFORE.search(before) or _DELTA_AFTER.match(after):
        return None
    administrative = _ADMIN_AFTER.match(after) or _ADMIN_BEFORE.search(before)
    if administrative and not _PRISON_AFTER.match(after):
        return "administrative"
    if _FOR_BEFORE.search(before) and not _FOR_OK.search(before):
        return None
    # "(Lobsang Tsering, 15 years; Lobsang Sherab 14 years)": a list after "sentenced".
    listed = _LISTED.search(wide) and _LIST_CUE.search(wide)
    cue_before = (_CUE_BEFORE_V2 if v2 else _CUE_BEFORE).search(before)
    if not _CUE_AFTER.match(after) and not cue_before and not listed:
        return None
    if v2 and potential(doc, start, end):
        return None
    if _REVISION_BEFORE.search(before):
        return "revision"
    # "commuted to life imprisonment, and in April 1993 to a fixed term of 20 years"
    sent_before = text[sent[0] : start]
    if _REVISION_WORD.search(sent_before) and _ELLIPTIC_TO.search(before):
        return "revision"
    return "prison"


def find_terms(doc: Doc, v2: bool = False) -> list[Term]:
    text = doc.norm
    out: list[Term] = []
    taken: list[tuple[int, int]] = []
    for m in _LIFE.finditer(text):
        if v2 and potential(doc, m.start(), m.end()):
            taken.append(m.span())
            continue
        before = text[max(0, m.start() - 60) : m.start()]
        revised = _REVISION_BEFORE.search(before) or re.search(
            r"commut|reduc|chang", text[max(0, m.start() - 40) : m.end()], re.I
        )
        out.append(Term(m.span(), Sentence(life=True), "revision" if revised else "prison"))
        taken.append(m.span())
    for m in _DEATH.finditer(text):
        if v2 and potential(doc, m.start(), m.end()):
            taken.append(m.span())
            continue
        near = text[max(0, m.start() - 40) : m.end() + 60]
        suspended = bool(_SUSPENDED_NEAR.search(near))
        out.append(Term(m.span(), Sentence(death=True, suspended=suspended), "prison"))
        taken.append(m.span())
        # "death with a two-year reprieve": the reprieve is not a term.
        reprieve = re.match(r"[^.;]{0,40}?(?:reprieve|suspen\w+)", text[m.end() :], re.I)
        if reprieve:
            taken.append((m.end(), m.end() + reprieve.end()))
    pos = 0
    while (dm := (_DURATION_V2 if v2 else _DURATION).search(text, pos)) is not None:
        m = dm
        a, b = m.span()
        pos = b
        if any(not (b <= s or a >= e) for s, e in taken):
            continue
        if m.group("range"):
            lo, hi = parse_number(m.group("lo")), parse_number(m.group("hi"))
            month_before = re.search(rf"{_MONTH_WORD}\s*$", text[max(0, a - 12) : a])
            if lo is None or hi is None or hi <= lo or month_before:
                pos = m.start("hi")  # "December 29 to 1 year": retry from "1 year"
                continue
            kind = classify(doc, a, b, v2)
            if kind is None:
                continue
            unit = _unit_months(str(m.group("runit")))
            sentence = Sentence(min_months=int(lo * unit), max_months=int(hi * unit))
            out.append(Term((a, b), sentence, kind))
            continue
        for da, db, months in durations(str(m.group("dur")), v2):
            start, end = a + da, a + db
            kind = classify(doc, start, end if end < b else b, v2)
            if kind is None or months <= 0:
                continue
            whole = int(months + 1e-6)
            out.append(Term((start, end), Sentence(min_months=whole, max_months=whole), kind))
    out.sort(key=lambda t: t.span)
    return out


@step("terms.v1", requires=("norm", "sents", "clauses"), provides=("terms",))
def terms_v1(doc: Doc) -> None:
    """Find prison terms, life and death sentences, administrative terms and revisions."""
    doc.terms = find_terms(doc)


@step("terms.v2", requires=("norm", "sents", "clauses"), provides=("terms",))
def terms_v2(doc: Doc) -> None:
    """As terms.v1, with abbreviated units and 'a year and a half'; possible or requested
    penalties are not terms."""
    doc.terms = find_terms(doc, v2=True)
