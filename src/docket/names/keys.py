"""Keys of a name: folded forms, phonetic skeletons and blocking keys for candidate lookup.

Blocking keys are coarse on purpose: two forms of one name, in any script or romanisation,
should share at least one key, so a database can find candidates with an index lookup and
compare only those. A key is a short string; store them in an indexed column or table.
Key kinds (the text before the colon): f = full consonant skeleton of each word (spelling
variants), o = syllable onsets of each word (Chinese transcriptions keep onsets and drop
codas), j = onsets of the words run together (words split or joined), n = a family name on
its own, h = a Han name's syllables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from typing import TypeVar

from docket.names.parse import FAMILY, OPTIONAL_ROLES, ParsedName, Token, parse
from docket.names.pinyin import surnames as pinyin_surnames
from docket.names.text import is_vowel

_T = TypeVar("_T")
_MAX_TOKEN_CLASSES = 3
_MAX_FULL_CLASSES = 6
_MAX_VARIANTS = 8
_JOINED_CLASSES = 5

# Coarse sound classes shared by romanisations and Chinese transcription: P labial, M m,
# N n/ny, L l, R r, K velar/uvular, T dental stop, D retroflex (tr, dr, pinyin zh/ch),
# C dental affricate, S s, X sh (pinyin x), J palatal affricate; h, y, w, v are left out.
# Letter groups are read longest first.
_SOURCE_CLASSES = {
    "tsh": "C", "thr": "D", "khy": "J", "chh": "J", "dzh": "J",
    "ts": "C", "tz": "C", "dz": "C", "tr": "D", "dr": "D", "th": "T", "dh": "T",
    "ch": "J", "gy": "J", "ky": "J", "sh": "X", "zh": "X", "kh": "K", "gh": "K",
    "ph": "P", "bh": "P", "ny": "N", "lh": "L", "ng": "N",
    "p": "P", "b": "P", "f": "P", "m": "M", "n": "N", "l": "L",
    "r": "R", "k": "K", "g": "K", "q": "K", "c": "J", "j": "J", "t": "T", "d": "T",
    "s": "S", "z": "C", "x": "X",
}  # fmt: skip
_PINYIN_CLASSES = {
    **_SOURCE_CLASSES,
    "zh": "D", "ch": "D", "sh": "X", "q": "J", "x": "X", "c": "C", "z": "C", "j": "J",
}  # fmt: skip
# Sounds a romanisation writes one way and Chinese transcription may render another: t
# (Tashi ~ Zhaxi), n (Namgyal ~ Langjie), s (Serpo ~ Xibo), z (Tenzin ~ Danzeng, Zangpo ~
# Sangbo), x (Uyghur sh or kh), c (Azerbaijani j or pinyin ts), ch and ts (Wangchug ~
# Wangzhu, Tsultrim ~ Chuchen), gy (Gyatso ~ Jiacuo or Gacuo), gh (dropped in pinyin),
# tr/dr (Drolma ~ Dolma).
_SOURCE_ALTERNATIVES = {
    "t": ("T", "D"),
    "tr": ("D", "T"),
    "dr": ("D", "T"),
    "thr": ("D", "T"),
    "n": ("N", "L"),
    "s": ("S", "X"),
    "z": ("C", "S"),
    "x": ("X", ""),
    "c": ("J", "C"),
    "ch": ("J", "D"),
    "ts": ("C", "D"),
    "dz": ("C", "D"),
    "gy": ("J", "K"),
    "gh": ("K", ""),
}
_SILENT = frozenset("hywv'")


@dataclass(frozen=True, slots=True)
class NameKeys:
    """Comparable forms of one name."""

    name: str
    folded: str  # the core name as a-z words, as written order
    sorted_folded: str  # the same words sorted (word order ignored)
    tokens: tuple[str, ...]
    skeletons: tuple[str, ...]  # per core word: coarse consonant classes (first reading)
    blocking: frozenset[str]


def keys(name: str) -> NameKeys:
    """Folded forms, skeletons and blocking keys of a name."""
    parsed = parse(name)
    return keys_parsed(parsed)


def keys_parsed(parsed: ParsedName) -> NameKeys:
    """keys() for a name already parsed."""
    core = [t for t in parsed.core if t.role not in OPTIONAL_ROLES] or list(parsed.core)
    tokens = tuple(t.latin for t in core)
    skeletons = tuple(_skeletons(t, onsets=False)[0] for t in core)
    return NameKeys(
        parsed.text,
        " ".join(tokens),
        " ".join(sorted(tokens)),
        tokens,
        skeletons,
        blocking_keys_parsed(parsed),
    )


def blocking_keys(name: str) -> frozenset[str]:
    """Keys for candidate lookup: names that may match share at least one."""
    return blocking_keys_parsed(parse(name))


def blocking_keys_parsed(parsed: ParsedName) -> frozenset[str]:
    """blocking_keys() for a name already parsed (alternate forms included)."""
    out: set[str] = set()
    for form in (parsed, *parsed.alternates):
        out |= _form_keys(form)
    return frozenset(out)


def _form_keys(form: ParsedName) -> set[str]:
    core = [t for t in form.core if t.role not in OPTIONAL_ROLES] or list(form.core)
    if not core:
        return set()
    han = _han_keys(form, core)
    if form.han:
        return han
    out: set[str] = set(han)
    for kind, onsets, limit in (("o", True, _MAX_TOKEN_CLASSES), ("f", False, _MAX_FULL_CLASSES)):
        per_token = [_skeletons(t, onsets=onsets, limit=limit) for t in core]
        if onsets:
            per_token = [
                tuple(f"{sk}{vowel}" for sk in skeletons for vowel in _first_vowel(token))
                for skeletons, token in zip(per_token, core, strict=True)
            ]
        for combo in _limited_product(per_token):
            # A Chinese transcription keeps the order of the words; spellings may not
            # (family name first or last), so only spelling keys ignore the order.
            words = combo if onsets else sorted(combo)
            out.add(f"{kind}{len(core)}:" + ".".join(words))
    out |= {f"j:{key}" for key in _joined_skeletons(core)}
    # A family name alone may stand for the full name (Hashimli for Parviz Hashimli).
    family = [t for t in core if t.role == FAMILY and not form.han]
    if len(core) == 1 or family:
        for token in family or core:
            out |= {f"n:{key}" for key in _skeletons(token, onsets=False)}
    return out


# The first vowel of a word, in three classes that survive Chinese transcription: a (a, ia),
# e (e, i, ei, ie) and o (o, u, uo, ao, ou). Source vowels that Chinese renders otherwise
# get both (Kalsang ~ Gesang; Tibetan o and u before n or l are often umlauted: Monlam ~
# Menlang, Phuntsog ~ Pingcuo).
_SOURCE_VOWELS = {"a": "AE", "e": "EA", "i": "E", "o": "O", "u": "O", "oe": "OE", "ue": "OE"}
_PINYIN_VOWELS = {
    "a": "A",
    "ia": "A",
    "ua": "A",
    "ai": "AE",
    "ao": "OA",
    "e": "E",
    "ei": "E",
    "i": "E",
    "ie": "E",
    "o": "O",
    "uo": "O",
    "ou": "O",
    "u": "O",
    "ue": "OE",
    "ui": "OE",
    "iu": "OE",
    "v": "O",
    "uai": "AE",
    "iao": "OA",
    "uei": "E",
}


def _readings(
    token: Token, source: dict[str, str], chinese: dict[str, str]
) -> list[tuple[str, dict[str, str]]]:
    """A word's readings, each with the table for its system: as a romanisation (unless it
    came from Chinese characters), as pinyin (if it spells pinyin) and its other readings."""
    readings: list[tuple[str, dict[str, str]]] = []
    if token.system != "pinyin":
        readings.append((token.latin, source))
    if token.syllables is not None:
        readings.append((token.latin, chinese))
    readings.extend((reading, chinese) for reading in token.readings)
    return readings


@lru_cache(maxsize=200_000)
def _first_vowel(token: Token) -> str:
    """Classes the first vowel of a word may fall in, over its readings."""
    out: dict[str, None] = {}
    for text, table in _readings(token, _SOURCE_VOWELS, _PINYIN_VOWELS):
        start = next((i for i, c in enumerate(text) if is_vowel(c)), None)
        if start is None:
            continue
        end = start
        while end < len(text) and is_vowel(text[end]):
            end += 1
        group = text[start:end]
        classes = table.get(group) or table.get(group[:2]) or table.get(group[0], "")
        if table is _SOURCE_VOWELS and group in {"o", "u"} and text[end : end + 1] in {"n", "l"}:
            classes += "E"
        for cls in classes:
            out[cls] = None
    return "".join(out) or "_"


# Han syllables compare nearly exactly (match.py): key on the syllables with the
# confusable initials and finals merged (zh/z, ch/c, sh/s, n/l, -ng/-n).
_HAN_MERGE = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("ng", "n"), ("l", "n"), ("f", "h"))


def _han_form(text: str) -> str:
    for old, new in _HAN_MERGE:
        text = text.replace(old, new)
    return text


def _han_keys(form: ParsedName, core: list[Token]) -> set[str]:
    """Keys of a Han name, or of a pinyin name written given-name first (Xiaobo Liu)."""
    if form.han:
        ordered = core
    elif (
        len(core) == 2
        and all(t.syllables is not None for t in core)
        and core[1].latin in pinyin_surnames()
    ):
        ordered = [core[1], core[0]]
    else:
        return set()
    readings = [(t.latin, *t.readings) for t in ordered]
    return {"h:" + _han_form(" ".join(combo)) for combo in _limited_product(readings)}


def _limited_product(options: Sequence[Sequence[_T]]) -> list[tuple[_T, ...]]:
    combos: list[tuple[_T, ...]] = []
    for combo in product(*options):
        combos.append(combo)
        if len(combos) >= _MAX_VARIANTS:
            break
    return combos


def _joined_skeletons(core: list[Token]) -> set[str]:
    per_token = [_skeletons(t, onsets=True, limit=_JOINED_CLASSES) for t in core]
    return {"".join(combo)[:_JOINED_CLASSES] for combo in _limited_product(per_token)}


@lru_cache(maxsize=200_000)
def head_classes(token: Token) -> frozenset[str]:
    """The sound classes among the first two of a word, over all its readings.

    Two words with no class in common here are not forms of one name part, so matching
    can skip aligning them.
    """
    return frozenset(c for v in _skeletons(token, onsets=False, limit=2) for c in v or "_")


def _skeletons(token: Token, *, onsets: bool, limit: int = _MAX_TOKEN_CLASSES) -> tuple[str, ...]:
    """Coarse class strings of a token, one per plausible reading (source and pinyin)."""
    out: dict[str, None] = {}
    for text, table in _readings(token, _SOURCE_CLASSES, _PINYIN_CLASSES):
        pinyin = table is _PINYIN_CLASSES
        for variant in _classes(text, table, onsets=onsets, pinyin=pinyin, limit=limit):
            out[variant[:limit]] = None
    return tuple(out) or ("",)


def _classes(
    text: str, table: dict[str, str], *, onsets: bool, pinyin: bool, limit: int = 99
) -> list[str]:
    """Class strings of a word (up to limit classes), one per choice among alternatives."""
    variants = [""]
    index = 0
    size = len(text)
    while index < size:
        char = text[index]
        if is_vowel(char):
            index += 1
            continue
        group = next(
            (text[index : index + n] for n in (3, 2, 1) if text[index : index + n] in table), char
        )
        end = index + len(group)
        followed_by_vowel = end < size and is_vowel(text[end])
        initial = index == 0
        index = end
        if group in _SILENT or (initial and group in {"ng", "w", "y", "h"}):
            continue
        if onsets and not followed_by_vowel:
            continue
        options: tuple[str, ...]
        if group == "ng" and followed_by_vowel:
            # n + g across syllables in a romanisation (Kunga); in pinyin ng ends a syllable
            if pinyin:
                continue
            options = ("K",)
        elif not pinyin and group in _SOURCE_ALTERNATIVES:
            options = _SOURCE_ALTERNATIVES[group]
        else:
            options = (table.get(group, ""),)
        grown: list[str] = []
        for variant in variants:
            if len(variant) >= limit:
                grown.append(variant)
                continue
            for option in options:
                grown.append(
                    variant if not option or variant.endswith(option) else variant + option
                )
        variants = list(dict.fromkeys(grown))[:_MAX_VARIANTS]
        if min(map(len, variants)) >= limit:
            break  # every variant is complete: later letters change nothing
    return variants


_SUB_VOWELS = 3


def vowel_keys(parsed: ParsedName, kind: str) -> frozenset[str]:
    """Second keys that split a block of one kind: the classes of a name's vowels.

    Blocking keys are mostly consonants, so names that share one may still differ in every
    vowel. The classes are those of _first_vowel (a, e, o), which survive respelling and
    Chinese transcription. Spelling keys (f) ignore word order, so theirs are the first
    vowels of the words, sorted; family keys (n) look at the family name only; the others
    take the first vowels of the name run together, in order.
    """
    out: set[str] = set()
    for form in (parsed, *parsed.alternates):
        core = [t for t in form.core if t.role not in OPTIONAL_ROLES] or list(form.core)
        if not core:
            continue
        if kind == "f":
            firsts = [tuple(_first_vowel(t)) for t in core]
            out |= {"".join(sorted(combo)) for combo in _limited_product(firsts)}
            continue
        if kind == "n":
            core = [t for t in core if t.role == FAMILY] or core
        for readings in _limited_product([_vowel_runs(t) for t in core]):
            positions = [classes for reading in readings for classes in reading][:_SUB_VOWELS]
            out |= {"".join(combo) for combo in product(*positions)}
    return frozenset(out)


@lru_cache(maxsize=200_000)
def _vowel_runs(token: Token) -> tuple[tuple[str, ...], ...]:
    """Per reading of a word, the classes of each of its first vowel groups."""
    out: dict[tuple[str, ...], None] = {}
    for text, table in _readings(token, _SOURCE_VOWELS, _PINYIN_VOWELS):
        # Pinyin syllables are read one by one: bu + a is two vowels, not the group ua.
        pieces = token.syllables if table is _PINYIN_VOWELS and text == token.latin else None
        classes: list[str] = []
        for piece in pieces or (text,):
            index, size = 0, len(piece)
            while index < size and len(classes) < _SUB_VOWELS:
                if not is_vowel(piece[index]):
                    index += 1
                    continue
                end = index
                while end < size and is_vowel(piece[end]):
                    end += 1
                group = piece[index:end]
                found = table.get(group) or table.get(group[:2]) or table.get(group[0], "")
                umlaut = group in {"o", "u"} and piece[end : end + 1] in {"n", "l"}
                if table is _SOURCE_VOWELS and umlaut:
                    found += "E"
                classes.append(found or "_")
                index = end
        out[tuple(classes)] = None
    return tuple(out) or ((),)
