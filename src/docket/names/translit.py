"""Other scripts to Latin: Cyrillic, Uyghur Arabic, Tibetan script and Wylie."""

from __future__ import annotations

import re
from functools import lru_cache

from docket.names.text import data_lines

_CYRILLIC_LANGS = ("ru", "kk", "ug", "az", "mn")


@lru_cache(maxsize=1)
def _cyrillic_table() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {lang: {} for lang in _CYRILLIC_LANGS}
    for row in data_lines("cyrillic.tsv"):
        letter, values = row[0], row[1:]
        for lang, value in zip(_CYRILLIC_LANGS, values, strict=True):
            table[lang][letter] = "" if value == "-" else value
    return table


def cyrillic_language(text: str) -> str:
    """Guess which language's Cyrillic a name is in from its letters (ru when unsure)."""
    letters = set(text.lower())
    if letters & set("ҹҝј"):
        return "az"
    if letters & set("ұі") or (letters & set("әғқңөүһ") and "җ" not in letters):
        return "ug" if "җ" in letters else ("kk" if letters & set("ұіғқң") else "mn")
    if "җ" in letters or "ә" in letters:
        return "ug"
    if letters & set("өү"):
        return "mn"
    return "ru"


def cyrillic_to_latin(text: str, lang: str | None = None) -> str:
    """Romanise Cyrillic by the table of the given (or guessed) language."""
    lang = lang or cyrillic_language(text)
    table = _cyrillic_table()[lang]
    out: list[str] = []
    for index, char in enumerate(text):
        lower = char.lower()
        value = table.get(lower)
        if value is None:
            out.append(char)
            continue
        # Russian е after a vowel or at the start of a word sounds ye (Aliyev, Yelena).
        if (
            lang == "ru"
            and lower == "е"
            and (index == 0 or text[index - 1].lower() in "аеиоуыэюяьъ ")
        ):
            value = "ye"
        out.append(value.capitalize() if char.isupper() and value else value)
    return "".join(out)


@lru_cache(maxsize=1)
def _arabic_table() -> dict[str, str]:
    return {row[0]: ("" if row[1] == "-" else row[1]) for row in data_lines("uyghur_arabic.tsv")}


def arabic_to_latin(text: str) -> str:
    """Romanise Uyghur Arabic script (ULY); vowel-less Arabic/Persian stays consonantal."""
    table = _arabic_table()
    return "".join(table.get(char, char if char.isspace() else "") for char in text)


# --- Tibetan -----------------------------------------------------------------------------
# Wylie transliteration (Wylie 1959; THL Extended Wylie) parsed per syllable and read by
# the THL Simplified Phonetic Transcription (Germano & Tournadre 2003): prefixes and
# superscripts are silent, subscript y/r/l change the root, final d, s, l, ' are silent and
# d, n, l, s turn a/o/u into e/oe/ue.

_ROOTS = "tsh|ts|dz|kh|ng|ch|ny|th|ph|zh|sh|[kgcjtdnpbmwz'yrlsh]"
_WYLIE_SYLLABLE = re.compile(
    r"^(?P<pre>g(?=c|ny|t|d|n|ts|zh|z|y|sh|s)|d(?=k|g|ng|p|b|m)|b(?=k|g|c|t|d|ts|zh|z|sh|s|r|l)"
    r"|m(?=kh|g|ng|ch|j|ny|th|d|n|tsh|dz)|'(?=kh|g|ch|j|th|d|ph|b|tsh|dz)|)"
    r"(?P<sup>r(?=k|g|ng|j|ny|t|d|n|b|m|ts|dz)|l(?=k|g|ng|c|j|t|d|p|b|h)"
    r"|s(?=k|g|ng|ny|t|d|n|p|b|m|ts)|)"
    rf"(?P<root>{_ROOTS}|)"
    r"(?P<sub>[yrlw]?)(?P<vowel>[aiueo])(?P<suf>ng|[gdnbm'rls]?)(?P<post>[sd]?)$"
)
_WYLIE_HINT = re.compile(
    r"(^|\s)(b[kgcdtsz]|d[gkbm]|g[dnyzs]|m[khgdnt]|r[kgjtdnbmz]|s[kgnymtdbpr]|l[kgcjtdph]|'[gdbjzp])"
    r"|'|\b\w*(tsh|ngs|gs|bs|ms)\b"
)
_ROOT_SUB = {
    ("k", "y"): "ky",
    ("kh", "y"): "khy",
    ("g", "y"): "gy",
    ("p", "y"): "ch",
    ("ph", "y"): "ch",
    ("b", "y"): "j",
    ("m", "y"): "ny",
    ("k", "r"): "tr",
    ("kh", "r"): "thr",
    ("g", "r"): "dr",
    ("t", "r"): "tr",
    ("th", "r"): "thr",
    ("d", "r"): "dr",
    ("p", "r"): "tr",
    ("ph", "r"): "thr",
    ("b", "r"): "dr",
    ("s", "r"): "s",
    ("h", "r"): "hr",
    ("z", "l"): "d",
}
_UMLAUT = {"a": "e", "o": "oe", "u": "ue"}


def looks_like_wylie(text: str) -> bool:
    """True if a folded Latin name has Wylie's prefix clusters or apostrophes."""
    syllables = text.split()
    if len(syllables) < 2:
        return False
    parsed = [_WYLIE_SYLLABLE.match(s) for s in syllables]
    hints = sum(1 for s in syllables if _WYLIE_HINT.search(s))
    return all(parsed) and hints >= 1


def _read_syllable(match: re.Match[str]) -> tuple[str, str]:
    """(onset + vowel, coda) of one Wylie syllable by THL phonetics."""
    pre, sup, root, sub = match["pre"], match["sup"], match["root"], match["sub"]
    vowel, suffix = match["vowel"], match["suf"]
    onset = _ROOT_SUB.get((root, sub), root)
    if sub == "l" and (root, sub) not in _ROOT_SUB:
        onset = "l"
    if root == "b" and pre == "d" and sub in {"", "y"}:
        onset = "w" if sub == "" else "y"
    if root == "'":
        onset = ""
    if sup == "l" and root == "h":
        onset = "lh"
    if suffix in {"d", "n", "l", "s"}:
        vowel = _UMLAUT.get(vowel, vowel)
    coda = {"'": "", "d": "", "l": "", "s": ""}.get(suffix, suffix)
    return onset + vowel, coda


def wylie_to_phonetic(text: str) -> list[str]:
    """Read a Wylie name as phonetic syllables ('bstan 'dzin' -> ['ten', 'dzin'])."""
    out: list[str] = []
    for syllable in text.split():
        match = _WYLIE_SYLLABLE.match(syllable)
        if match is None:
            out.append(syllable)
            continue
        body, coda = _read_syllable(match)
        # A silent prefix b or superscript r of a later syllable is heard as the coda
        # of the syllable before (blo bzang -> Lobsang, rdo rje -> Dorje).
        if out and not _ends_in_consonant(out[-1]):
            if match["pre"] == "b" and match["root"] not in {"", "y"}:
                out[-1] += "b"
            elif match["sup"] == "r":
                out[-1] += "r"
        out.append(body + coda)
    return out


def _ends_in_consonant(text: str) -> bool:
    return bool(text) and text[-1] not in "aeiou"


# Tibetan script letters (U+0F40..) and their subjoined forms (U+0F90..) in Wylie.
_TIBETAN_LETTERS = [
    "k",
    "kh",
    "g",
    "gh",
    "ng",
    "c",
    "ch",
    "j",
    "-",
    "ny",
    "tt",
    "tth",
    "dd",
    "ddh",
    "nn",
    "t",
    "th",
    "d",
    "dh",
    "n",
    "p",
    "ph",
    "b",
    "bh",
    "m",
    "ts",
    "tsh",
    "dz",
    "dzh",
    "w",
    "zh",
    "z",
    "'",
    "y",
    "r",
    "l",
    "sh",
    "ss",
    "s",
    "h",
    "a",
    "kss",
    "r",
]
_TIBETAN_VOWELS = {"\u0f72": "i", "\u0f74": "u", "\u0f7a": "e", "\u0f7c": "o", "\u0f71": "a"}
_TSHEG = "\u0f0b\u0f0c\u0f0d\u0f0e "
_PREFIXES = {"g", "d", "b", "m", "'"}


def _tibetan_units(syllable: str) -> tuple[list[str], str | None, int]:
    """Letter stacks of a syllable (as Wylie), its vowel and the stack the vowel sits on."""
    stacks: list[str] = []
    vowel: str | None = None
    vowel_at = -1
    for char in syllable:
        code = ord(char)
        if 0xF40 <= code <= 0xF6C:
            letter = _TIBETAN_LETTERS[code - 0xF40] if code - 0xF40 < len(_TIBETAN_LETTERS) else ""
            stacks.append(letter)
        elif 0xF90 <= code <= 0xFBC and stacks:
            index = code - 0xF90
            letter = _TIBETAN_LETTERS[index] if index < len(_TIBETAN_LETTERS) else ""
            stacks[-1] += "+" + {"w": "w", "y": "y", "r": "r", "l": "l"}.get(letter, letter)
        elif char in _TIBETAN_VOWELS:
            vowel = _TIBETAN_VOWELS[char]
            vowel_at = len(stacks) - 1
    return stacks, vowel, vowel_at


def tibetan_to_wylie(text: str) -> str:
    """Tibetan script to Wylie, syllable by syllable (stacks read root-first)."""
    out: list[str] = []
    for syllable in re.split(f"[{_TSHEG}]+", text):
        stacks, vowel, vowel_at = _tibetan_units(syllable)
        if not stacks:
            continue
        if vowel_at < 0:
            vowel_at = next((i for i, s in enumerate(stacks) if "+" in s), -1)
        if vowel_at < 0:
            if (
                len(stacks) >= 3
                and stacks[0] in _PREFIXES
                and not (stacks[-1] in {"s", "d"} and stacks[1] in {"g", "ng", "b", "m"})
            ) or len(stacks) == 4:
                vowel_at = 1
            else:
                vowel_at = 0
        letters = [s.replace("+", "") for s in stacks]
        if letters[vowel_at] == "a":
            letters[vowel_at] = ""
        letters[vowel_at] += vowel or "a"
        out.append("".join(letters))
    return " ".join(out)
