"""Gazetteers and vocabularies from ./data, loaded once per process (see data/README.md)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")


def _lines(name: str) -> list[str]:
    out = []
    for raw in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        line = raw.rstrip("\n")
        if line.strip() and not line.lstrip().startswith("#"):
            out.append(line.strip())
    return out


def _pairs(name: str) -> list[tuple[str, str]]:
    out = []
    for line in _lines(name):
        key, _, value = line.partition("\t")
        out.append((key.strip(), value.strip()))
    return out


_IRREGULAR_PLURALS = {
    "man": "men",
    "woman": "women",
    "person": "people",
    "child": "children",
    "businessman": "businessmen",
    "businesswoman": "businesswomen",
    "layman": "laymen",
    "laywoman": "laywomen",
    "policeman": "policemen",
    "chairman": "chairmen",
    "spokesman": "spokesmen",
    "craftsman": "craftsmen",
    "fisherman": "fishermen",
    "clergyman": "clergymen",
}


def plural(noun: str) -> str:
    """Return the English plural of a noun phrase: 'chant master' -> 'chant masters'."""
    head, _, last = noun.rpartition(" ")
    prefix = f"{head} " if head else ""
    if last in _IRREGULAR_PLURALS:
        return prefix + _IRREGULAR_PLURALS[last]
    if last.endswith(("s", "sh", "ch", "x", "z")):
        return f"{prefix}{last}es"
    if last.endswith("y") and last[-2:-1] not in ("a", "e", "o", "u"):
        return f"{prefix}{last[:-1]}ies"
    return f"{prefix}{last}s"


@dataclass(frozen=True)
class Lexicon:
    """Every vocabulary the steps use, lowercased where matching is case-insensitive."""

    ethnic: dict[str, str]
    demonyms: frozenset[str]  # lowercased nationality adjectives ("chinese", "turkish")
    kinship: dict[str, str | None]
    titles: dict[str, str | None]
    name_suffixes: frozenset[str]
    occupations: dict[str, str]  # singular or plural form -> singular
    person_nouns: dict[str, str]  # singular or plural form -> singular
    organizations: frozenset[str]  # lowercased
    outlets: frozenset[str]  # lowercased news outlets and websites (persons.v4)
    advocates: tuple[str, ...]  # bodies that call for releases, longest first (interventions.v1)
    org_heads: frozenset[str]
    places: frozenset[str]  # lowercased
    facility_nicknames: dict[str, str]  # nickname -> facility name
    facilities: frozenset[str]  # lowercased facility names
    surnames_zh: frozenset[str]
    pinyin: frozenset[str]
    name_parts: frozenset[str]  # lowercased given-name elements
    common_words: frozenset[str]
    non_person: frozenset[str]  # lowercased phrases
    public_figures: frozenset[str]  # lowercased names
    charge_cues: tuple[tuple[re.Pattern[str], str], ...]
    allegation_cues: tuple[tuple[re.Pattern[str], str], ...]
    statutes: dict[str, dict[str, str]]  # code family -> article -> category


def _sex(value: str) -> str | None:
    return value if value in ("male", "female") else None


def _with_plurals(words: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for word in words:
        w = word.lower()
        out[w] = w
        out.setdefault(plural(w), w)
    return out


def _statutes() -> dict[str, dict[str, str]]:
    raw = json.loads((DATA_DIR / "charge_categories.json").read_text(encoding="utf-8"))
    out: dict[str, dict[str, str]] = {}
    for cat in raw["categories"]:
        for code, articles in cat.get("statutes", {}).items():
            for article in articles:
                out.setdefault(code, {})[article] = cat["id"]
    return out


@cache
def lexicon() -> Lexicon:
    """Load every data file once per process."""
    facilities = _pairs("facilities_cecc.tsv")
    places = frozenset(w.lower() for w in _lines("places_cecc.txt") + _lines("places_world.txt"))
    common = frozenset(_lines("common_words.txt"))
    return Lexicon(
        ethnic={k.lower(): v for k, v in _pairs("ethnic_groups.tsv")},
        demonyms=frozenset(w.lower() for w in _lines("demonyms.txt")),
        kinship={k.lower(): _sex(v) for k, v in _pairs("kinship.tsv")},
        titles={k.lower(): _sex(v) for k, v in _pairs("titles.tsv")},
        name_suffixes=frozenset(w.lower() for w in _lines("name_suffixes.txt")),
        occupations=_with_plurals(_lines("occupations.txt")),
        person_nouns=_with_plurals(_lines("person_nouns.txt")),
        organizations=frozenset(w.lower() for w in _lines("organizations.txt")),
        outlets=frozenset(w.lower() for w in _lines("outlets.txt")),
        advocates=tuple(sorted(_lines("advocates.txt"), key=len, reverse=True)),
        org_heads=frozenset(w.lower() for w in _lines("org_heads.txt")),
        places=places,
        # A nickname that is also a place or a word ("Shigatse", "Anhui") names no facility.
        facility_nicknames={
            nick: name
            for name, nick in facilities
            if nick and nick.lower() not in places and nick.lower() not in common
        },
        facilities=frozenset(name.lower() for name, _ in facilities),
        surnames_zh=frozenset(w.lower() for w in _lines("surnames_zh.txt")),
        pinyin=frozenset(_lines("pinyin_syllables.txt")),
        name_parts=frozenset(
            w.lower() for w in _lines("names_tibetan.txt") + _lines("names_turkic.txt")
        ),
        common_words=common,
        non_person=frozenset(w.lower() for w in _lines("non_person_phrases.txt")),
        public_figures=frozenset(w.lower() for w in _lines("public_figures.txt")),
        charge_cues=tuple(
            (re.compile(rx, re.IGNORECASE), cat) for rx, cat in _pairs("charges.tsv")
        ),
        allegation_cues=tuple(
            (re.compile(rx, re.IGNORECASE), cat) for rx, cat in _pairs("allegations.tsv")
        ),
        statutes=_statutes(),
    )
