"""Unicode clean-up, script detection and folding of Latin text to plain a-z."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources

# Latin letters whose accent-stripped form would lose a sound distinction that matters for
# names (Azerbaijani, Turkish, Uyghur ULY, Kazakh Latin, German-style Tibetan umlauts).
_LATIN_SPECIAL = {
    "ə": "e",  # Azerbaijani schwa: written a or e in English
    "ä": "a",
    "ı": "i",
    "ğ": "gh",
    "ş": "sh",
    "ç": "ch",
    "ö": "oe",
    "ü": "ue",
    "ß": "ss",
    "ø": "oe",
    "æ": "ae",
    "œ": "oe",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ŋ": "ng",
    "ñ": "n",
}

_APOSTROPHES = "'’‘`ʼʻ´ʹ′"
# Name separators that mean "the next part of the same name" (Chinese middle dot etc.).
NAME_DOTS = "·•・‧･∙⋅"


def clean(text: str) -> str:
    """Normalise Unicode (NFKC), unify apostrophes and collapse white space."""
    text = unicodedata.normalize("NFKC", text)
    for mark in _APOSTROPHES:
        text = text.replace(mark, "'")
    return " ".join(text.split())


def script_of(char: str) -> str:
    """The ISO 15924 code of one character's script, as far as names need it."""
    code = ord(char)
    if code < 0x250:
        return "Latn" if char.isalpha() else "Zyyy"
    if 0x400 <= code < 0x530:
        return "Cyrl"
    if 0x600 <= code < 0x700 or 0xFB50 <= code < 0xFE00 or 0xFE70 <= code < 0xFF00:
        return "Arab"
    if 0xF00 <= code < 0x1000:
        return "Tibt"
    if 0x4E00 <= code < 0xA000 or 0x3400 <= code < 0x4DC0 or 0x20000 <= code < 0x2FA20:
        return "Hani"
    if 0x1E00 <= code < 0x1F00:
        return "Latn"
    if char in "əƏ":
        return "Latn"
    return "Zyyy"


def dominant_script(text: str) -> str:
    """The script most letters of a text are in (Zyyy if none)."""
    counts: dict[str, int] = {}
    for char in text:
        script = script_of(char)
        if script != "Zyyy":
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "Zyyy"
    return max(counts, key=lambda s: counts[s])


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case Latin text to a-z: accents off, special letters spelt out, rest dropped."""
    out: list[str] = []
    for char in text.lower():
        if "a" <= char <= "z":
            out.append(char)
            continue
        special = _LATIN_SPECIAL.get(char)
        if special is not None:
            out.append(special)
            continue
        for part in unicodedata.normalize("NFKD", char):
            if "a" <= part <= "z":
                out.append(part)
    return "".join(out)


def is_vowel(char: str) -> bool:
    """True for a, e, i, o, u (y counts as a consonant)."""
    return len(char) == 1 and char in "aeiou"


def data_lines(name: str) -> list[list[str]]:
    """Rows of a tab-separated data file shipped in docket/names/data (comments skipped)."""
    text = resources.files("docket.names").joinpath("data", name).read_text(encoding="utf-8")
    rows: list[list[str]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows
