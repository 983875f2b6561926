"""charges.v1: charges as quoted ("inciting subversion of state power"), unquoted charges
after a charge word ("charged with splittism"), and statutes ("Article 300"), each mapped
to categories of charge_categories.json.

charges.v2: an article number has the stage of the words before it, like a quoted charge:
in "found him guilty under Articles 233 (...) and 315.2 (...)" both articles are the
verdict's, so neither gives way to the other.

charges.v3: a charge of an earlier case ("Previously, Xie served 2 years of reeducation
through labor for ...", "after serving a 2-year prison sentence for ...") is at stage -1:
below every charge of the case the report is about, used only when there is no other."""

from __future__ import annotations

import re
from dataclasses import replace

from docket.extract.doc import Charge, Doc
from docket.extract.lexicon import lexicon
from docket.extract.pipeline import step
from docket.extract.text import in_earlier_case

_W = r"[\w'-]+ "
_TRIGGER = re.compile(
    rf"\b(?:charged? (?:{_W}){{0,3}}?(?:with|of)|charges? (?:of|that)|on (?:the )?charges?"
    rf"|on suspicion of|suspected of|accused (?:{_W}){{0,2}}of|convicted (?:{_W}){{0,3}}of"
    rf"|guilty of|crimes? of|offen[cs]es? of|indicted (?:{_W}){{0,3}}(?:for|on)"
    rf"|prosecuted (?:{_W}){{0,3}}for|tried (?:{_W}){{0,3}}for|sentenced (?:{_W}){{0,16}}?for"
    rf"|detained (?:{_W}){{0,6}}?for|arrested (?:{_W}){{0,6}}?for|jailed (?:{_W}){{0,6}}?for"
    rf"|imprisoned (?:{_W}){{0,6}}?for|punished (?:{_W}){{0,6}}?for|convictions? for"
    rf"|investigat\w* (?:{_W}){{0,3}}for)\s*",
    re.IGNORECASE,
)
_QUOTED = re.compile(r'"([^"]{3,160})"')
_STATUTE = re.compile(
    r"\b(?:Article|Art\.|art\.|Articles|Arts\.)\s*(?P<num>\d{2,3}(?:-\d)?(?:\.\d+)*)"
    r"(?:\s*\(\s*(?P<par>\d)\s*\)|,?\s*(?:paragraph|para\.?|section|clause)\s*(?P<par2>\d))?",
    re.IGNORECASE,
)
_MORE_ARTICLES = re.compile(
    r"(?:\s*\([^()]{0,80}\))?\s*(?:,|and|or|&)\s*(?:Articles?\s+)?(?P<num>\d{2,3}(?:\.\d+)+|\d{3})\b"
)
_NAMED_AFTER = re.compile(r"\s*\(([^()\d]{4,80})\)")
_UNQUOTED_END = re.compile(
    r'[.;:()"]|\s(?:and was|and were|and sentenced|after|because|when|which|who|on|in|by'
    r"|under|while|but|as)\s"
)


_STAGES = (
    (3, re.compile(r"\b(?:chang|modif|alter|amend|replac|switch)\w*\b[^.;]{0,30}\bto\s*$", re.I)),
    (
        2,
        re.compile(
            r"\b(?:convict|guilty|sentenc|verdict|judgment|indict|prosecut|tried|trial)\w*\b"
            r"[^.;]{0,60}$",
            re.I,
        ),
    ),
    (
        0,
        re.compile(
            r"\b(?:suspicion|suspected|investigat|detained|detention)\w*\b[^.;]{0,40}$", re.I
        ),
    ),
)


def stage_of(text: str, start: int) -> int:
    """How far the case had gone when this charge was named: 0 suspicion, 1 charge or
    arrest, 2 indictment, trial or conviction, 3 a charge changed to another."""
    before = text[max(0, start - 90) : start]
    for stage, pattern in _STAGES:
        if pattern.search(before):
            return stage
    return 1


def categories_of(text: str) -> tuple[str, ...]:
    """Charge categories whose cues occur in `text`."""
    found: list[str] = []
    for pattern, category in lexicon().charge_cues:
        if category not in found and pattern.search(text):
            found.append(category)
    return tuple(found)


_CHINA = re.compile(
    r"\b(?:China|Chinese|PRC|People's Court|Xinjiang|Tibet|Tibetan|Uyghur|Uighur|CL)\b"
)
_AZERBAIJAN = re.compile(r"\b(?:Azerbaijan\w*|Baku|Grave Crimes|Musavat|manat|oglu|qizi)\b")


def _statute_families(text: str) -> tuple[str, ...]:
    """Which criminal code the report's article numbers refer to, from its context."""
    china = len(_CHINA.findall(text))
    azerbaijan = len(_AZERBAIJAN.findall(text)) + len(re.findall(r"Article \d{3}\.\d", text))
    if azerbaijan > china:
        return ("Azerbaijan Criminal Code",)
    if china == 0:
        return ()
    if re.search(r"\b1979\b|\bCL79\b|counter-?revolution", text, re.IGNORECASE):
        return ("PRC Criminal Law 1979", "PRC Criminal Law 1997")
    return ("PRC Criminal Law 1997",)


def _statute_category(families: tuple[str, ...], num: str, par: str | None) -> str | None:
    table = lexicon().statutes
    base = num.split(".")[0]
    for family in families:
        for key, category in table.get(family, {}).items():
            article = key.split("(")[0]
            if article == base and (par is None or "(" not in key or key == f"{base}({par})"):
                return category
            lo, _, hi = article.partition("-")
            in_range = hi and lo.isdigit() and hi.isdigit() and base.isdigit()
            if in_range and int(lo) <= int(base) <= int(hi):
                return category
    return None


_ARTICLE_REF = re.compile(r"\((?:[^()]{0,30}\b(?:Article|Art\.|art\.|CL)\b[^()]{0,40})\)")
_NAMED_CHARGE = re.compile(
    r"\b(?:on|of|faces?|facing|the|a|an|new|multiple|several|two|three)\s+((?:[\w-]+\s+){1,4}?)"
    r"charges?\b",
    re.IGNORECASE,
)


def find_charges(doc: Doc, v2: bool = False) -> list[Charge]:
    """Charges as quoted, after a charge word, named before 'charge', and statutes."""
    # Article references in parentheses do not end a list of charges: blank them out.
    text = _ARTICLE_REF.sub(lambda m: " " * len(m.group(0)), doc.norm)
    out: list[Charge] = []
    taken: list[tuple[int, int]] = []
    for m in _QUOTED.finditer(text):
        inner = m.group(1)
        if len(inner.split()) > 16:
            continue
        cats = categories_of(inner)
        before = text[max(0, m.start() - 80) : m.start()]
        charged = bool(_TRIGGER.search(before[-70:]) or re.search(r"\bfor\s*$", before)) or bool(
            re.search(
                r"charge|crime|offen[cs]e|suspicion|convict|guilty",
                text[m.end() : m.end() + 30],
                re.I,
            )
        )
        if cats and charged:
            span = (m.start(1), m.end(1))
            text_ = doc.text[span[0] : span[1]].strip(' ,."')
            out.append(Charge(span, text_, cats, stage_of(text, m.start())))
            taken.append(m.span())
    for m in _TRIGGER.finditer(text):
        start = m.end()
        if any(s <= start < e for s, e in taken) or text[start : start + 1] == '"':
            continue
        end_m = _UNQUOTED_END.search(text, start)
        end = min(end_m.start() if end_m else len(text), start + 120)
        phrase = text[start:end]
        if len(phrase.split()) > 20:
            continue
        # "inciting religious hatred, illegal entrepreneurship and tax evasion"
        pos = start
        for part in re.split(r"(,\s*(?:and\s+)?|\s+and\s+)", phrase):
            if part and not re.fullmatch(r",\s*(?:and\s+)?|\s+and\s+", part):
                cats = categories_of(part)
                if cats:
                    a = pos + len(part) - len(part.lstrip())
                    b = pos + len(part.rstrip())
                    out.append(Charge((a, b), doc.text[a:b], cats, stage_of(text, m.start())))
                    taken.append((a, b))
            pos += len(part)
    for m in _NAMED_CHARGE.finditer(text):
        a, b = m.span(1)
        if any(s <= a < e for s, e in taken):
            continue
        cats = categories_of(m.group(1))
        if cats:
            out.append(Charge((a, b), doc.text[a:b].strip(), cats, stage_of(text, a)))
            taken.append((a, b))
    families = _statute_families(doc.norm)
    for m in _STATUTE.finditer(doc.norm):
        articles = [(m.span(), m.group("num"), m.group("par") or m.group("par2"))]
        # "Articles 234.1 (illegal possession of narcotics) and 228.1 (...)": every number
        pos = m.end()
        while (more := _MORE_ARTICLES.match(doc.norm, pos)) is not None:
            articles.append((more.span("num"), more.group("num"), None))
            pos = more.end()
        for span, num, par in articles:
            cat = _statute_category(families, num, par)
            if cat:
                stage = stage_of(text, m.start()) if v2 else 1
                out.append(Charge(span, doc.text[span[0] : span[1]], (cat,), stage, statute=True))
            named = _NAMED_AFTER.match(doc.norm, span[1])
            if named and not any(s <= named.start(1) < e for s, e in taken):
                cats = categories_of(named.group(1))
                a, b = named.span(1)
                if cats:
                    out.append(Charge((a, b), doc.text[a:b], cats, stage_of(text, a)))
                    taken.append((a, b))
    out.sort(key=lambda c: c.span)
    return out


@step("charges.v1", requires=("norm",), provides=("charges",))
def charges_v1(doc: Doc) -> None:
    """Find charges as quoted or named, and statutes, with their categories."""
    doc.charges = find_charges(doc)


@step("charges.v2", requires=("norm",), provides=("charges",))
def charges_v2(doc: Doc) -> None:
    """As charges.v1, with each article number at the stage of the words before it."""
    doc.charges = find_charges(doc, v2=True)


def earlier_case(doc: Doc, start: int) -> bool:
    """True when the words before a charge, in its sentence, put it in an earlier case."""
    s0 = doc.sents[doc.sent_of(start)][0]
    return in_earlier_case(doc.norm, max(s0, start - 140), start)


@step("charges.v3", requires=("norm", "sents"), provides=("charges",))
def charges_v3(doc: Doc) -> None:
    """As charges.v2, with the charges of an earlier case below those of this one."""
    doc.charges = [
        replace(ch, stage=-1) if earlier_case(doc, ch.span[0]) else ch
        for ch in find_charges(doc, v2=True)
    ]
