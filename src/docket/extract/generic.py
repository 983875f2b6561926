"""People in general: "Uyghurs who have been abroad", "many Tibetans", "hundreds of thousands
of Uyghurs". What a report says of them is background, not a fact about any one person.
Shared by the steps (events.v2, allegations.v2), importing none of them."""

from __future__ import annotations

import re

from docket.extract.shapes import GROUP_NOUNS

# A bare or vaguely quantified plural of a group noun; not "the monks", "these Uyghurs",
# "four other Uyghurs" (particular people named or counted elsewhere).
_VAGUE = (
    r"(?:many|most|some|other|numerous|countless|more|several|ordinary|young|innocent"
    r"|(?:tens|hundreds)\s+of\s+thousands\s+of|(?:hundreds|thousands|millions)\s+of)"
)
_DETERMINERS = (
    r"(?:the|these|those|this|his|her|their|its|our|two|three|four|five|six|seven|eight"
    r"|nine|ten|dozen|of|all|both|each|\d+)"
)
_NOT_A_MODIFIER = (
    rf"(?:{_DETERMINERS}|was|were|is|are|be|been|had|have|has|and|or|to|in|on|at|for|with"
    r"|from|by|as|who|which)"
)
_NP = rf"(?:{_VAGUE}\s+){{0,2}}(?:(?!{_NOT_A_MODIFIER}\b)[A-Za-z-]+\s+)?(?:{GROUP_NOUNS})\b"
_COUNTED_BEFORE = re.compile(rf"\b{_DETERMINERS}\s*$", re.IGNORECASE)
# The subject of a sentence (after an opening phrase and a comma), or the head of the
# relative clause a word is in: "Uyghurs who have been abroad ... have been detained".
_SUBJECT = re.compile(
    rf"^(?:[^,;]{{0,80}},\s*)?(?P<np>{_NP})(?:\s+(?:who|that|with|from|in)\b"
    rf"|\s+(?:have|had|are|were|continue|been)\b)",
    re.IGNORECASE,
)
# Anywhere in a clause, as the subject of a verb: "... yet Uyghurs continue to go to prison".
_ANY_SUBJECT = re.compile(
    rf"(?<![\w-])(?P<np>{_NP})\s+(?:who\s+|that\s+)?(?:\w+ly\s+)?(?:have|had|are|were|continue"
    rf"|continued|remain|face|faced|go|went|been|risk)\b",
    re.IGNORECASE,
)
# The object of a verb, but not a noun before names: "detained monks Gedun Dragpa and ...",
# "detained several monks, including Tenzin Deleg".
_OBJECT = re.compile(
    rf"\s+(?P<np>{_NP})(?!(?:\s+and\s+[\w-]+)?(?:\s*,?\s*(?:including|such as|among them"
    rf"|namely|like)\b|\s*[(:']|\s+(?-i:[A-Z])))",
    re.IGNORECASE,
)
# Words that open another clause, with a subject of its own, between a subject and a verb.
_OTHER_CLAUSE = re.compile(
    r"\b(?:that|saying|said|says|because|after|before|when|while|but|although|since|whom"
    r"|whose|if|whether)\b",
    re.IGNORECASE,
)


def subject_is_generic(before: str) -> bool:
    """True when `before` (a sentence up to a word) opens with people in general as its
    subject, or is inside a relative clause on them."""
    m = _SUBJECT.match(before)
    if not m or _COUNTED_BEFORE.search(before[: m.start("np")]):
        return False
    rest = before[m.end("np") :]
    return bool(re.match(r"\s+(?:who|that)\b", rest)) or not _OTHER_CLAUSE.search(rest)


def object_is_generic(text: str, pos: int, end: int) -> bool:
    """True when people in general follow `pos` as the object of a verb."""
    return bool(_OBJECT.match(text, pos, end))


def speaks_of_people_in_general(before: str) -> bool:
    """True when people in general are the subject of a verb in `before` (a sentence up to a
    word): "The government dismisses allegations, yet Uyghurs continue to go to prison"."""
    for m in _ANY_SUBJECT.finditer(before):
        if not _COUNTED_BEFORE.search(before[: m.start("np")]):
            return True
    return False
