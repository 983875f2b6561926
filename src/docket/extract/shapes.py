"""Tests on words and names (is this a Chinese name, a place, an organisation, an ethnic
word?) and the occupation matcher; shared by the steps, importing none of them."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from docket.extract.lexicon import lexicon
from docket.extract.text import wordset

if TYPE_CHECKING:
    from docket.extract.doc import Token

# Name endings common in Turkic, Persian, Russian and Caucasian surnames and given names.
_NAME_ENDINGS = re.compile(
    r"(?:jan|gul|ulla|ullah|iddin|uddin|bek|bay|khan|mehmet|ov|ova|ev|eva|yev|yeva|iyev|iyeva"
    r"|li|lu|zade|zadeh|oglu|qizi|kyzy|uly|uulu|sky|skaya|enko|yan|ian|dze|shvili|niyaz"
    r"|niyazi|jiang|ahun|hun|ayi|ehmet|met|dolkar|drolma|tso|kyi)$",
    re.IGNORECASE,
)
# Plural nouns that name a group of people ("monks", "business partners", "Uyghurs").
GROUP_NOUNS = (
    "people|persons|individuals|men|women|males|females|youths|teenagers|children|students"
    "|monks|nuns|practitioners|petitioners|relatives|family members|business partners|partners"
    "|activists|lawyers|villagers|farmers|herders|nomads|protesters|protestors|demonstrators"
    "|christians|catholics|protestants|believers|members|detainees|defendants|co-defendants"
    "|others|laypersons|laymen|teachers|workers|journalists|writers|bloggers|colleagues"
    "|associates|employees|leaders|imams|pastors|priests|worshippers|muslims|brothers|sisters"
    "|sons|daughters|residents|citizens|suspects|prisoners|classmates|friends|tibetans|uyghurs"
    "|uighurs|kazakhs|kyrgyz|mongols|mongolians|huis|uzbeks"
)
PARTICLES = wordset(
    "oglu oğlu ogly qizi qızı kizi kyzy uulu uly bin binti ibn al el ul ud de van von der da dos "
    "du la le"
)
PARTICLES_AFTER = wordset("oglu oğlu ogly qizi qızı kizi kyzy uulu uly")


@cache
def pinyin_parts(word: str) -> int:
    """Return how many pinyin syllables spell `word` ('Xiuqiong' -> 2), or 0 if none do."""
    w = word.lower().replace("'", "")
    syl = lexicon().pinyin
    best: dict[int, int] = {0: 0}
    for i in range(1, len(w) + 1):
        for j in range(max(0, i - 6), i):
            if j in best and w[j:i] in syl:
                n = best[j] + 1
                if i not in best or n < best[i]:
                    best[i] = n
    return best.get(len(w), 0)


def is_chinese_name(words: list[str]) -> bool:
    """True for 'Rao Huoli', "Liu Yan'e", 'Ouyang Xiaorong' (surname + pinyin given name)."""
    if not 2 <= len(words) <= 3:
        return False
    lex = lexicon()
    if words[0].lower() not in lex.surnames_zh:
        return False
    total = 0
    for w in words[1:]:
        n = pinyin_parts(w)
        if n == 0 or n > 2:
            return False
        total += n
    return total <= 3 and " ".join(words).lower() not in lex.places


def name_part_share(words: list[str]) -> float:
    """Share of `words` that are known given-name elements or carry a name ending."""
    lex = lexicon()
    hits = 0.0
    for w in words:
        lw = w.lower()
        if lw in lex.name_parts:
            hits += 1
        elif len(lw) > 4 and _NAME_ENDINGS.search(lw) and lw not in lex.common_words:
            hits += 0.6
    return hits / len(words) if words else 0.0


def is_place(words: list[str]) -> bool:
    lex = lexicon()
    phrase = " ".join(words).lower()
    return phrase in lex.places or all(w.lower() in lex.places for w in words)


def is_organization(words: list[str]) -> bool:
    """True for an organisation, outlet or non-person phrase, or a run that starts or ends
    with one ('Dui Hua Official Registry')."""
    lex = lexicon()
    low = [w.lower() for w in words]
    if any(w in lex.org_heads for w in low):
        return True
    for n in range(len(low), 0, -1):
        head, tail = " ".join(low[:n]), " ".join(low[-n:])
        if head in lex.organizations or tail in lex.organizations:
            return True
        if head in lex.non_person or tail in lex.non_person:
            return True
    return False


AMBIGUOUS_ETHNIC = wordset("she yi li dai bai dong han hui tu qiang dong")
ETHNIC_CONTEXT = wordset(
    "chinese minority nationality ethnic people man woman men women muslim muslims"
)


@cache
def _occupation_phrases() -> dict[tuple[str, ...], str]:
    return {tuple(k.split()): v for k, v in lexicon().occupations.items()}


def occupations_in(words: list[str]) -> list[tuple[int, int, str]]:
    """Occupations in a word list: (start, end, singular form), longest match first."""
    table = _occupation_phrases()
    out: list[tuple[int, int, str]] = []
    i = 0
    low = [w.lower() for w in words]
    while i < len(low):
        for n in (3, 2, 1):
            key = tuple(low[i : i + n])
            if len(key) == n and key in table:
                out.append((i, i + n, table[key]))
                i += n
                break
        else:
            i += 1
    return out


def is_ethnic_word(toks: list[Token], i: int) -> bool:
    """True when token i names an ethnic group ('Tibetan', 'Uighur', 'ethnic Hui')."""
    lex = lexicon()
    tok = toks[i]
    if tok.lower not in lex.ethnic or not tok.text[:1].isupper():
        return False
    if i + 1 < len(toks) and toks[i + 1].text[:1].isupper() and toks[i + 1].lower not in lex.ethnic:
        return False  # part of a name: "Tibetan Autonomous Prefecture", "Han Dongfang"
    if tok.lower in AMBIGUOUS_ETHNIC:
        prev = toks[i - 1].lower if i > 0 else ""
        nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
        return prev == "ethnic" or nxt in ETHNIC_CONTEXT
    return True
