"""Words that allege torture, coerced confession, incommunicado detention, family not
notified, foreign ties and the other allegation types of EXTRACTION.md.

allegations.v1: every cue of data/allegations.tsv. allegations.v2: the same cues, but
- a sentence about people in general with no one named in it ("yet Uyghurs continue to go
  to prison after unfair trials") alleges nothing about anyone;
- someone who lives or studies abroad now, or relatives abroad, are foreign ties only when
  given as a reason ("because his daughter lives in Turkey"): "his daughter, who lives in
  the Netherlands, said" and "according to his relatives in Kyrgyzstan" name a witness;
- going abroad later ("After her release, she fled to Turkey") is no reason for a detention.
"""

from __future__ import annotations

import re

from docket.extract.doc import Doc, Fact
from docket.extract.generic import speaks_of_people_in_general
from docket.extract.lexicon import lexicon
from docket.extract.pipeline import step

# Where someone is now: "lives in Canada", "a graduate student in Japan".
_LIVES_NOW = re.compile(
    r"(?:lives|live|living|students?|studies|studying)\s+(?:in|at|abroad|overseas)\b",
    re.IGNORECASE,
)
_RELATIVES = re.compile(
    r"(?:relatives|family|families|children|wife|husband|son|daughter|parents)\b", re.IGNORECASE
)
_PAST_BEFORE = re.compile(r"\b(?:had been|was|were|used to|previously|once)\s+$", re.IGNORECASE)
_REASON_BEFORE = re.compile(
    r"\b(?:for|because|over|due to|owing to|after|having|has|had|with|since|of)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
_LATER = re.compile(
    r"\b(?:later|after (?:his|her|their) release|after (?:being|he was|she was) released"
    r"|since (?:his|her|their) release|upon (?:his|her|their) release)\b",
    re.IGNORECASE,
)


def _foreign_ties_reason(doc: Doc, start: int, end: int) -> bool:
    """True when the foreign-ties cue at [start, end) gives a reason for a detention."""
    cue = doc.norm[start:end]
    sent = doc.sents[doc.sent_of(start)]
    before = doc.norm[max(sent[0], start - 60) : start]
    lives_now = bool(_LIVES_NOW.match(cue)) and not _PAST_BEFORE.search(before[-20:])
    if lives_now or _RELATIVES.match(cue):
        return bool(_REASON_BEFORE.search(before))
    return not _LATER.search(doc.norm[sent[0] : end])


def _named_in_sentence(doc: Doc, pos: int) -> bool:
    """True when someone other than a quoted source is named in the sentence at `pos`."""
    s = doc.sent_of(pos)
    return any(
        m.sent == s
        and m.kind in ("name", "short", "group")
        and doc.entities[m.entity].role_hint != "source"
        for m in doc.mentions
    )


@step("allegations.v1", requires=("norm",), provides=("facts",))
def allegations_v1(doc: Doc) -> None:
    """Find allegation cues; attribution gives each to a person."""
    for pattern, allegation in lexicon().allegation_cues:
        for m in pattern.finditer(doc.norm):
            doc.facts.append(Fact("allegation", allegation, m.span()))


@step("allegations.v2", requires=("norm", "sents", "mentions"), provides=("facts",))
def allegations_v2(doc: Doc) -> None:
    """As allegations.v1, without background about people in general, witnesses abroad, or
    travel after release."""
    for pattern, allegation in lexicon().allegation_cues:
        for m in pattern.finditer(doc.norm):
            a, b = m.span()
            if allegation == "foreign_ties" and not _foreign_ties_reason(doc, a, b):
                continue
            sent = doc.sents[doc.sent_of(a)]
            if speaks_of_people_in_general(doc.norm[sent[0] : a]) and not _named_in_sentence(
                doc, a
            ):
                continue
            doc.facts.append(Fact("allegation", allegation, (a, b)))
