"""Parse a name into parts: given, family, patronymic, titles, honorifics; any script."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from docket.names import pinyin, translit
from docket.names.text import NAME_DOTS, clean, data_lines, dominant_script, fold

MAX_NAME_LENGTH = 300

# Roles of a token. Only given, family and patronymic are compared; patronymics and
# notes may be missing from one form without penalty.
GIVEN, FAMILY, PATRONYMIC = "given", "family", "patronymic"
TITLE, HONORIFIC, NOTE, MARKER = "title", "honorific", "note", "marker"
ALIAS = "alias"  # a Western or baptismal name beside a Chinese one (Peter Liu Guandong)
NAME_ROLES = frozenset({GIVEN, FAMILY, PATRONYMIC, ALIAS})
OPTIONAL_ROLES = frozenset({PATRONYMIC, ALIAS})

# Turkic connectors follow the father's name (Kamran oglu); Arabic ones precede it (bin Laden).
_MARKERS_AFTER_FATHER = {"oglu", "ogly", "ogli", "ugli", "oghlu", "qizi", "kizi", "gizi", "gyzy"}
_MARKERS_AFTER_FATHER |= {"uulu", "kyzy", "uly", "uli", "qyzy"}
_RU_PATRONYMIC = re.compile(r"(ovich|evich|ovych|ovna|evna|ichna|ivna|yich|ovitch)$")
# Family names marked by their ending: Slavic/Turkic -ov/-ev, Azerbaijani -li/-lu/-zade,
# Armenian -yan, Ukrainian -enko, Georgian -shvili/-dze.
_FAMILY_SUFFIX = re.compile(
    r"(ov|ova|ev|eva|yev|yeva|iev|ieva|zade|zada|zadeh|beyli|yan|ian|enko|skiy|skaya|sky|shvili|dze)$"
    r"|.{4,}(li|lu|ly|lue)$"
)
_NOTE_WORDS = re.compile(
    r"\b(pen|name|names|younger|older|elder|father|mother|son|daughter|alias|aka|a\.k\.a|"
    r"nickname|also|born|nee|religious|monastic|lay|known|sister|brother|wife|husband|uncle)\b",
    re.IGNORECASE,
)
_ALTERNATE_SPLIT = re.compile(r"\s*(?:;|/|\bor\b|\baka\b|\ba\.k\.a\.?|\balias\b|\|)\s*")
_QUOTES = '"“”„«»‹›「」『』'
_WRAPPERS = {"(": ")", "[": "]", "{": "}", "（": "）"}


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a name: as written, its a-z reading, role and writing system."""

    text: str
    latin: str
    role: str
    system: str
    syllables: tuple[str, ...] | None = None  # pinyin syllables, when it reads as pinyin
    readings: tuple[str, ...] = ()  # other a-z readings (Wade-Giles -> pinyin)

    @property
    def is_name(self) -> bool:
        """True for parts that identify a person (given, family, patronymic)."""
        return self.role in NAME_ROLES


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A name split into tokens with roles; alternates are other forms given with it."""

    text: str
    script: str
    tokens: tuple[Token, ...]
    han: bool = False
    alternates: tuple[ParsedName, ...] = field(default=())
    # Derived once, as matching reads them for every comparison.
    core: tuple[Token, ...] = field(init=False, repr=False, compare=False)
    chinese_form: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        core = tuple(t for t in self.tokens if t.is_name)
        object.__setattr__(self, "core", core)
        # Every word reads as pinyin (or Wade-Giles): the name may be a Chinese transcription.
        chinese = bool(core) and all(t.syllables is not None or t.readings for t in core)
        object.__setattr__(self, "chinese_form", chinese)

    def parts(self, role: str) -> tuple[str, ...]:
        """The written forms of the tokens with one role."""
        return tuple(t.text for t in self.tokens if t.role == role)

    @property
    def latin(self) -> str:
        """The core of the name as folded a-z words."""
        return " ".join(t.latin for t in self.core)


class InvalidNameError(ValueError):
    """The text can't be parsed as a name (empty, or longer than MAX_NAME_LENGTH)."""


@lru_cache(maxsize=1)
def _titles() -> dict[str, str]:
    return {row[0]: row[1] for row in data_lines("titles.tsv")}


def parse(name: str) -> ParsedName:
    """Parse one name (any script) into tokens with roles; other forms become alternates."""
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidNameError(f"name longer than {MAX_NAME_LENGTH} characters")
    return _parse_cached(name)


@lru_cache(maxsize=200_000)
def _parse_cached(name: str) -> ParsedName:
    text = clean(name)
    text, extra = _split_notes(text)
    pieces = [p for p in _ALTERNATE_SPLIT.split(text) if p and p.strip(" ,.-")]
    if not pieces:
        pieces = [text]
    main = _parse_one(pieces[0])
    alternates = tuple(_parse_one(p) for p in [*pieces[1:], *extra])
    alternates = tuple(a for a in alternates if a.core)
    if not main.core and alternates:
        main, alternates = alternates[0], alternates[1:]
    if not main.core and not alternates and not text.strip():
        raise InvalidNameError("empty name")
    return ParsedName(main.text, main.script, main.tokens, main.han, alternates)


def _split_notes(text: str) -> tuple[str, list[str]]:
    """Unwrap a fully bracketed name; pull bracketed glosses out ('(pen name)' is dropped)."""
    text = text.strip()
    for quote in _QUOTES:
        text = text.replace(quote, " ")
    text = text.strip()
    if text[:1] in _WRAPPERS and text.endswith(_WRAPPERS[text[0]]):
        inner = text[1:-1]
        if not any(c in inner for c in "()[]"):
            text = inner
    extra: list[str] = []

    def pull(match: re.Match[str]) -> str:
        inner = match.group(1).strip()
        if inner and not _NOTE_WORDS.search(inner) and not inner.islower():
            extra.append(inner)
        return " "

    text = re.sub(r"[\(\[\{（]([^\)\]\}）]*)[\)\]\}）]", pull, text)
    return " ".join(text.split()), extra


def _parse_one(text: str) -> ParsedName:
    script = dominant_script(text)
    if script == "Hani":
        return _parse_han_script(text)
    if script == "Tibt":
        text = translit.tibetan_to_wylie(text)
        return _parse_latin(text, "Tibt", "wylie")
    if script == "Cyrl":
        return _parse_latin(translit.cyrillic_to_latin(text), "Cyrl", "cyrillic")
    if script == "Arab":
        return _parse_latin(translit.arabic_to_latin(text), "Arab", "arabic")
    return _parse_latin(text, "Latn", "latin")


def _parse_han_script(text: str) -> ParsedName:
    runs = [r for r in re.split(f"[\\s{NAME_DOTS}.,，、-]+", text) if r]
    tokens: list[Token] = []
    if len(runs) == 1 and 2 <= len(runs[0]) <= 4:
        run = runs[0]
        cut = pinyin.han_surname_split(run)
        family_chars = run[:cut]
        family_syllables = pinyin.han_to_pinyin(family_chars)[0]
        reading = pinyin.surname_reading(family_chars)
        if reading is not None:
            family_syllables = list(pinyin.split(reading) or (reading,))
        if reading is not None and (len(run) <= 3 or cut == 2):
            given = pinyin.han_to_pinyin(run[cut:])[0]
            tokens.append(_pinyin_token(family_chars, family_syllables, FAMILY))
            tokens.append(_pinyin_token(run[cut:], given, GIVEN, pinyin.han_readings(run[cut:])))
            return ParsedName(text, "Hani", tuple(tokens), han=True)
    for run in runs:
        syllables = [s for group in pinyin.han_to_pinyin(run) for s in group]
        if syllables:
            tokens.append(_pinyin_token(run, syllables, GIVEN))
    return ParsedName(text, "Hani", tuple(tokens))


def _pinyin_token(
    text: str, syllables: list[str], role: str, readings: tuple[str, ...] = ()
) -> Token:
    latin = "".join(syllables)
    others = tuple(r for r in readings if r != latin)
    return Token(text, latin, role, "pinyin", tuple(syllables), others)


def _parse_latin(text: str, script: str, system: str) -> ParsedName:
    if system in {"latin", "wylie"} and translit.looks_like_wylie(
        " ".join(_fold_keep_apostrophe(w) for w in text.split())
    ):
        return _parse_wylie(text, script)
    words = [w for w in re.split(r"[\s,]+", text) if w]
    raw: list[tuple[str, str]] = []
    for word in words:
        latin = fold(word.replace("-", "").replace("'", ""))
        if latin:
            raw.append((word.strip(".-'"), latin))
    return _assign_roles(text, script, system, raw)


def _parse_wylie(text: str, script: str) -> ParsedName:
    phonetic = translit.wylie_to_phonetic(" ".join(_fold_keep_apostrophe(w) for w in text.split()))
    # Tibetan names pair syllables into words (bstan 'dzin -> Tendzin); keep that grouping.
    raw: list[tuple[str, str]] = []
    for start in range(0, len(phonetic), 2):
        word = "".join(phonetic[start : start + 2])
        raw.append((word, word))
    return _assign_roles(text, script, "wylie", raw)


def _fold_keep_apostrophe(word: str) -> str:
    return "'".join(fold(part) for part in word.split("'"))


def _assign_roles(text: str, script: str, system: str, raw: list[tuple[str, str]]) -> ParsedName:
    titles = _titles()
    roles: list[str] = []
    for index, (_word, latin) in enumerate(raw):
        kind = titles.get(latin)
        if (
            kind is None
            or len(raw) == 1
            or (kind == NOTE and index == 0)
            or (
                kind == MARKER
                and (index == 0 or (index == len(raw) - 1 and latin not in _MARKERS_AFTER_FATHER))
            )
        ):
            roles.append(GIVEN)
        else:
            roles.append(kind)
    _mark_patronymics(raw, roles)
    han, readings = _han_reading(raw, roles)
    if not han:
        _mark_family(raw, roles)
    tokens: list[Token] = []
    for index, (word, latin) in enumerate(raw):
        syllables = pinyin.split(latin)
        tokens.append(Token(word, latin, roles[index], system, syllables, readings[index]))
    if han:
        tokens = _merge_han_given(tokens)
    return ParsedName(text, script, tuple(tokens), han=han)


def _merge_han_given(tokens: list[Token]) -> list[Token]:
    """A Han given name is one word however it is spaced (Xian Tong = Xiantong)."""
    given = [t for t in tokens if t.role == GIVEN]
    if len(given) < 2:
        return tokens
    syllables: tuple[str, ...] = ()
    for token in given:
        syllables += token.syllables or (token.latin,)
    readings: tuple[str, ...] = ()
    if any(t.readings for t in given):
        readings = ("".join((t.readings or (t.latin,))[0] for t in given),)
    merged = Token(
        " ".join(t.text for t in given),
        "".join(t.latin for t in given),
        GIVEN,
        given[0].system,
        syllables,
        readings,
    )
    out = [t for t in tokens if t.role != GIVEN]
    out.insert(tokens.index(given[0]), merged)
    return out


def _mark_patronymics(raw: list[tuple[str, str]], roles: list[str]) -> None:
    names = [i for i, r in enumerate(roles) if r == GIVEN]
    for index, (_word, latin) in enumerate(raw):
        if roles[index] == MARKER:
            father = index - 1 if latin in _MARKERS_AFTER_FATHER else index + 1
            if 0 <= father < len(raw) and roles[father] == GIVEN:
                roles[father] = PATRONYMIC
        elif roles[index] == GIVEN and len(names) >= 3 and _RU_PATRONYMIC.search(latin):
            roles[index] = PATRONYMIC


def _han_reading(
    raw: list[tuple[str, str]], roles: list[str]
) -> tuple[bool, list[tuple[str, ...]]]:
    """Is this a Han name (surname + given name), and the pinyin readings of each word.

    Words may be pinyin or Wade-Giles (Teng Hsiao-ping); words that read as neither beside
    a complete Han name are Western or baptismal names (Peter Liu Guandong).
    """
    readings: list[tuple[str, ...]] = [() for _ in raw]
    core = [i for i, r in enumerate(roles) if r == GIVEN]
    if not 2 <= len(core) <= 4:
        return False, readings
    options: dict[int, tuple[str, ...]] = {}
    for index in core:
        word, latin = raw[index]
        found = [latin] if pinyin.split(latin) is not None else []
        found += [
            r for r in pinyin.wade_giles_to_pinyin(word.lower().replace("'", "")) if r != latin
        ]
        if found:
            options[index] = tuple(found)
    chinese = [i for i in core if i in options]
    if not 2 <= len(chinese) <= 3 or len(core) - len(chinese) > 2:
        return False, readings
    table = pinyin.surnames()
    if not any(r in table for r in options[chinese[0]]):
        return False, readings
    if any(min(len(pinyin.split(r) or "xxxx") for r in options[i]) > 3 for i in chinese[1:]):
        return False, readings
    roles[chinese[0]] = FAMILY
    for index in core:
        if index not in options:
            roles[index] = ALIAS
        else:
            readings[index] = tuple(r for r in options[index] if r != raw[index][1])
    return True, readings


def _mark_family(raw: list[tuple[str, str]], roles: list[str]) -> None:
    core = [i for i, r in enumerate(roles) if r == GIVEN]
    if len(core) < 2:
        return
    for index in (core[-1], core[0]):
        word = raw[index][0]
        if word.isupper() and len(word) > 1:
            roles[index] = FAMILY
            return
    last = raw[core[-1]][1]
    # Pinyin of Uyghur names also ends in -li (Wubuli); such words are not marked.
    if _FAMILY_SUFFIX.search(last) and pinyin.split(last) is None:
        roles[core[-1]] = FAMILY
