"""Score two names in [0, 1], decide match / no match, and say why.

Each name is parsed (parse.py); the words that identify the person are paired up so the
total similarity is highest, each pair scored by the best applicable comparison: exact,
spelling (align.py, SPELLING rules), Chinese transcription (TRANSCRIPTION rules, when one
name may be pinyin) or Han syllables (two Han names). The score is a weighted mean of the
pairs pulled towards the weakest, then lowered when a part is missing on one side (subset),
the order of given names differs, or only one form says "jr."; names whose words are split
differently are also compared run together. Alternates ("A; B") are tried and the best kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise, permutations

from docket.names import align, pinyin
from docket.names.keys import head_classes
from docket.names.parse import FAMILY, OPTIONAL_ROLES, ParsedName, Token, parse

DEFAULT_THRESHOLD = 0.8

TOKEN_MIN = 0.55  # below this two words are not the same name part
SUBSET_FACTOR = 0.72  # only part of a longer name is matched (Lobsang Trinle / Trinle)
FAMILY_ONLY_FACTOR = 0.88  # one form is the other's marked family name (Hashimli)
SPLIT_FACTOR = 0.96  # the names agree only when their words are run together
SWAP_FACTOR = 0.7  # given names in another order: usually another person (Dorje Rigzin)
GENERATION_FACTOR = 0.7  # "jr." on one form only: the bare name may be the father
_JUNIOR = frozenset({"jr", "junior", "younger", "chung", "chungwa"})
_SENIOR = frozenset({"sr", "senior", "elder", "chewa"})
WEAK_PINYIN_FACTOR = 0.93  # transcription into a word with no sign of being pinyin (Penpa)
_MEAN_WEIGHT = 0.35  # the rest of the weight goes to the weakest pair of words
_MAX_PERMUTED = 6

# Han syllables: initials and finals that speakers and clerks confuse (southern accents,
# n/l merger, -n/-ng merger); anything else makes a different character.
_INITIAL_PAIRS = {
    frozenset(p)
    for p in (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"), ("f", "h"), ("r", "l"))
}
_FINAL_PAIRS = {frozenset(p) for p in (("an", "ang"), ("en", "eng"), ("in", "ing"), ("eng", "ong"))}
_HAN_STEP = 0.35


@dataclass(frozen=True, slots=True)
class PartMatch:
    """Two name parts paired up, their similarity and the rules that relate them."""

    a: str
    b: str
    similarity: float
    mode: str
    rules: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why two names scored as they did."""

    form_a: str
    form_b: str
    pairs: tuple[PartMatch, ...]
    unmatched_a: tuple[str, ...]
    unmatched_b: tuple[str, ...]
    ignored: tuple[str, ...]
    notes: tuple[str, ...]

    def lines(self) -> list[str]:
        """The explanation as short lines of text for people."""
        out = [f"compared {self.form_a!r} with {self.form_b!r}"]
        for pair in self.pairs:
            how = ", ".join(pair.rules) if pair.rules else "same"
            out.append(
                f"  {pair.a} ~ {pair.b}: {pair.similarity:.2f} ({_MODE_NAMES[pair.mode]}: {how})"
            )
        if self.unmatched_a:
            out.append(f"  only in first: {' '.join(self.unmatched_a)}")
        if self.unmatched_b:
            out.append(f"  only in second: {' '.join(self.unmatched_b)}")
        if self.ignored:
            out.append(f"  ignored (titles, notes): {' '.join(self.ignored)}")
        out.extend(f"  {note}" for note in self.notes)
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


_MODE_NAMES = {"S": "spelling", "T": "Chinese transcription", "H": "Han pinyin", "=": "exact"}


@dataclass(frozen=True, slots=True)
class Match:
    """The outcome of comparing two names."""

    score: float
    is_match: bool
    explanation: Explanation


def match(a: str, b: str, *, threshold: float = DEFAULT_THRESHOLD) -> Match:
    """Compare two names (any scripts): score, decision and explanation."""
    value, outcome = _best(parse(a), parse(b), trace=True)
    assert outcome is not None
    return Match(round(value, 4), value >= threshold, outcome)


def score(a: str, b: str) -> float:
    """The similarity of two names in [0, 1], without an explanation (faster)."""
    return round(_best(parse(a), parse(b), trace=False)[0], 4)


def score_parsed(a: ParsedName, b: ParsedName, floor: float | None = None) -> float:
    """score() for names already parsed; with a floor, scores below it may be too low."""
    return round(_best(a, b, trace=False, floor=floor)[0], 4)


def _forms(name: ParsedName) -> tuple[ParsedName, ...]:
    return (name, *name.alternates)


def _best(
    a: ParsedName, b: ParsedName, *, trace: bool, floor: float | None = None
) -> tuple[float, Explanation | None]:
    best_value, best_outcome = -1.0, None
    for form_a in _forms(a):
        for form_b in _forms(b):
            value, outcome = _compare(form_a, form_b, trace=trace, floor=floor)
            if value > best_value:
                best_value, best_outcome = value, outcome
    return max(0.0, best_value), best_outcome


def _modes(a: ParsedName, b: ParsedName) -> str:
    """Which comparisons apply: H for two Han names, else S plus T if either may be pinyin."""
    pinyin_a, pinyin_b = a.chinese_form, b.chinese_form
    if (
        (a.han and b.han)
        or (a.han and pinyin_b and len(b.core) > 1)
        or (b.han and pinyin_a and len(a.core) > 1)
    ):
        return "H"
    return "ST" if pinyin_a or pinyin_b or _half_pinyin(a) or _half_pinyin(b) else "S"


def _half_pinyin(name: ParsedName) -> bool:
    """Transcriptions of long names are sometimes only partly pinyin (Mihriguli Tuerxun)."""
    core = name.core
    marked = sum(t.syllables is not None and _pinyin_weight(t) == 1.0 for t in core)
    return len(core) > 1 and 2 * marked >= len(core)


def _generation(name: ParsedName) -> str:
    words = {t.latin for t in name.tokens if not t.is_name}
    if words & _JUNIOR:
        return "junior"
    if words & _SENIOR:
        return "senior"
    return ""


def _swapped(
    pairs: list[tuple[int, int]], core_a: tuple[Token, ...], core_b: tuple[Token, ...]
) -> bool:
    """True if paired given names cross (A B / B A) and no family name explains it."""
    ordered = sorted(pairs)
    for (i1, j1), (i2, j2) in pairwise(ordered):
        if j2 < j1:
            roles = {core_a[i1].role, core_a[i2].role, core_b[j1].role, core_b[j2].role}
            if FAMILY not in roles:
                return True
    return False


# Bounded for dedupe, whose workers each keep one: word pairs recur mostly within a few blocks.
@lru_cache(maxsize=250_000)
def _token_similarity(
    a: Token, b: Token, modes: str, floor: float = TOKEN_MIN
) -> tuple[float, str]:
    """Best similarity of two tokens over the allowed modes, and the mode that gave it.

    Values below floor come back as 0: such words are not the same name part.
    """
    if a.latin == b.latin:
        return 1.0, "="
    if modes != "H":
        heads_a, heads_b = head_classes(a), head_classes(b)
        if "_" not in heads_a and "_" not in heads_b and not heads_a & heads_b:
            return 0.0, "S"
    if modes == "H":
        best = max(
            (_han_similarity(x, y) for x in (a.latin, *a.readings) for y in (b.latin, *b.readings)),
            default=0.0,
        )
        return (best if best >= floor else 0.0), "H"
    best, how = align.similarity(a.latin, b.latin, align.SPELLING, floor), "S"
    if "T" in modes:
        # Each further reading only has to beat the best so far, so it may stop early.
        if b.syllables is not None and a.system != "pinyin":
            weight = _pinyin_weight(b)
            need = max(floor, best) / weight
            value = align.similarity(a.latin, b.latin, align.TRANSCRIPTION, need) * weight
            if value > best:
                best, how = value, "T"
        if a.syllables is not None and b.system != "pinyin":
            weight = _pinyin_weight(a)
            need = max(floor, best) / weight
            value = align.similarity(b.latin, a.latin, align.TRANSCRIPTION, need) * weight
            if value > best:
                best, how = value, "T>"
    return (best if best >= floor else 0.0), how


_PINYIN_MARKS = re.compile(r"[xqv]|c(?!h)|ao|uo|ou|ui|iu|ie|ia|eng|ong|ai|ei|ua|[^aeiou]i$")


def _pinyin_weight(token: Token) -> float:
    """Trust in a token being a Chinese transcription rather than a romanisation that
    happens to spell pinyin syllables (Penpa, Wangmo)."""
    if token.system == "pinyin" or _PINYIN_MARKS.search(token.latin):
        return 1.0
    return WEAK_PINYIN_FACTOR


def _han_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    sa, sb = pinyin.split(a), pinyin.split(b)
    if sa is None or sb is None or len(sa) != len(sb):
        return 0.0
    cost = sum(_han_syllable_cost(x, y) for x, y in zip(sa, sb, strict=True))
    return max(0.0, 1.0 - cost / len(sa))


def _han_syllable_cost(a: str, b: str) -> float:
    if a == b:
        return 0.0
    ia, fa = _initial_final(a)
    ib, fb = _initial_final(b)
    cost = 0.0
    if ia != ib:
        cost += _HAN_STEP if frozenset((ia, ib)) in _INITIAL_PAIRS else 1.0
    if fa != fb:
        cost += _HAN_STEP if frozenset((fa, fb)) in _FINAL_PAIRS else 1.0
    return min(cost, 1.0)


def _initial_final(syllable: str) -> tuple[str, str]:
    for size in (2, 1):
        head = syllable[:size]
        if size == 2 and head in {"zh", "ch", "sh"}:
            return head, syllable[2:]
        if size == 1 and head not in "aeiou":
            return head, syllable[1:]
    return "", syllable


def _assign(size_a: int, size_b: int, sims: list[list[float]]) -> list[tuple[int, int]]:
    """The pairing of tokens with the highest total similarity."""
    if size_a == 0 or size_b == 0:
        return []
    if max(size_a, size_b) <= _MAX_PERMUTED:
        best_total, best_pairs = -1.0, []
        if size_a <= size_b:
            for perm in permutations(range(size_b), size_a):
                total = sum(sims[i][perm[i]] for i in range(size_a))
                if total > best_total:
                    best_total, best_pairs = total, [(i, perm[i]) for i in range(size_a)]
        else:
            for perm in permutations(range(size_a), size_b):
                total = sum(sims[perm[j]][j] for j in range(size_b))
                if total > best_total:
                    best_total, best_pairs = total, [(perm[j], j) for j in range(size_b)]
        return best_pairs
    cells = sorted(((sims[i][j], i, j) for i in range(size_a) for j in range(size_b)), reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for _value, i, j in cells:
        if i not in used_a and j not in used_b:
            pairs.append((i, j))
            used_a.add(i)
            used_b.add(j)
    return pairs


def _aggregate(values: list[float], weights: list[int]) -> float:
    """Weighted mean pulled towards the weakest pair: every part must agree."""
    mean = sum(v * w for v, w in zip(values, weights, strict=True)) / sum(weights)
    return _MEAN_WEIGHT * mean + (1 - _MEAN_WEIGHT) * min(values)


def _compare(
    a: ParsedName, b: ParsedName, *, trace: bool, floor: float | None = None
) -> tuple[float, Explanation | None]:
    """Score two parsed forms. With a floor, a score below it may be underestimated."""
    core_a, core_b = a.core, b.core
    if not core_a or not core_b:
        return 0.0, _explain(a, b, [], core_a, core_b, ["no name parts to compare"], trace)
    modes = _modes(a, b)
    # Below a floor, only scores that can still reach it matter: every pair of words must
    # then be at least this similar (see _aggregate), so weaker alignments stop early.
    token_floor = TOKEN_MIN
    if floor is not None:
        token_floor = max(TOKEN_MIN, round((floor - _MEAN_WEIGHT) / (1 - _MEAN_WEIGHT), 2) - 0.01)
    sims = [[_token_similarity(x, y, modes, token_floor)[0] for y in core_b] for x in core_a]
    pairs = [(i, j) for i, j in _assign(len(core_a), len(core_b), sims) if sims[i][j] >= TOKEN_MIN]
    paired_a = {i for i, _ in pairs}
    paired_b = {j for _, j in pairs}
    left_a = [t for i, t in enumerate(core_a) if i not in paired_a and t.role not in OPTIONAL_ROLES]
    left_b = [t for j, t in enumerate(core_b) if j not in paired_b and t.role not in OPTIONAL_ROLES]
    notes: list[str] = []
    if pairs:
        values = [sims[i][j] for i, j in pairs]
        weights = [len(core_a[i].latin) + len(core_b[j].latin) for i, j in pairs]
        value = _aggregate(values, weights)
    else:
        value = 0.0
    if left_a and left_b:
        value *= 0.5
        notes.append("both names have parts the other lacks")
    elif left_a or left_b:
        shorter = core_b if left_a else core_a
        longer_left = left_a or left_b
        longer_name = a if left_a else b
        if not longer_name.han and _family_only(
            shorter, longer_left, pairs, core_a if left_a else core_b, left_a != []
        ):
            value *= FAMILY_ONLY_FACTOR
            notes.append("one form is the family name of the other")
        else:
            value *= SUBSET_FACTOR
            notes.append("only part of the longer name is matched")
    if len(pairs) > 1 and not (a.han or b.han) and _swapped(pairs, core_a, core_b):
        value *= SWAP_FACTOR
        notes.append("the same parts in another order")
    chinese = (a.script == "Hani" and a.han) or (b.script == "Hani" and b.han)
    need = value / SPLIT_FACTOR if floor is None else max(value, floor) / SPLIT_FACTOR
    joined = _joined_similarity(core_a, core_b, modes, chinese, need) if need < 1.0 else 0.0
    if joined * SPLIT_FACTOR > value:
        value = joined * SPLIT_FACTOR
        notes = ["matched as one run of syllables (words split or joined differently)"]
        pairs = []
        left_a = left_b = []
    generation_a, generation_b = _generation(a), _generation(b)
    # A transcription or another script drops "jr."; only compare notes between spellings.
    if generation_a != generation_b and modes == "S" and a.script == b.script:
        value *= GENERATION_FACTOR if not (generation_a and generation_b) else 0.5
        notes.append("one form is marked junior or senior and the other is not the same")
    return value, _explain(a, b, pairs, left_a, left_b, notes, trace, modes)


def _family_only(
    shorter: tuple[Token, ...],
    left: list[Token],
    pairs: list[tuple[int, int]],
    longer: tuple[Token, ...],
    longer_is_a: bool,
) -> bool:
    """The shorter name is only the longer one's family name, marked as such by its form."""
    if len(shorter) != 1 or len(pairs) != 1:
        return False
    index = pairs[0][0] if longer_is_a else pairs[0][1]
    return longer[index].role == FAMILY and not any(t.role == FAMILY for t in left)


def _joined_similarity(
    core_a: tuple[Token, ...],
    core_b: tuple[Token, ...],
    modes: str,
    chinese_script: bool,
    floor: float,
) -> float:
    """Similarity of the names run together, for forms that split words differently.

    Names in Chinese characters have no word breaks to trust, so they are always tried.
    """
    required_a = [t for t in core_a if t.role not in OPTIONAL_ROLES]
    required_b = [t for t in core_b if t.role not in OPTIONAL_ROLES]
    if not required_a or not required_b:
        return 0.0
    if len(required_a) == len(required_b) and not chinese_script:
        return 0.0
    # A word both names share exactly means one name contains the other: not a re-spacing.
    if {t.latin for t in required_a} & {t.latin for t in required_b}:
        return 0.0
    ja = _joined(tuple(required_a))
    jb = _joined(tuple(required_b))
    if modes == "H":
        return _han_similarity(ja.latin, jb.latin)
    # Run together, a Chinese transcription is never much shorter than its source: a form
    # that lost whole syllables is a shorter name, not a transcription (Tashi Kyi / Tashi).
    shorter, longer = sorted((len(ja.latin), len(jb.latin)))
    if shorter < 0.55 * longer:
        return 0.0
    return _token_similarity(ja, jb, modes, max(floor, TOKEN_MIN))[0]


@lru_cache(maxsize=100_000)
def _joined(tokens: tuple[Token, ...]) -> Token:
    latin = "".join(t.latin for t in tokens)
    syllables: tuple[str, ...] | None = ()
    for token in tokens:
        if token.syllables is None or syllables is None:
            syllables = None
        else:
            syllables = (*syllables, *token.syllables)
    system = "pinyin" if all(t.system == "pinyin" for t in tokens) else tokens[0].system
    return Token(latin, latin, tokens[0].role, system, syllables)


def _explain(
    a: ParsedName,
    b: ParsedName,
    pairs: list[tuple[int, int]],
    left_a: list[Token] | tuple[Token, ...],
    left_b: list[Token] | tuple[Token, ...],
    notes: list[str],
    trace: bool,
    modes: str = "S",
) -> Explanation | None:
    if not trace:
        return None
    core_a, core_b = a.core, b.core
    parts: list[PartMatch] = []
    for i, j in pairs:
        x, y = core_a[i], core_b[j]
        value, how = _token_similarity(x, y, modes)
        rules: tuple[str, ...] = ()
        if how == "S":
            rules = align.explain(x.latin, y.latin, align.SPELLING)[1]
        elif how == "T":
            rules = align.explain(x.latin, y.latin, align.TRANSCRIPTION)[1]
        elif how == "T>":
            rules = align.explain(y.latin, x.latin, align.TRANSCRIPTION)[1]
        elif how == "H" and x.readings + y.readings:
            rules = ("Wade-Giles read as pinyin",)
        parts.append(PartMatch(x.text, y.text, round(value, 3), how[0], rules))
    ignored = tuple(t.text for t in (*a.tokens, *b.tokens) if not t.is_name)
    return Explanation(
        a.text,
        b.text,
        tuple(parts),
        tuple(t.text for t in left_a),
        tuple(t.text for t in left_b),
        ignored,
        tuple(notes),
    )
