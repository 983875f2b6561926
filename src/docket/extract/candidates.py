"""Candidate person names: capitalised runs of words, trimmed and scored by the words
around them (a person noun before, an age after, a place word after) and by gazetteers of
places, organisations and name elements. Used by persons.v1 to v4; v4 also knows news
outlets and websites, by name (data/outlets.txt) and by the words around them ("the
newspaper Ming Pao", "Southern Weekend newspaper"), wherever the report names them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docket.extract.doc import Doc, Token
from docket.extract.lexicon import lexicon
from docket.extract.shapes import (
    AMBIGUOUS_ETHNIC,
    PARTICLES,
    PARTICLES_AFTER,
    is_chinese_name,
    is_organization,
    is_place,
    name_part_share,
)
from docket.extract.text import MONTHS, is_apposition_mark, is_capitalized, wordset

_FUNCTION_WORDS = wordset(
    "the a an on in at by from to of and or but after before when while during since until "
    "according based following later then also although though however meanwhile "
    "subsequently thereafter as if because both all some other another several many this that "
    "these those his her their its our my your we they he she it i you there here what which "
    "who whom whose where why how yet so nor not no yes upon with without within into onto "
    "over under about above below between among"
)
_WEEKDAYS = wordset("monday tuesday wednesday thursday friday saturday sunday")
PLACE_NEXT = wordset(
    "county city prefecture province township town village district region municipality "
    "monastery nunnery area banner league autonomous subdistrict neighborhood neighbourhood "
    "community street road market square temple mosque church school university college "
    "valley river mountain lake tap t&qap tar prefecture-level county-level hospital prison "
    "court"
)
_PLACE_PREV = wordset(
    "in at near from to into across outside inside throughout toward towards via around between"
)
_VERBS_BEFORE = wordset(
    "detained arrested sentenced released apprehended seized tried convicted abducted summoned "
    "beat interrogated including include includes named took taking held charged accused "
    "prosecuted indicted freed visited jailed imprisoned kidnapped tortured identified as "
    "against with and sentencing detaining arresting releasing informed told"
)
_VERBS_AFTER = wordset(
    "was were is are had has have remains remained said says told died received served wrote "
    "carried shouted staged went returned fled disappeared reportedly allegedly also who "
    "whose did does will would could may might"
)
_POSSESSED = wordset(
    "protest activity activities place charges status condition name age fate hometown role "
    "involvement participation current whereabouts lawyer's wife husband family lawyer "
    "lawyers sentence case detention release trial "
    "health home arrest mother father son sons daughter daughters brother brothers sister "
    "sisters relatives parents children conviction attorney defense defence body death "
    "relative appeal disappearance imprisonment verdict friends friend colleague colleagues "
    "mother-in-law father-in-law uncle aunt nephew niece cousin account blog website "
    "detentions sentences cases trials"
)
_SOURCE_NOUNS = wordset(
    "director researcher spokesperson spokesman spokeswoman analyst expert scholar professor "
    "representative president chairman chair executive coordinator campaigner"
)
# v2: these name a source by themselves; the others ("director", "scholar", "professor")
# only with the body the person speaks for ("director at Human Rights Watch"), and none in
# an apposition that gives an ethnic group ("a Uyghur religious scholar": a detainee).
_STRONG_SOURCE_NOUNS = wordset(
    "researcher spokesperson spokesman spokeswoman analyst campaigner coordinator representative"
)
_AFFILIATION = re.compile(r"(?:\b(?:at|of|with|for)\s+(?:the\s+)?|'s?\s+)(?-i:[A-Z])")
_SAID = wordset("said says told stated wrote added explained noted according")
_OBJECT_END = wordset("on in at , . ; from for after because and while as when during near ( to")
_VICTIM_AFTER = re.compile(
    r"^\s*(?:\([^)]{1,40}\)\s*)?,?\s*(?:who\s+)?(?:was|were|had been|has been|is|are)\s+"
    r"(?:\w+ly\s+|also\s+|later\s+|then\s+|not\s+){0,2}(?:detained|arrested|sentenced|released"
    r"|taken|seized|apprehended|tried|convicted|jailed|imprisoned|abducted|held|freed|beaten"
    r"|tortured|one of|among"
    r"|a (?:monk|nun|student|farmer|herder|teacher|resident|native|member))\b",
    re.IGNORECASE,
)
_SPEAKS_AFTER = re.compile(
    r"(?:\s*\([^)]{0,40}\))?(?:\s*,[^,.;\"]{0,60},)?\s*(?:also\s+|later\s+)?"
    r"(?:said|says|told|stated|wrote|added|explained|recalled|noted|testified)\b",
    re.IGNORECASE,
)
_ORG_ROLES = wordset(
    "member members head chief leader leaders founder founders co-founder director editor "
    "chairman chairwoman chair president secretary deputy staff employee employees student "
    "students teacher professor spokesperson spokesman correspondent reporter host "
    "coordinator organizer organiser editor-in-chief manager owner worker workers "
    "journalist journalists contributor volunteer volunteers activists activist"
)
_NAMING_WORDS = wordset("named name called alias aka a.k.a. surnamed nicknamed")
# v4: "the Hong Kong newspaper Wen Hui Bao", "the news site Golden Tarim", "Southern Weekend
# newspaper"; not "his blog" or "the police station" (a person may follow those).
_OUTLET_NOUNS = (
    r"(?:news\s+)?(?:outlet|newspaper|magazine|website|web\s?site|news\s+site|weekly|daily"
    r"|tabloid|portal|broadcaster|news\s+agency|periodical|journal|tv\s+channel)"
)
_OUTLET_BEFORE = re.compile(
    r"\b(?:the|a|an|news|online|independent|opposition|state-run|state-owned|official|local"
    r"|exile|[A-Z][\w-]*)\s+(?:[\w-]+\s+){0,2}?(?-i:" + _OUTLET_NOUNS + r")\s+$",
    re.IGNORECASE,
)
_OUTLET_AFTER = re.compile(
    r"^\s+(?:newspaper|magazine|website|news\s+(?:site|website|agency|outlet|portal)|outlet"
    r"|weekly|tabloid|broadcaster|television)\b"
)


def is_outlet(words: list[str]) -> bool:
    """True for a run that is, starts or ends with a known news outlet or website (v4)."""
    outlets = lexicon().outlets
    low = [w.lower() for w in words]
    for n in range(len(low), 0, -1):
        if " ".join(low[:n]) in outlets or " ".join(low[-n:]) in outlets:
            return True
    return False


def _outlet_context(doc: Doc, a: int, b: int) -> bool:
    """'the newspaper X', 'X newspaper': the words around a run name an outlet (v4)."""
    toks = doc.tokens
    start, end = toks[a].start, toks[b - 1].end
    before = doc.norm[max(0, start - 60) : start]
    return bool(_OUTLET_BEFORE.search(before) or _OUTLET_AFTER.match(doc.norm[end : end + 30]))


@dataclass
class Candidate:
    """A capitalised run of words that may be a person's name."""

    start: int  # token index
    end: int  # token index, exclusive
    words: list[str]
    score: float = 0.0
    accepted: bool = False
    place: bool = False
    aliases: list[tuple[int, int]] = field(default_factory=list)  # token ranges
    role_hint: str | None = None
    sex_hint: str | None = None


def _is_upper_surname(t: str) -> bool:
    """'HASHIMLI' in 'HASHIMLI Parviz': a surname in capitals, not an acronym ('TCHRD')."""
    if len(t) < 5 or not t.isalpha() or not t.isupper():
        return False
    low = t.lower()
    lex = lexicon()
    vowels = sum(1 for c in low if c in "aeiouy")
    return vowels >= 2 and low not in lex.common_words and low not in lex.organizations


def is_name_token(tok: Token) -> bool:
    t = tok.text
    if len(t) < 2 or not t[0].isupper() or any(c.isdigit() for c in t):
        return False
    if not all(c.isalpha() or c in "'-." for c in t):
        return False
    if t.endswith(".") and len(t) > 2:
        return False  # "No.", "Dr.", "Art."
    return is_capitalized(t) or (len(t) == 2 and t[1] == ".")


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of capitalised runs, joined across particles and in-word hyphens."""
    toks = doc.tokens
    out: list[tuple[int, int]] = []
    i = 0
    n = len(toks)
    while i < n:
        if not is_name_token(toks[i]):
            i += 1
            continue
        j = i + 1
        if i > 0 and _is_upper_surname(toks[i - 1].text) and toks[i - 1].sent == toks[i].sent:
            i -= 1  # "HASHIMLI Parviz"
        while j < n and toks[j].sent == toks[i].sent:
            t = toks[j]
            if is_name_token(t) or (_is_upper_surname(t.text) and j == i + 1):
                j += 1
                continue
            hyphen_join = (
                t.text == "-"
                and not toks[j - 1].space_after
                and not t.space_after
                and j + 1 < n
                and is_name_token(toks[j + 1])
            )
            particle = t.lower in PARTICLES and j + 1 < n and is_name_token(toks[j + 1])
            if hyphen_join or particle or t.lower in PARTICLES_AFTER:
                j += 1
                continue
            break
        out.append((i, j))
        i = j
    return out


def _trim(doc: Doc, a: int, b: int) -> tuple[int, int]:
    """Drop leading and trailing words that are not part of a name."""
    lex = lexicon()
    toks = doc.tokens
    words = [t.text for t in toks[a:b]]
    if is_chinese_name(words):
        return a, b

    def strip_left(w: str) -> bool:
        lw = w.lower().rstrip(".")
        return (
            lw in _FUNCTION_WORDS
            or lw in lex.titles
            or lw in lex.person_nouns
            or lw in lex.occupations
            or lw in lex.kinship
            or lw in lex.ethnic
            or lw in MONTHS
            or lw in _WEEKDAYS
            or (lw in lex.common_words and lw not in lex.name_parts)
            or w == "-"
        )

    while a < b:
        rest = [t.text for t in toks[a:b]]
        if is_chinese_name(rest):
            return a, b
        if strip_left(toks[a].text) or toks[a].lower in PARTICLES:
            a += 1
            continue
        break
    while b > a:
        w = toks[b - 1].lower
        if (
            (w in lex.common_words and w not in lex.name_parts and w not in PARTICLES_AFTER)
            or w in MONTHS
            or w in _WEEKDAYS
            or w == "-"
            or w in PARTICLES - PARTICLES_AFTER
        ):
            b -= 1
            continue
        break
    return a, b


def parenthetical(doc: Doc, b: int) -> tuple[int, int] | None:
    """If a '(' follows token b-1, return the token range inside the parentheses."""
    toks = doc.tokens
    if b < len(toks) and toks[b].text == "(":
        for j in range(b + 1, min(len(toks), b + 16)):
            if toks[j].text == ")":
                return b + 1, j
            if toks[j].text == "(":
                return None
    return None


def _age_or_sex_after(doc: Doc, b: int) -> bool:
    """'Name, 33,' / 'Name (33)' / 'Name (age 25)' / 'Name (female, born 1967)'."""
    toks = doc.tokens
    if b + 2 < len(toks) and toks[b].text in (",", "(") and toks[b + 1].text.isdigit():
        value = int(toks[b + 1].text)
        return 5 <= value <= 110 and toks[b + 2].text in (",", ")", ".", ";", "and", "-")
    inner = parenthetical(doc, b)
    if inner:
        first = toks[inner[0]].lower
        return first in ("age", "aged", "female", "male", "born", "b.", "a", "an") or (
            first.isdigit() and 5 <= int(first) <= 110
        )
    return False


def _apposition(doc: Doc, b: int, v2: bool = False) -> str | None:
    """For 'Name, a 33-year-old Uyghur farmer,' return 'occupation' / 'person' / 'source'."""
    lex = lexicon()
    toks = doc.tokens
    if b >= len(toks) or not is_apposition_mark(toks, b):
        return None
    window: list[str] = []
    for j in range(b + 1, min(len(toks), b + 9)):
        t = toks[j]
        if t.text in (",", ".", ";", "(", ")") or t.sent != toks[b].sent:
            break
        window.append(t.lower)
    if v2 and window:
        words = doc.norm[toks[b + 1].start : toks[b + len(window)].end]
        strong = any(w in _STRONG_SOURCE_NOUNS for w in window)
        weak = any(w in _SOURCE_NOUNS for w in window) and _AFFILIATION.search(words)
        if (strong or weak) and not any(w in lex.ethnic for w in window):
            return "source"
    elif any(w in _SOURCE_NOUNS for w in window):
        return "source"
    if any(
        w in lex.occupations or w in lex.person_nouns or w in lex.kinship or w in lex.ethnic
        for w in window
    ):
        return "person"
    if b + 1 < len(toks) and toks[b + 1].lower in ("who", "whose"):
        return "person"
    return None


def _score(doc: Doc, cand: Candidate, v2: bool = False) -> float:
    lex = lexicon()
    toks = doc.tokens
    a, b = cand.start, cand.end
    words = cand.words
    lower_words = [w.lower() for w in words]
    score = 0.0
    if is_chinese_name(words):
        score += 3
    score += 2.5 * name_part_share(words)
    if all(w in lex.common_words for w in lower_words):
        score -= 2
    if is_place(words):
        score -= 3
        cand.place = True
    prev = toks[a - 1] if a > 0 and toks[a - 1].sent == toks[a].sent else None
    prev2 = toks[a - 2] if a > 1 and toks[a - 2].sent == toks[a].sent else None
    nxt = toks[b] if b < len(toks) and toks[b].sent == toks[a].sent else None
    nxt2 = toks[b + 1] if b + 1 < len(toks) and toks[b + 1].sent == toks[a].sent else None
    after = doc.norm[toks[b - 1].end : toks[b - 1].end + 60]
    if prev is not None:
        pl = prev.lower.rstrip(".")
        if (
            pl in lex.person_nouns
            or pl in lex.occupations
            or pl in lex.titles
            or (prev.text.islower() and pl.endswith(("ist", "ian")) and len(pl) > 5)
            or (prev2 is not None and prev2.lower in lex.ethnic and prev.text.islower())
        ):
            score += 3.5
        elif pl in lex.kinship:
            score += 3.5
            cand.role_hint = "relative"
            cand.sex_hint = lex.kinship[pl]
        elif pl in _NAMING_WORDS:
            score += 3.5
        elif pl in _SAID:
            score += 1.5
            cand.role_hint = cand.role_hint or "source"
        elif pl in _VERBS_BEFORE:
            score += 3.5 if nxt is None or nxt.lower in _OBJECT_END else 1.5
        elif pl in _PLACE_PREV:
            score -= 2.5
        elif pl == "of" and prev2 is not None and prev2.lower in _ORG_ROLES:
            score -= 3  # "editor of Bizim Yol", "member of Musavat"
            cand.place = True
        elif pl in lex.ethnic and prev2 is not None and prev2.lower in lex.person_nouns:
            score += 2
        elif prev.text == "," and prev2 is not None and prev2.lower in lex.kinship:
            score += 3.5  # "his father, Sangpa"
            cand.role_hint = "relative"
            cand.sex_hint = lex.kinship[prev2.lower]
    if nxt is not None:
        nl = nxt.lower
        if nl in PLACE_NEXT:
            score -= 4
            cand.place = True
        elif _age_or_sex_after(doc, b) or _VICTIM_AFTER.match(after):
            score += 3.5
        elif nl in _VERBS_AFTER or (nl.endswith("ed") and len(nl) > 3):
            score += 1
            if nl in _SAID:
                cand.role_hint = cand.role_hint or "source"
        elif nl in ("'s", "'") and nxt2 is not None:
            if nxt2.lower in _POSSESSED:
                score += 3.5
            elif nxt2.lower in PLACE_NEXT:
                score -= 1
        app = _apposition(doc, b, v2)
        if app == "person":
            score += 3.5
        elif app == "source":
            score += 3.5
            cand.role_hint = "source"
        inner = parenthetical(doc, b)
        if inner and not cand.place:
            after_paren = toks[inner[1] + 1] if inner[1] + 1 < len(toks) else None
            if after_paren is not None and after_paren.lower in PLACE_NEXT:
                score -= 4
                cand.place = True
    if _SPEAKS_AFTER.match(after):
        cand.role_hint = cand.role_hint or "source"
    if len(words) == 1:
        score -= 1.5
    if v2 and all(_describes_people(w) for w in lower_words):
        score -= 8  # "official Chinese sources", "Han Chinese": a people, not a person
    return score


def _describes_people(word: str) -> bool:
    """A nationality or an ethnic group word that is not also a common surname ('Han')."""
    lex = lexicon()
    return word in lex.demonyms or (word in lex.ethnic and word not in AMBIGUOUS_ETHNIC)


def _accept(cand: Candidate) -> bool:
    if cand.place:
        return cand.score >= 3
    return cand.score >= (2.0 if len(cand.words) == 1 else -0.5)


def find_candidates(doc: Doc, v2: bool = False, v4: bool = False) -> list[Candidate]:
    """Capitalised runs scored as person names; `v2` (persons.v2) reads a source's
    apposition more strictly; `v4` (persons.v4) takes no news outlet for a person."""
    lex = lexicon()
    out: list[Candidate] = []
    outlets: set[str] = set()  # v4: phrases the report shows are outlets
    blocked = bytearray(len(doc.text) + 1)
    for s, e in (inst.span for inst in doc.institutions):
        blocked[s:e] = b"\x01" * (e - s)
    for a0, b0 in _runs(doc):
        if any(blocked[doc.tokens[a0].start : doc.tokens[b0 - 1].end]):
            # inside or touching an institution's name: "Urumqi Intermediate People's Court"
            continue
        words0 = [t.text for t in doc.tokens[a0:b0]]
        if is_organization(words0) and not is_chinese_name(words0):
            continue
        a, b = _trim(doc, a0, b0)
        if a >= b:
            continue
        words = [t.text for t in doc.tokens[a:b]]
        phrase = " ".join(words).lower()
        if phrase in lex.non_person or phrase in lex.organizations:
            continue
        if v4 and (is_outlet(words0) or _outlet_context(doc, a, b)):
            outlets.add(phrase)
            continue
        if len(words) == 1 and len(words[0]) <= 2:
            continue
        cand = Candidate(a, b, words)
        if phrase in lex.public_figures:
            cand.role_hint = "other"
        cand.score = _score(doc, cand, v2)
        cand.accepted = _accept(cand)
        out.append(cand)
    if outlets:  # "Southern Weekend newspaper ... the Southern Weekend protests"
        out = [c for c in out if " ".join(c.words).lower() not in outlets]
    _accept_lists(doc, out)
    return out


def _accept_lists(doc: Doc, cands: list[Candidate]) -> None:
    """In 'A, B, and C' or 'A and B', accept every item when one is surely a person."""
    toks = doc.tokens
    i = 0
    while i < len(cands):
        group = [cands[i]]
        j = i
        while j + 1 < len(cands):
            gap = [t.lower for t in toks[cands[j].end : cands[j + 1].start]]
            listed = gap and all(g in (",", "and", "or", ";") for g in gap) and len(gap) <= 3
            if listed or _skip_paren(toks, cands[j].end, cands[j + 1].start):
                group.append(cands[j + 1])
                j += 1
            else:
                break
        if len(group) > 1 and any(c.accepted and c.score >= 2 for c in group):
            for c in group:
                if not c.place:
                    c.accepted = True
        i = j + 1


def _skip_paren(toks: list[Token], a: int, b: int) -> bool:
    """True for a gap like ' (33), ' or ' (age 25), and ' between two list items."""
    gap = [t.text for t in toks[a:b]]
    if not gap or gap[0] != "(" or ")" not in gap:
        return False
    close = gap.index(")")
    if close > 6:
        return False
    rest = [g.lower() for g in gap[close + 1 :]]
    return bool(rest) and all(g in (",", "and", "or", ";") for g in rest) and len(rest) <= 3
