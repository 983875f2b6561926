"""attributes.v1: facts stated right beside a name: age ("Nurmehmet, 33,"), ethnicity and
occupations before it ("the Uyghur filmmaker and director Ikram Nurmehmet") or in an
apposition after it ("Ma Wuyong, an unregistered priest"), and sex from titles and nouns.

attributes.v2: a job title is kept whole ("Maya Wang, associate China director at Human
Rights Watch" is an "associate China director", not a "director"); "a Hui imam" gives an
ethnic group although "Hui" is also a surname; and in "Rahile Tursun, her husband Abdulla
Hashim" the kinship word describes the name after it, not Rahile Tursun; the name after
"brother of the blogger" is a relative.

attributes.v3: an age stated further before a name, across the words that describe the
person ("18-year-old Kirti Monastery monk Gedun Phuntsog", "a 29-year-old Tibetan man
named Jampa Sengge"), when no other name stands between; "A and B, both aged 19" gives
both the age."""

from __future__ import annotations

import re

from docket.extract.doc import Doc, Fact, Mention, Token
from docket.extract.lexicon import lexicon
from docket.extract.numbers import NUMBER, parse_count
from docket.extract.pipeline import step
from docket.extract.shapes import AMBIGUOUS_ETHNIC, is_ethnic_word, occupations_in
from docket.extract.text import is_apposition_mark, wordset

_SEX_WORDS = {
    "man": "male",
    "men": "male",
    "boy": "male",
    "male": "male",
    "males": "male",
    "gentleman": "male",
    "monk": "male",
    "monks": "male",
    "businessman": "male",
    "layman": "male",
    "policeman": "male",
    "widower": "male",
    "woman": "female",
    "women": "female",
    "girl": "female",
    "female": "female",
    "females": "female",
    "lady": "female",
    "nun": "female",
    "nuns": "female",
    "businesswoman": "female",
    "laywoman": "female",
    "actress": "female",
    "widow": "female",
    "schoolgirl": "female",
    "schoolboy": "male",
}
# Words that may stand in a description before a name or in an apposition after it.
_MODIFIERS = wordset(
    "former senior young elderly ethnic prominent well-known noted leading veteran local "
    "retired unregistered underground house church rights human democracy independent "
    "internet online citizen freelance religious buddhist muslim christian catholic protestant "
    "falun gong lay village party communist university college school primary middle high art "
    "film documentary legal land labor labour environmental and & , - famous popular dissident "
    "reincarnate chant alleged suspected fellow another other also then renowned respected "
    "tibetan uyghur young-looking elder deputy vice assistant associate chief head "
    "pro-democracy anti-corruption education educational health medical"
)
_CHAIN_STOP = wordset(
    "the a an his her their its of in at on by from to for with and or but as that which who "
    "including include named called also was were is are had has have be been being than "
    "after before during while when where against about into over under"
)
_APPOSITION_STOP = wordset(
    "was were is are had has have said says told who which that whose when while after "
    "before because since but"
)
_AGE_AFTER = re.compile(
    r"(?:\s*,\s*|\s*\(\s*)(?:(?:then|now|aged?|age)\s+)?(?:about\s+|around\s+|approximately\s+)?(?:(?:male|female)\s*,\s*(?:aged?\s+)?)?"
    r"(?P<age>\d{1,3})(?:\s*years?\s*old|-years?-old)?\s*(?:[,);.]|and\b|-)",
    re.IGNORECASE,
)
_AGE_YEAR_OLD = re.compile(rf"(?P<age>{NUMBER}|\d{{1,3}})[- ]years?[- ]old", re.IGNORECASE)
_AGED = re.compile(r"\baged?\s+(?P<age>\d{1,3})\b", re.IGNORECASE)
# Ages stated anywhere ("He was age 27 at the time", "Dai was 35 years old"); attribution
# gives them to the person of their clause.
_AGE_FREE = re.compile(
    r"\b(?:(?:was|is|then|now)\s+(?:aged?\s+|about\s+|around\s+)?(?P<a>\d{1,3})(?=\s*(?:years|,|\.|;|\)|at\b|when\b))"
    r"|(?:aged?|at age|at the age of)\s+(?P<b>\d{1,3})\b"
    r"|(?P<c>\d{1,3})\s+years?\s+old\b)",
    re.IGNORECASE,
)


def _list_head(doc: Doc, mention: Mention, by_end: dict[int, Mention]) -> Mention:
    """For the later items of 'A, B, and C', return A (the description before A covers all)."""
    toks = doc.tokens
    current = mention
    for _ in range(12):
        k = doc.token_at(current.span[0]) - 1
        # skip ", and" / "and" / "," and a parenthetical like "(33)"
        steps = 0
        while k >= 0 and toks[k].text in (",", "and", ";") and steps < 3:
            k -= 1
            steps += 1
        if steps == 0:
            break
        if k >= 0 and toks[k].text == ")":
            while k >= 0 and toks[k].text != "(":
                k -= 1
            k -= 1
        if k < 0:
            break
        prev = by_end.get(toks[k].end)
        if prev is None or prev.kind not in ("name", "short"):
            break
        current = prev
    return current


def _pre_chain(doc: Doc, tok_start: int) -> tuple[int, int]:
    """Token range of the description right before a name ('Tibetan satirist and shopkeeper')."""
    lex = lexicon()
    toks = doc.tokens
    k = tok_start - 1
    a = tok_start
    while k >= 0 and toks[k].sent == toks[tok_start].sent and tok_start - k <= 8:
        lw = toks[k].lower.rstrip(".")
        lenient = (
            lw.isalpha()
            and toks[k].text.islower()
            and lw not in _CHAIN_STOP
            and not lw.endswith(("ed", "ing", "ly"))
            and k + 1 < tok_start
        )
        if lenient or (
            lw in _MODIFIERS
            or lw in lex.occupations
            or lw in lex.person_nouns
            or lw in lex.ethnic
            or lw in lex.titles
            or lw in lex.kinship
            or _AGE_YEAR_OLD.fullmatch(lw)
            or lw in ("year", "old", "years")
            or lw.isdigit()
        ):
            a = k
            k -= 1
            continue
        break
    while a < tok_start and toks[a].text in (",", "and", "&", "-"):
        a += 1
    return a, tok_start


def _apposition(doc: Doc, tok_end: int) -> tuple[int, int]:
    """Token range of an apposition after a name: ', an unregistered priest from Baoding'."""
    toks = doc.tokens
    if tok_end >= len(toks) or not is_apposition_mark(toks, tok_end):
        return tok_end, tok_end
    a = tok_end + 1
    k = a
    while k < len(toks) and toks[k].sent == toks[tok_end].sent and k - a < 18:
        t = toks[k]
        if t.text in (".", ";", "(", ")", '"') or t.lower in _APPOSITION_STOP:
            break
        if t.lower.endswith("ed") and k > a and toks[k - 1].text == ",":
            break
        k += 1
    return a, k


def _facts_for(doc: Doc, mention: Mention, head: Mention, v2: bool = False) -> list[Fact]:
    lex = lexicon()
    toks = doc.tokens
    e = mention.entity
    out: list[Fact] = []
    text = doc.norm
    m = _AGE_AFTER.match(text, mention.span[1])
    if m and 1 <= int(m.group("age")) <= 110:
        # Not "(1989)" or "Name, 2008": reject years and long numbers.
        out.append(Fact("age", int(m.group("age")), m.span("age"), e))
    t0 = doc.token_at(head.span[0])
    a, b = _pre_chain(doc, t0)
    t_end = doc.token_at(mention.span[1] - 1) + 1
    # A parenthetical right after the name is skipped: "Tashi (Tashi Tsering), a monk",
    # but read when it describes: "Tenzin Dorje (or Nyima, a Zhabten Monastery monk)".
    ranges: list[tuple[int, int, str]] = [(a, b, "pre")]
    if t_end < len(toks) and toks[t_end].text == "(":
        close = next(
            (j for j in range(t_end, min(len(toks), t_end + 20)) if toks[j].text == ")"), None
        )
        if close is not None:
            if not any(f.field == "age" for f in out):
                out.extend(_ages_in(doc, toks[t_end].end, toks[close].start, e))
            comma = next((j for j in range(t_end, close) if toks[j].text in (",", ";")), None)
            if comma is not None:
                ranges.append((comma + 1, close, "post"))
            t_end = close + 1
    c, d = _apposition(doc, t_end)
    ranges.append((c, d, "post"))
    for lo, hi, where in ranges:
        words = [t.text for t in toks[lo:hi]]
        stop = len(words)
        if where == "post":
            # "X, the wife of Y": X is a relative; what follows describes Y.
            for i, w in enumerate(words[:4]):
                lw = w.lower()
                if lw in lex.kinship and v2 and i + 1 < len(words) and words[i + 1][:1].isupper():
                    stop = i  # "Rahile Tursun, her husband Abdulla Hashim": about the next name
                    break
                if lw in lex.kinship:
                    if lex.kinship[lw]:
                        out.append(Fact("sex", lex.kinship[lw], _span(toks, lo + i), e))
                    out.append(Fact("role", "relative", _span(toks, lo + i), e))
                    stop = i
                    break
            for i, w in enumerate(words[:stop]):
                if w.lower() in ("of", "at", "from", "in", "for", "with", "to") and i > 0:
                    stop = min(stop, i + 4)
                    break
        for i, w in enumerate(words[:stop]):
            lw = w.lower().rstrip(".")
            tok = toks[lo + i]
            if is_ethnic_word(toks, lo + i) or (v2 and _ethnic_before_noun(toks, lo + i)):
                out.append(Fact("ethnicity", lex.ethnic[lw], (tok.start, tok.end), e))
            if lw in _SEX_WORDS:
                out.append(Fact("sex", _SEX_WORDS[lw], (tok.start, tok.end), e))
            elif lw in lex.titles and lex.titles[lw] and where == "pre" and lo + i == b - 1:
                out.append(Fact("sex", lex.titles[lw], (tok.start, tok.end), e))
            elif lw in lex.kinship and where == "pre" and lex.kinship[lw] and lo + i == b - 1:
                out.append(Fact("sex", lex.kinship[lw], (tok.start, tok.end), e))
                out.append(Fact("role", "relative", (tok.start, tok.end), e))
            if lw in _PERPETRATOR_WORDS and (where == "post" or lo + i >= b - 2):
                # "Judge Wang Lin", "Li Ming, the police chief": a role, if nothing else is
                # said of them (attribution lets a detention outrank it).
                out.append(Fact("role", "perpetrator", (tok.start, tok.end), e))
        seg = toks[lo : lo + stop]
        if seg and not any(f.field == "age" for f in out):
            out.extend(_ages_in(doc, seg[0].start, seg[-1].end, e))
        found = occupations_in([t.text for t in seg])
        for s, f, occ in found:
            if v2 and occ in _TITLE_HEADS:
                s, f, occ = _job_title(doc, seg, s, f, occ)
            out.append(Fact("occupation", occ, (seg[s].start, seg[f - 1].end), e))
            if occ in _MONASTIC:
                # an abbot, chant master or disciplinarian is a monk holding an office
                out.append(Fact("occupation", "monk", (seg[s].start, seg[f - 1].end), e))
        if found:
            # "an employee of the Fengrui Law Firm": the workplace says more than the job.
            for x in toks[lo:hi]:
                if x.lower in _WORKPLACES and x.lower not in found[0][2]:
                    occ = f"{x.lower if x.lower != 'ngo' else 'NGO'} {found[0][2]}"
                    out.append(Fact("occupation", occ, (seg[found[0][0]].start, x.end), e))
                    break
    return out


# A title that a head word like "director" only gives with the words before it: "associate
# China director", "East Asia Regional Director" (a job at an organisation, not a trade).
_TITLE_HEADS = wordset(
    "director researcher spokesperson spokesman spokeswoman analyst campaigner coordinator "
    "representative adviser advisor officer"
)
_RANKS = wordset(
    "associate deputy senior assistant acting executive regional program programme country "
    "research advocacy policy"
)


_KIN_OF = re.compile(r"\b([\w-]+)\s+of\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}$", re.IGNORECASE)


def _job_title(doc: Doc, seg: list[Token], s: int, f: int, occ: str) -> tuple[int, int, str]:
    """Widen the occupation at seg[s:f] to its whole title, as written, when capitalised
    words or ranks stand before it ("associate China director") or a capitalised field
    follows it ("Director of Research"); return the new start, end and the title."""
    lex = lexicon()
    j = s
    while j > 0:
        t = seg[j - 1]
        capital = t.text[:1].isupper() and t.text.isalpha() and t.lower not in lex.ethnic
        if not (capital or t.lower in _RANKS):
            break
        j -= 1
    k = f
    if k + 1 < len(seg) and seg[k].lower == "of" and seg[k + 1].text[:1].isupper():
        k += 1
        while k < len(seg) and seg[k].text[:1].isupper() and seg[k].text.isalpha():
            k += 1
    if (j, k) == (s, f):
        return s, f, occ
    return j, k, re.sub(r"\s+", " ", doc.text[seg[j].start : seg[k - 1].end])


def _ethnic_before_noun(toks: list[Token], i: int) -> bool:
    """'a Hui imam', 'the Yi farmer': a short ethnic name that is also a surname, between an
    article and an occupation or person noun."""
    lex = lexicon()
    tok = toks[i]
    if tok.lower not in AMBIGUOUS_ETHNIC or not tok.text[:1].isupper() or i == 0:
        return False
    nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
    return toks[i - 1].lower in ("a", "an", "the") and (
        nxt in lex.occupations or nxt in lex.person_nouns
    )


_AGE_IN = re.compile(
    rf"\bage[ds]?\s+(?:of\s+|as\s+)?(?:about\s+|around\s+|approximately\s+|roughly\s+|nearly\s+)?"
    rf"(?P<a>\d{{1,3}})\b|(?P<b>{NUMBER}|\d{{1,3}})[- ]years?[- ]old"
    rf"|(?:^|[,;(]\s*)(?P<c>\d{{1,3}})\s*(?=[,;)]|$)|\bthen\s+(?P<d>\d{{1,3}})\b",
    re.IGNORECASE,
)


def _ages_in(doc: Doc, start: int, end: int, e: int) -> list[Fact]:
    """The first age stated in text[start:end] ('age about 44', '33-year-old', ', 33,')."""
    segment = doc.norm[start:end]
    for m in _AGE_IN.finditer(segment):
        group = next(g for g in "abcd" if m.group(g))
        age = parse_count(m.group(group))
        if age and age <= 110:
            a, b = m.span(group)
            return [Fact("age", age, (start + a, start + b), e)]
    return []


_PERPETRATOR_WORDS = wordset(
    "judge judges prosecutor prosecutors procurator interrogator interrogators guard guards "
    "warden jailer investigator chief commissioner governor"
)
_MONASTIC = frozenset(
    {"abbot", "former abbot", "chant master", "disciplinarian", "geshe", "khenpo", "novice monk"}
)
_WORKPLACES = wordset(
    "factory school university college company firm hospital church ngo bank railway mine "
    "publishing newspaper magazine bureau psb procuratorate court"
)
_COPULA = wordset("was is had been has became becomes remains remained as")


def _copula_facts(doc: Doc) -> None:
    """'He was a monk and teacher at Dargye Monastery', 'Li is the 78-year-old bishop':
    descriptions after a copula, given by attribution to the subject before them."""
    lex = lexicon()
    toks = doc.tokens
    for i, t in enumerate(toks):
        if t.lower not in _COPULA or i + 2 >= len(toks):
            continue
        if t.lower == "as" and not (i > 0 and toks[i - 1].lower in ("worked", "served", "work")):
            continue
        j = i + 1
        if toks[j].lower in ("been", "formerly", "previously", "also", "then"):
            j += 1
        if j >= len(toks) or toks[j].lower not in ("a", "an", "the"):
            continue
        k = j + 1
        seg: list[Token] = []
        while k < len(toks) and k - j <= 9 and toks[k].sent == t.sent:
            lw = toks[k].lower
            if lw in (".", ";", ",", "(", "who", "which", "that", "when") or (
                lw in ("at", "of", "in", "from", "for", "with") and seg
            ):
                break
            seg.append(toks[k])
            k += 1
        words = [x.text for x in seg]
        for s0, s1, occ in occupations_in(words):
            doc.facts.append(Fact("occupation", occ, (seg[s0].start, seg[s1 - 1].end)))
        for n, x in enumerate(seg):
            if is_ethnic_word(seg, n):
                doc.facts.append(Fact("ethnicity", lex.ethnic[x.lower], (x.start, x.end)))
            if x.lower in _SEX_WORDS:
                doc.facts.append(Fact("sex", _SEX_WORDS[x.lower], (x.start, x.end)))
        if seg:
            for am in _AGE_YEAR_OLD.finditer(doc.norm, seg[0].start, seg[-1].end):
                age = parse_count(am.group("age"))
                if age and age <= 110:
                    doc.facts.append(Fact("age_free", age, am.span()))


def _span(toks: list[Token], i: int) -> tuple[int, int]:
    return toks[i].start, toks[i].end


@step("attributes.v1", requires=("mentions", "tokens"), provides=("facts",))
def attributes_v1(doc: Doc) -> None:
    """Bind age, ethnicity, occupations and sex stated beside a name to that person."""
    _attributes(doc, v2=False)


@step("attributes.v2", requires=("mentions", "tokens"), provides=("facts",))
def attributes_v2(doc: Doc) -> None:
    """As attributes.v1, with whole job titles, 'a Hui imam', and no kinship misread."""
    _attributes(doc, v2=True)


@step("attributes.v3", requires=("mentions", "tokens"), provides=("facts",))
def attributes_v3(doc: Doc) -> None:
    """As attributes.v2, with an age stated further before a name, and 'both aged 19'."""
    _attributes(doc, v2=True, v3=True)


_AGE_BEFORE = re.compile(
    rf"(?P<age>\d{{1,3}}|{NUMBER})[- ]years?[- ]old\s+(?P<mid>[^,;:.()\"\u201c\u201d]{{0,80}})$",
    re.IGNORECASE,
)
_NOT_DESCRIPTION = re.compile(
    r"\b(?:was|were|is|are|had|has|have|who|whom|which|that|by|with|detained|arrested"
    r"|sentenced|and\s+(?:his|her|their)|respectively)\b",
    re.IGNORECASE,
)
_BOTH_AGED = re.compile(
    r"\s*(?:\([^)]{0,60}\)\s*)?,\s*(?:both|all|each)\s+(?:aged?\s+|age\s+)?(?P<age>\d{1,3})\b"
    r"(?!\s*(?:and|,|to|-)\s*\d)",
    re.IGNORECASE,
)


def _age_before(doc: Doc, mention: Mention, names: list[tuple[int, int]]) -> list[Fact]:
    """'18-year-old Kirti Monastery monk Gedun Phuntsog': the age of the name (v3)."""
    s0 = doc.sents[doc.sent_of(mention.span[0])][0]
    lo = max(s0, mention.span[0] - 110)
    m = _AGE_BEFORE.search(doc.norm, lo, mention.span[0])
    if not m or _NOT_DESCRIPTION.search(m.group("mid")):
        return []
    if any(m.end("age") <= a < mention.span[0] for a, _ in names):
        return []  # "22-year-old Li Hua and Wang Bo": Li's age
    age = parse_count(m.group("age"))
    if not age or age > 110:
        return []
    return [Fact("age", age, m.span("age"), mention.entity)]


_AGES_RESPECTIVELY = re.compile(
    r"\s*(?:\([^)]{0,60}\)\s*)?,\s*(?:aged?|ages)\s+(?P<ages>\d{1,3}(?:\s*,\s*\d{1,3})*,?\s+and"
    r"\s+\d{1,3})(?:\s+years\s+old)?,?\s+respectively\b",
    re.IGNORECASE,
)


def _both_aged(doc: Doc, mentions: list[Mention]) -> list[Fact]:
    """'Sonam Choegyal and Sonam Nyima, both aged 19': each listed name has the age; 'A and
    B, aged 60 and 57 respectively': each its own (v3)."""
    out: list[Fact] = []
    names = [m for m in mentions if m.kind in ("name", "short")]
    for i, m in enumerate(names):
        both = _BOTH_AGED.match(doc.norm, m.span[1])
        each = _AGES_RESPECTIVELY.match(doc.norm, m.span[1])
        if not (both or each) or i == 0:
            continue
        listed = [m]
        for prev in reversed(names[:i]):
            gap = doc.norm[prev.span[1] : listed[-1].span[0]]
            if not re.fullmatch(r"\s*(?:\([^)]{0,60}\))?\s*(?:,|,?\s*and)\s*", gap):
                break
            listed.append(prev)
        if len(listed) < 2:
            continue
        if each:
            ages = [(int(a.group(0)), a.span()) for a in re.finditer(r"\d+", each.group("ages"))]
            if len(ages) == len(listed):
                base = each.start("ages")
                for x, (age, (a, b)) in zip(reversed(listed), ages, strict=True):
                    if 1 <= age <= 110:
                        out.append(Fact("age", age, (base + a, base + b), x.entity))
            continue
        assert both is not None
        age = int(both.group("age"))
        if 1 <= age <= 110:
            out.extend(Fact("age", age, both.span("age"), x.entity) for x in listed)
    return out


def _attributes(doc: Doc, *, v2: bool, v3: bool = False) -> None:
    lex = lexicon()
    by_end = {m.span[1]: m for m in doc.mentions if m.kind in ("name", "short")}
    names = [m.span for m in doc.mentions if m.kind in ("name", "short")]
    if v3:
        doc.facts.extend(_both_aged(doc, doc.mentions))
    for mention in doc.mentions:
        if mention.kind in ("name", "short"):
            head = _list_head(doc, mention, by_end)
            facts = _facts_for(doc, mention, head, v2)
            if v3 and not any(f.field == "age" for f in facts):
                facts.extend(_age_before(doc, mention, names))
            doc.facts.extend(facts)
            kin = _KIN_OF.search(doc.norm[max(0, mention.span[0] - 50) : mention.span[0]])
            if v2 and kin and kin.group(1).lower() in lex.kinship:
                # "Zaur Akhundov, brother of the exiled blogger Emin Akhundov": Emin is kin
                doc.facts.append(Fact("role", "relative", mention.span, mention.entity))
        elif mention.kind == "group":
            for wm in re.finditer(r"[\w-]+", doc.norm[mention.span[0] : mention.span[1]]):
                w = wm.group(0)
                lw = w.lower()
                pos = mention.span[0] + wm.start()
                if lw in lex.ethnic and lw not in AMBIGUOUS_ETHNIC:
                    doc.facts.append(
                        Fact("ethnicity", lex.ethnic[lw], (pos, pos + len(w)), mention.entity)
                    )
                if lw in lex.occupations:
                    doc.facts.append(
                        Fact("occupation", lex.occupations[lw], (pos, pos + len(w)), mention.entity)
                    )
                if lw in _SEX_WORDS:
                    doc.facts.append(
                        Fact("sex", _SEX_WORDS[lw], (pos, pos + len(w)), mention.entity)
                    )
    _copula_facts(doc)
    bound = {f.span for f in doc.facts if f.field == "age"}
    for m in _AGE_FREE.finditer(doc.norm):
        group = "a" if m.group("a") else "b" if m.group("b") else "c"
        span = m.span(group)
        age = int(m.group(group))
        if 1 <= age <= 110 and not any(s[0] <= span[0] < s[1] for s in bound):
            doc.facts.append(Fact("age_free", age, span))
    for e, ent in enumerate(doc.entities):
        for sex, span in ent.sex_hints:
            if sex:
                doc.facts.append(Fact("sex", sex, span, e))
