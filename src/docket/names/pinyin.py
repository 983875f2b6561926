"""Pinyin syllables: splitting, Chinese characters to pinyin, Wade-Giles to pinyin."""

from __future__ import annotations

from collections.abc import Container
from functools import lru_cache

from docket.names.text import data_lines

_MAX_SYLLABLE = 6


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """The toneless pinyin syllable inventory (data/pinyin_syllables.txt)."""
    return frozenset(row[0] for row in data_lines("pinyin_syllables.txt"))


@lru_cache(maxsize=1)
def surnames() -> dict[str, str]:
    """Chinese family names: pinyin -> characters (data/han_surnames.tsv)."""
    table: dict[str, str] = {}
    for row in data_lines("han_surnames.tsv"):
        table[row[0]] = table.get(row[0], "") + row[1]
    return table


@lru_cache(maxsize=1)
def _surname_chars() -> dict[str, str]:
    """Surname character(s) -> their surname reading (e.g. 单 shan, not dan)."""
    chars: dict[str, str] = {}
    for reading, written in surnames().items():
        if len(reading) > 4 and len(written) == 2 and reading not in {"zhuge"}:
            chars[written] = reading
        elif len(written) and all(len(c) == 1 for c in written):
            for char in written:
                chars.setdefault(char, reading)
    return chars


@lru_cache(maxsize=65536)
def split(token: str) -> tuple[str, ...] | None:
    """Split folded a-z text into pinyin syllables, fewest syllables first; None if it can't.

    An apostrophe marks a syllable boundary, as in xi'an.
    """
    parts = token.split("'")
    out: list[str] = []
    for part in parts:
        if not part:
            continue
        pieces = _split_run(part.replace("ü", "v"))
        if pieces is None:
            return None
        out.extend(pieces)
    return tuple(out) if out else None


def _split_run(text: str) -> tuple[str, ...] | None:
    return _segment(text, syllables(), _MAX_SYLLABLE)


def _segment(text: str, pieces: Container[str], longest: int) -> tuple[str, ...] | None:
    """Cut text into the fewest pieces from a set (dynamic programming), or None."""
    size = len(text)
    best: list[tuple[str, ...] | None] = [None] * (size + 1)
    best[0] = ()
    for start in range(size):
        prefix = best[start]
        if prefix is None:
            continue
        for end in range(min(size, start + longest), start, -1):
            piece = text[start:end]
            if piece in pieces:
                candidate = (*prefix, piece)
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    return best[size]


def is_pinyin(token: str) -> bool:
    """True if a folded token is a run of pinyin syllables."""
    return bool(token) and split(token) is not None


def han_to_pinyin(text: str) -> list[list[str]]:
    """Chinese characters to pinyin syllables, one list per character run (non-Han dropped)."""
    from pypinyin import Style, lazy_pinyin

    runs: list[list[str]] = []
    current = ""
    for char in text:
        if "\u3400" <= char <= "\u9fff" or "\U00020000" <= char <= "\U0002fa1f":
            current += char
        elif current:
            runs.append(_run_pinyin(current, lazy_pinyin, Style.NORMAL))
            current = ""
    if current:
        runs.append(_run_pinyin(current, lazy_pinyin, Style.NORMAL))
    return runs


def _run_pinyin(run: str, lazy_pinyin: object, style: object) -> list[str]:
    out = lazy_pinyin(run, style=style, v_to_u=False, neutral_tone_with_five=False)  # type: ignore[operator]
    return [str(s).replace("ü", "v") for s in out]


def han_readings(run: str, limit: int = 4) -> tuple[str, ...]:
    """Every reading of a short run of characters that have several (晟 sheng / cheng)."""
    from pypinyin import Style, pinyin

    per_char = pinyin(run, style=Style.NORMAL, heteronym=True, v_to_u=False)
    readings = [""]
    for options in per_char:
        readings = [r + str(o).replace("ü", "v") for r in readings for o in options[:3]][:limit]
    return tuple(readings)


def han_surname_split(run: str) -> int:
    """How many leading characters of a Han name are the family name (1 or 2)."""
    chars = _surname_chars()
    if len(run) >= 3 and run[:2] in chars:
        return 2
    return 1


def surname_reading(chars: str) -> str | None:
    """The surname reading of one or two characters, if the table knows them."""
    return _surname_chars().get(chars)


# Wade-Giles: pinyin initials and finals rewritten by the conventions of the Wade-Giles
# table (Library of Congress pinyin conversion guidelines, 2000). Apostrophes and
# diacritics are usually lost in reports, so the folded forms are what we match.
_WG_INITIALS = {
    "b": ("p",),
    "p": ("p'",),
    "d": ("t",),
    "t": ("t'",),
    "g": ("k",),
    "k": ("k'",),
    "j": ("ch",),
    "q": ("ch'",),
    "x": ("hs",),
    "zh": ("ch",),
    "ch": ("ch'",),
    "sh": ("sh",),
    "r": ("j",),
    "z": ("ts", "tz"),
    "c": ("ts'", "tz'"),
    "s": ("s",),
}


def _split_initial(syllable: str) -> tuple[str, str]:
    for size in (2, 1):
        head = syllable[:size]
        if head in _WG_INITIALS or head in {"m", "f", "n", "l", "h", "y", "w"}:
            if size == 1 and syllable[:2] in {"zh", "ch", "sh"}:
                continue
            return head, syllable[size:]
    return "", syllable


_WG_Y = {"yi": "i", "ye": "yeh", "yan": "yen", "you": "yu", "yue": "yueh", "yong": "yung"}


def _wg_forms(syllable: str) -> set[str]:
    initial, final = _split_initial(syllable)
    finals = {final}
    palatal = initial in {"j", "q", "x"} or initial == "y"
    if final == "i" and initial in {"zh", "ch", "sh", "r"}:
        finals = {"ih"}
    elif final == "i" and initial in {"z", "c", "s"}:
        finals = {"u", "ii"}
    elif final == "ong":
        finals = {"ung"}
    elif final == "iong":
        finals = {"iung"}
    elif final == "ian":
        finals = {"ien"}
    elif final == "ie":
        finals = {"ieh"}
    elif final in {"ue", "ve"}:
        finals = {"ueh"}
    elif (final == "e" and initial in {"g", "k", "h"}) or (
        final == "uo" and initial not in {"g", "k", "h", "sh", ""}
    ):
        finals = {"o"}
    elif final == "u" and palatal:
        finals = {"u"}
    elif final == "ui":
        finals = {"ui", "uei"}
    elif final == "er" and not initial:
        finals = {"erh"}
    if initial == "y":
        return {_WG_Y.get(syllable, syllable)}
    heads = _WG_INITIALS.get(initial, (initial,))
    if initial == "s" and final == "i":
        heads = ("ss", "sz", "s")
    forms = {head + tail for head in heads for tail in finals}
    return {form.replace("'", "") for form in forms if form}


@lru_cache(maxsize=1)
def wade_giles_table() -> dict[str, tuple[str, ...]]:
    """Folded Wade-Giles syllable -> the pinyin syllables it can stand for."""
    table: dict[str, set[str]] = {}
    for syllable in syllables():
        for form in _wg_forms(syllable):
            table.setdefault(form, set()).add(syllable)
    return {form: tuple(sorted(values)) for form, values in table.items()}


@lru_cache(maxsize=16384)
def wade_giles_to_pinyin(token: str) -> tuple[str, ...]:
    """Pinyin readings of a folded Wade-Giles token ('hsiaoping' -> 'xiaoping'), at most 8."""
    table = wade_giles_table()
    parts = [p for p in token.replace("-", " ").split() if p]
    if not parts:
        return ()
    readings: list[str] = [""]
    for part in parts:
        pieces = _segment(part, table, 7)
        if pieces is None:
            return ()
        for piece in pieces:
            readings = [r + s for r in readings for s in table[piece]][:8]
    return tuple(dict.fromkeys(readings))
