"""tokens.v1 (spaCy's tokenizer) and sentences (sentences and clauses, by rule).

sentences.v2: a period after "a.k.a.", "e.g.", "Mr." and other words that always come
before more words never ends a sentence, and a semicolon inside parentheses ("Gedun Dragpa
(age 20; "Gendun Drakpa") on March 14") does not end a clause."""

from __future__ import annotations

from docket.extract.doc import Clause, Doc, Token
from docket.extract.nlp import blank
from docket.extract.pipeline import step
from docket.extract.text import wordset

# A period after these does not end a sentence when a number or lower-case word follows.
_ABBREVIATIONS = wordset(
    "no nos art arts para paras st mt vol vols p pp cf vs approx ca fig gen gov sen rep jr sr "
    "inc ltd co corp dept univ rev fr dr mr mrs ms prof sgt col capt lt cpl jan feb mar apr "
    "jun jul aug sep sept oct nov dec op ed eds al e.g i.e etc"
)
# A period after these never ends a sentence: a name or example always follows.
_NEVER_FINAL = wordset("a.k.a aka e.g i.e mr mrs ms dr prof rev fr gen sgt capt lt col cpl")
_CLOSERS = frozenset({'"', "'", ")", "]"})
_CLAUSE_CONJ = frozenset({"and", "but", "while", "whereas", "although", "though", "then"})
_CLAUSE_STARTERS = wordset(
    "later then subsequently also reportedly eventually finally on in was were had has is "
    "soon afterwards afterward thereafter again still allegedly"
)


@step("tokens.v1", requires=("norm",), provides=("tokens", "spacy_doc"))
def tokens_v1(doc: Doc) -> None:
    """Tokenise the normalised text with spaCy's English rules."""
    sdoc = blank().make_doc(doc.norm)
    doc.spacy_doc = sdoc
    out: list[Token] = []
    for tok in sdoc:
        if tok.is_space:
            # Keep paragraph breaks as a boundary marker token.
            if "\n" in tok.text:
                out.append(Token(len(out), "\n", tok.idx, tok.idx + len(tok.text), "\n", True))
            continue
        text = tok.text
        out.append(
            Token(len(out), text, tok.idx, tok.idx + len(text), text.lower(), bool(tok.whitespace_))
        )
    doc.tokens = out


def _ends_sentence(toks: list[Token], i: int, v2: bool = False) -> bool:
    tok = toks[i]
    if tok.text == "\n":
        return True
    if tok.text not in (".", "!", "?", "...") and not (
        tok.text.endswith(".")
        and len(tok.text) > 1
        and tok.lower.rstrip(".") not in _ABBREVIATIONS
        and tok.text.count(".") == 1
        and tok.text[:-1].isalpha()
        and tok.text[:-1].islower()
    ):
        return False
    j = i + 1
    while j < len(toks) and toks[j].text in _CLOSERS:
        j += 1
    if j >= len(toks):
        return True
    nxt = toks[j].text
    if nxt == "\n":
        return True
    if tok.text == ".":
        prev = toks[i - 1].lower if i > 0 else ""
        if v2 and prev in _NEVER_FINAL and not toks[i - 1].space_after:
            return False
        if prev in _ABBREVIATIONS and (nxt[0].isdigit() or nxt[0].islower()):
            return False
        if len(prev) == 1 and prev.isalpha() and toks[i - 1].text.isupper():
            return False  # an initial: "A. Smith"
    return not nxt[0].islower()


def _clause_break(toks: list[Token], i: int, sent_start: int, depth: int = 0) -> bool:
    """True when a new clause starts at token i (`depth`: parentheses open before it, counted
    by sentences.v2 only)."""
    tok = toks[i]
    if depth > 0:
        return False
    if tok.text == ":" and i - sent_start <= 4:
        return False  # "Date of arrest: 4 February 2013": a label, not a clause
    if tok.text in (";", ":"):
        return True
    if tok.lower in _CLAUSE_CONJ and i + 1 < len(toks):
        nxt = toks[i + 1].text
        after_comma = i > 0 and toks[i - 1].text == ","
        if nxt[0].isupper() or nxt[0].isdigit():
            return False
        return after_comma or nxt.lower() in _CLAUSE_STARTERS or nxt.endswith("ed")
    return False


def _split(doc: Doc, *, v2: bool) -> None:
    toks = doc.tokens
    ranges: list[tuple[int, int]] = []
    start = 0
    i = 0
    while i < len(toks):
        if _ends_sentence(toks, i, v2):
            j = i + 1
            while j < len(toks) and toks[j].text in _CLOSERS:
                j += 1
            ranges.append((start, j))
            start = i = j
            continue
        i += 1
    if start < len(toks):
        ranges.append((start, len(toks)))
    out: list[Token] = []
    clause = -1
    for a, b in ranges:
        kept = [k for k in range(a, b) if toks[k].text != "\n"]
        if not kept:
            continue
        sent = len(doc.sents)
        doc.sents.append((toks[kept[0]].start, toks[kept[-1]].end))
        depth = 0
        for n, k in enumerate(kept):
            if n == 0 or _clause_break(toks, k, kept[0], depth):
                clause += 1
            if v2 and toks[k].text in ("(", ")"):
                depth = max(0, depth + (1 if toks[k].text == "(" else -1))
            t = toks[k]
            out.append(
                Token(len(out), t.text, t.start, t.end, t.lower, t.space_after, sent, clause)
            )
    doc.tokens = out
    start = 0
    for k in range(1, len(out) + 1):
        if k == len(out) or out[k].clause != out[start].clause:
            doc.clauses.append(Clause(out[start].start, out[k - 1].end, out[start].sent, start, k))
            start = k


@step("sentences.v1", requires=("tokens",), provides=("sents", "clauses"))
def sentences_v1(doc: Doc) -> None:
    """Split into sentences and clauses, without splitting at 'No. 1' or 'U.S.'."""
    _split(doc, v2=False)


@step("sentences.v2", requires=("tokens",), provides=("sents", "clauses"))
def sentences_v2(doc: Doc) -> None:
    """As sentences.v1, and never after 'a.k.a.' or 'Mr.', nor at a ';' in parentheses."""
    _split(doc, v2=True)
