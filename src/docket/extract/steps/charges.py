"""charges.v1: charges as quoted ("inciting subversion of state power"), unquoted charges
after a charge word ("charged with splittism"), and statutes ("Article 300"), each mapped
to categories of charge_categories.json."""

from __future__ import annotations

import re

from docket.extract.doc import Charge, Doc
from docket.extract.lexicon import lexicon
from docket.extract.pipeline import step

_TRIGGER = re.compile(
    r"\b(?:charged? (?:him |her |them )?(?:with|of)|charges? (?:of|that)|on (?:the )?charges?"
    r"|on suspicion of|suspected of|accused (?:\w+ ){0,2}of|convicted (?:\w+ ){0,3}of|guilty of"
    r"|crimes? of|offen[cs]es? of|indicted (?:\w+ ){0,3}(?:for|on)|prosecuted (?:\w+ ){0,3}for"
    r"|tried (?:\w+ ){0,3}for|sentenced (?:\w+ ){0,12}?for|detained (?:\w+ ){0,6}?for"
    r"|arrested (?:\w+ ){0,6}?for|jailed (?:\w+ ){0,6}?for|imprisoned (?:\w+ ){0,6}?for"
    r"|punished (?:\w+ ){0,6}?for|convictions? for|investigat\w* (?:\w+ ){0,3}for)\s*",
    re.IGNORECASE,
)
_QUOTED = re.compile(r'"([^"]{3,160})"')
_STATUTE = re.compile(
    r"\b(?:Article|Art\.|art\.|Articles|Arts\.)\s*(?P<num>\d{2,3}(?:-\d)?(?:\.\d+)*)"
    r"(?:\s*\(\s*(?P<par>\d)\s*\)|,?\s*(?:paragraph|para\.?|section|clause)\s*(?P<par2>\d))?",
    re.IGNORECASE,
)
_UNQUOTED_END = re.compile(r'[.;:()"]|,\s|\s(?:and was|and were|and sentenced|after|because|when)\s')


def categories_of(text: str) -> tuple[str, ...]:
    """Charge categories whose cues occur in `text`."""
    found: list[str] = []
    for pattern, category in lexicon().charge_cues:
        if category not in found and pattern.search(text):
            found.append(category)
    return tuple(found)


def _statute_families(text: str) -> tuple[str, ...]:
    low = text.lower()
    if "azerbaijan" in low and "china" not in low and "prc" not in low:
        return ("Azerbaijan Criminal Code",)
    if re.search(r"\b1979\b|\bcl79\b|counter-?revolution", low):
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
            if hi and lo.isdigit() and hi.isdigit() and base.isdigit():
                if int(lo) <= int(base) <= int(hi):
                    return category
    return None


def find_charges(doc: Doc) -> list[Charge]:
    text = doc.norm
    out: list[Charge] = []
    taken: list[tuple[int, int]] = []
    for m in _QUOTED.finditer(text):
        inner = m.group(1)
        if len(inner.split()) > 16:
            continue
        cats = categories_of(inner)
        before = text[max(0, m.start() - 80) : m.start()]
        charged = bool(_TRIGGER.search(before[-70:]) or re.search(r"\bfor\s*$", before)) or bool(
            re.search(r"charge|crime|offen[cs]e|suspicion|convict|guilty", text[m.end() : m.end() + 30], re.I)
        )
        if cats and charged:
            span = (m.start(1), m.end(1))
            out.append(Charge(span, doc.text[span[0] : span[1]].strip(' ,."'), cats))
            taken.append(m.span())
    for m in _TRIGGER.finditer(text):
        start = m.end()
        if any(s <= start < e for s, e in taken) or text[start : start + 1] == '"':
            continue
        end_m = _UNQUOTED_END.search(text, start)
        end = min(end_m.start() if end_m else len(text), start + 90)
        phrase = text[start:end]
        cats = categories_of(phrase)
        if cats and len(phrase.split()) <= 14:
            out.append(Charge((start, end), doc.text[start:end].strip(), cats))
            taken.append((start, end))
    families = _statute_families(text)
    for m in _STATUTE.finditer(text):
        cat = _statute_category(families, m.group("num"), m.group("par") or m.group("par2"))
        if cat:
            out.append(Charge(m.span(), doc.text[m.start() : m.end()], (cat,)))
    out.sort(key=lambda c: c.span)
    return out


@step("charges.v1", requires=("norm",), provides=("charges",))
def charges_v1(doc: Doc) -> None:
    """Find charges as quoted or named, and statutes, with their categories."""
    doc.charges = find_charges(doc)
