"""Weighted alignment of two romanised words by sound-correspondence rules.

A generalised edit distance: besides inserting, deleting and substituting letters, a step
may rewrite a letter group by a rule of data/rules.tsv (tr ~ zh, q ~ k ...). Costs depend
on the mode: SPELLING compares two romanisations of the same language; TRANSCRIPTION
compares a romanised name (side a) with its Chinese transcription in pinyin (side b), where
vowels are inserted and syllable codas dropped as Chinese phonology demands.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from docket.names.text import data_lines, is_vowel

SPELLING, TRANSCRIPTION = "S", "T"

# Plain edit costs. Vowels carry less identity than consonants in names written by ear;
# h, y and doubled letters come and go between spellings (Gobe/Gobhey, Shonnu/Shonu).
_SUBST_CONSONANT = 1.0
_INDEL_CONSONANT = 1.0
_COSTS = {
    SPELLING: {"vowel_sub": 0.45, "vowel_indel": 0.5, "vowel_indel_cluster": 0.3, "soft": 0.35},
    TRANSCRIPTION: {"vowel_sub": 0.8, "vowel_indel": 0.2, "vowel_indel_cluster": 0.15, "soft": 0.3},
}
_DOUBLED = 0.2
_SOURCE_VOWEL_DROP = 0.6
_SOURCE_VOWEL_DROP_CLUSTER = 0.3
_NORM = {SPELLING: 0.35, TRANSCRIPTION: 0.5}
_CODA_DROP = 0.3  # transcription: a syllable-final stop or liquid of the source is dropped
_NASAL_ADD = 0.35  # transcription: pinyin adds -n/-ng to a syllable (Jigme -> Jinmei)
_GLIDE_ADD = 0.15  # transcription: pinyin writes y-/w- before a vowel (Imin -> Yiming)
_PRENASAL = 0.4
_CODA_LETTERS = frozenset("gkbpdtslr")
_SOFT = frozenset("hy")


@dataclass(frozen=True, slots=True)
class Rule:
    """One rewrite: a on the first word stands for b on the second."""

    a: str
    b: str
    cost: float
    where: str
    name: str


@lru_cache(maxsize=2)
def rules(mode: str) -> dict[str, tuple[Rule, ...]]:
    """Rules usable in a mode, keyed by the first letter of side a ('' for deletions)."""
    table: dict[str, list[Rule]] = {}
    for row in data_lines("rules.tsv"):
        rule_mode, a, b, cost, where, name = row
        entries: list[Rule] = []
        if rule_mode == "S":
            entries = [Rule(a, b, float(cost), where, name), Rule(b, a, float(cost), where, name)]
            if mode == TRANSCRIPTION:
                # q, x, c, j, z mean other sounds in pinyin; only T rules may produce them.
                entries = [r for r in entries if not set(r.b) & set("qxcjz")]
        elif rule_mode == mode:
            entries = [Rule(a, b, float(cost), where, name)]
        for rule in entries:
            table.setdefault(rule.a[:1], []).append(rule)
    return {key: tuple(values) for key, values in table.items()}


def _context_ok(word: str, start: int, end: int, where: str) -> bool:
    if where == "any":
        return True
    if where == "initial":
        return start == 0
    if where == "final":
        return end == len(word)
    if where == "coda":
        return end == len(word) or not is_vowel(word[end])
    if where == "onset":
        return start > 0 and end < len(word) and is_vowel(word[end])
    return False


def _delete_costs(word: str, mode: str, source: bool) -> list[float]:
    """Cost of dropping each letter of a word (inserting it, seen from the other side)."""
    costs = _COSTS[mode]
    out: list[float] = []
    for index, char in enumerate(word):
        before = word[index - 1] if index else ""
        after = word[index + 1] if index + 1 < len(word) else ""
        if is_vowel(char):
            cluster = is_vowel(before) or is_vowel(after)
            if mode == TRANSCRIPTION and source:
                # Chinese adds vowels to break clusters; it does not lose the source's.
                out.append(_SOURCE_VOWEL_DROP_CLUSTER if cluster else _SOURCE_VOWEL_DROP)
            else:
                out.append(costs["vowel_indel_cluster"] if cluster else costs["vowel_indel"])
        elif char == before:
            out.append(_DOUBLED)
        elif char in _SOFT or (char == "w" and index == 0):
            out.append(costs["soft"])
        elif (
            mode == TRANSCRIPTION
            and source
            and char in _CODA_LETTERS
            and is_vowel(before)
            and not is_vowel(after)
            and (not after or after not in "yr")
        ):
            out.append(_CODA_DROP)
        elif char in "mnl" and is_vowel(before) and after and not is_vowel(after):
            # a nasal or l before a consonant comes and goes (Tadrin/Tamdrin, Jamdrol/Jiazhuo)
            out.append(_PRENASAL)
        elif mode == TRANSCRIPTION and not source and char in "ng" and is_vowel(before):
            out.append(_NASAL_ADD)
        elif mode == TRANSCRIPTION and not source and char == "g" and before == "n":
            out.append(_DOUBLED)  # the g of -ng: the nasal was already paid for
        elif mode == TRANSCRIPTION and not source and char in "yw" and is_vowel(after):
            out.append(_GLIDE_ADD)
        else:
            out.append(_INDEL_CONSONANT)
    return out


def distance(a: str, b: str, mode: str = SPELLING, limit: float = float("inf")) -> float:
    """Least total cost of turning word a into word b (inf once it must exceed limit)."""
    if _hopeless(a, b, mode, limit):
        return float("inf")
    return _cost(a, b, mode, limit)


@lru_cache(maxsize=2)
def _letter_weights(mode: str) -> dict[str, float]:
    """A price per letter such that no step of the alignment costs less than the prices of
    the letters it leaves unpaired (see lower_bound)."""
    costs = _COSTS[mode]
    transcription = mode == TRANSCRIPTION
    letters = set("abcdefghijklmnopqrstuvwxyz")
    for group in rules(mode).values():
        for rule in group:
            letters.update(rule.a, rule.b)
    weights: dict[str, float] = {}
    for char in letters:
        if is_vowel(char):
            drops = [
                costs["vowel_indel"],
                costs["vowel_indel_cluster"],
                _SOURCE_VOWEL_DROP,
                _SOURCE_VOWEL_DROP_CLUSTER,
            ]
            substitute = min(costs["vowel_sub"], _SUBST_CONSONANT)
        else:
            drops = [_INDEL_CONSONANT, _DOUBLED]
            if char in _SOFT or char == "w":
                drops.append(costs["soft"])
            if transcription and char in _CODA_LETTERS:
                drops.append(_CODA_DROP)
            if char in "mnl":
                drops.append(_PRENASAL)
            if transcription and char in "ng":
                drops.append(_NASAL_ADD)
            if transcription and char in "yw":
                drops.append(_GLIDE_ADD)
            substitute = _SUBST_CONSONANT
        # A substitution leaves two letters unpaired, a dropped letter one.
        weights[char] = min(*drops, substitute / 2)
    # A rule's unpaired letters may together be priced at most its cost: where they are
    # priced higher, all of them come down in proportion (tightest rules first).
    steps: list[tuple[float, Counter[str]]] = []
    for group in rules(mode).values():
        for rule in group:
            side_a, side_b = Counter(rule.a), Counter(rule.b)
            unpaired = (side_a - side_b) + (side_b - side_a)
            if unpaired:
                steps.append((rule.cost, unpaired))
    steps.sort(key=lambda step: step[0] / sum(step[1].values()))
    for cost, unpaired in steps:
        priced = sum(weights[char] * count for char, count in unpaired.items())
        if priced > cost:
            for char in unpaired:
                weights[char] *= cost / priced
    return weights


@lru_cache(maxsize=100_000)
def _letter_counts(word: str) -> dict[str, int]:
    return dict(Counter(word))


def lower_bound(a: str, b: str, mode: str = SPELLING) -> float:
    """A cost that distance(a, b, mode) never goes below, found in time linear in the words.

    Each step of an alignment consumes letters of both words; a letter of one word that
    the step does not pair with the same letter of the other is priced by
    _letter_weights, and no step costs less than its unpaired letters. The letters by
    which the two words' letter counts differ are unpaired by some step, so their prices
    add up to at most the cost of the alignment.
    """
    weights = _letter_weights(mode)
    counts_a, counts_b = _letter_counts(a), _letter_counts(b)
    total = 0.0
    for char, count in counts_a.items():
        extra = count - counts_b.get(char, 0)
        if extra > 0:
            total += weights.get(char, 0.0) * extra
    for char, count in counts_b.items():
        extra = count - counts_a.get(char, 0)
        if extra > 0:
            total += weights.get(char, 0.0) * extra
    return total


def _hopeless(a: str, b: str, mode: str, limit: float) -> bool:
    """True if the alignment of a and b surely costs more than limit (float slack kept)."""
    return limit != float("inf") and lower_bound(a, b, mode) > limit + 1e-6


# A rule as _cost reads it: letters of a consumed, letters of b produced, b's text, cost.
_Step = tuple[int, int, str, float]

# Parts of prepared words that recur from word to word, each kept once: a cache of many
# thousand prepared words would otherwise hold millions of small equal tuples.
_SHARED_STEPS: dict[tuple[_Step, ...], tuple[_Step, ...]] = {}
_SHARED_PREFIXES: dict[str, tuple[str, ...]] = {}


@lru_cache(maxsize=100_000)
def _prepare_a(a: str, mode: str) -> tuple[tuple[float, ...], tuple[tuple[_Step, ...], ...]]:
    """Deletion costs of side a and, per position, the rules that fit there."""
    by_text, longest = _rules_by_text(mode)
    fitting: list[tuple[_Step, ...]] = []
    for i in range(len(a)):
        here: list[_Step] = []
        for size in range(1, min(longest, len(a) - i) + 1):
            for rule, step in by_text.get(a[i : i + size], ()):
                if _context_ok(a, i, i + size, rule.where):
                    here.append(step)
        steps = tuple(here)
        fitting.append(_SHARED_STEPS.setdefault(steps, steps))
    return tuple(_delete_costs(a, mode, source=True)), tuple(fitting)


@lru_cache(maxsize=2)
def _rules_by_text(mode: str) -> tuple[dict[str, tuple[tuple[Rule, _Step], ...]], int]:
    """Rules of a mode keyed by their whole side a, each with its step; the longest side a."""
    by_text: dict[str, list[tuple[Rule, _Step]]] = {}
    for group in rules(mode).values():
        for rule in group:
            if rule.a:
                step = (len(rule.a), len(rule.b), rule.b, rule.cost)
                by_text.setdefault(rule.a, []).append((rule, step))
    return {text: tuple(group) for text, group in by_text.items()}, max(map(len, by_text))


@lru_cache(maxsize=100_000)
def _prepare_b(b: str, mode: str) -> tuple[tuple[float, ...], tuple[tuple[str, ...], ...]]:
    """Insertion costs of side b and its prefixes of length 0-3 at each position."""
    prefixes: list[tuple[str, ...]] = []
    for j in range(len(b) + 1):
        window = b[j : j + 3]
        shared = _SHARED_PREFIXES.get(window)
        if shared is None:
            shared = _SHARED_PREFIXES[window] = tuple(window[:k] for k in range(4))
        prefixes.append(shared)
    return tuple(_delete_costs(b, mode, source=False)), tuple(prefixes)


# Most pairs of words reach the DP once (match.py caches token pairs): a small cache will do.
@lru_cache(maxsize=200_000)
def _cost(a: str, b: str, mode: str, limit: float) -> float:
    """The cost-only dynamic programme of _align, row by row, giving up past limit.

    Costs never go down along a path, so a cell dearer than limit can't lead to a total
    within it: such cells are not extended, and each row only visits the span of columns
    that cells within the limit can reach. The result is exact when it is within limit,
    otherwise inf.
    """
    del_a, fitting = _prepare_a(a, mode)
    ins_b, prefixes = _prepare_b(b, mode)
    vowel_sub = _COSTS[mode]["vowel_sub"]
    consonant_sub = _SUBST_CONSONANT
    len_a, len_b = len(a), len(b)
    inf = float("inf")
    best = [[inf] * (len_b + 1) for _ in range(len_a + 4)]
    best[0][0] = 0.0
    # Per row, the columns that cells of the rows above may have reached.
    low = [len_b + 1] * (len_a + 4)
    high = [-1] * (len_a + 4)
    low[0] = high[0] = 0
    reach = 0  # the lowest row that a cell within the limit may have reached
    for i in range(len_a):
        row = best[i]
        top = high[i]
        first = last = -1
        ca = a[i]
        vowel_a = ca in "aeiou"
        drop = del_a[i]
        rules_here = fitting[i]
        below = best[i + 1]
        # Columns left to right: a cell is final once the one before it has been extended.
        for j in range(low[i], len_b + 1):
            cost = row[j]
            if cost > limit:
                if j >= top:
                    break
                continue
            if first < 0:
                first = j
            last = j
            value = cost + drop
            if value < below[j]:
                below[j] = value
            if j < len_b:
                value = cost + ins_b[j]
                if value < row[j + 1]:
                    row[j + 1] = value
                cb = b[j]
                if ca == cb:
                    value = cost
                elif vowel_a and cb in "aeiou":
                    value = cost + vowel_sub
                else:
                    value = cost + consonant_sub
                if value < below[j + 1]:
                    below[j + 1] = value
            if rules_here:
                here = prefixes[j]
                for size, width, rhs, step in rules_here:
                    if here[width] == rhs:
                        target = best[i + size]
                        value = cost + step
                        if value < target[j + width]:
                            target[j + width] = value
        if first < 0:
            if reach <= i:
                return inf
            continue
        # The rows below hold new cells only in the span this row reached.
        spread = 4 if rules_here else 2
        for k in range(1, spread):
            if first < low[i + k]:
                low[i + k] = first
            if last + 3 > high[i + k]:
                high[i + k] = last + 3
        if i + spread - 1 > reach:
            reach = i + spread - 1
    row = best[len_a]
    top = high[len_a]
    for j in range(low[len_a], len_b):
        cost = row[j]
        if cost > limit:
            if j >= top:
                break
            continue
        value = cost + ins_b[j]
        if value < row[j + 1]:
            row[j + 1] = value
    total = row[len_b]
    return total if total <= limit else inf


def explain(a: str, b: str, mode: str = SPELLING) -> tuple[float, tuple[str, ...]]:
    """Least cost and the names of the rules on the cheapest path (plain edits summarised)."""
    return _align(a, b, mode, trace=True)


@lru_cache(maxsize=400_000)
def _align(a: str, b: str, mode: str, trace: bool) -> tuple[float, tuple[str, ...]]:
    table = rules(mode)
    costs = _COSTS[mode]
    len_a, len_b = len(a), len(b)
    del_a = _delete_costs(a, mode, source=True)
    ins_b = _delete_costs(b, mode, source=False)
    inf = float("inf")
    best = [[inf] * (len_b + 1) for _ in range(len_a + 1)]
    back: list[list[tuple[int, int, str] | None]] = [[None] * (len_b + 1) for _ in range(len_a + 1)]
    best[0][0] = 0.0
    # Rules that fit side a at each position, with their context already checked.
    fitting: list[list[Rule]] = []
    for i in range(len_a):
        here = [
            r
            for r in table.get(a[i], ())
            if a.startswith(r.a, i) and _context_ok(a, i, i + len(r.a), r.where)
        ]
        fitting.append(here)
    for i in range(len_a + 1):
        row = best[i]
        for j in range(len_b + 1):
            cost = row[j]
            if cost == inf:
                continue
            if i < len_a:
                _relax(best, back, i + 1, j, cost + del_a[i], i, j, "drop", trace)
                for rule in fitting[i]:
                    if b.startswith(rule.b, j):
                        target = cost + rule.cost
                        _relax(
                            best,
                            back,
                            i + len(rule.a),
                            j + len(rule.b),
                            target,
                            i,
                            j,
                            rule.name,
                            trace,
                        )
            if j < len_b:
                _relax(best, back, i, j + 1, cost + ins_b[j], i, j, "add", trace)
            if i < len_a and j < len_b:
                ca, cb = a[i], b[j]
                if ca == cb:
                    step = 0.0
                elif is_vowel(ca) and is_vowel(cb):
                    step = costs["vowel_sub"]
                else:
                    step = _SUBST_CONSONANT
                _relax(
                    best, back, i + 1, j + 1, cost + step, i, j, "" if step == 0 else "sub", trace
                )
    total = best[len_a][len_b]
    if not trace:
        return total, ()
    steps: list[str] = []
    i, j = len_a, len_b
    while (i, j) != (0, 0):
        link = back[i][j]
        if link is None:
            break
        pi, pj, name = link
        if name in {"drop", "add", "sub"}:
            steps.append(
                f"{name} {a[pi:i] or b[pj:j]}" if name != "sub" else f"{a[pi:i]}>{b[pj:j]}"
            )
        elif name:
            steps.append(name)
        i, j = pi, pj
    return total, tuple(reversed(steps))


def _relax(
    best: list[list[float]],
    back: list[list[tuple[int, int, str] | None]],
    i: int,
    j: int,
    cost: float,
    pi: int,
    pj: int,
    name: str,
    trace: bool,
) -> None:
    if cost < best[i][j] - 1e-12:
        best[i][j] = cost
        if trace:
            back[i][j] = (pi, pj, name)


def similarity(a: str, b: str, mode: str = SPELLING, floor: float = 0.0) -> float:
    """Alignment cost turned into a similarity in [0, 1] (1 = same); 0 if below floor."""
    if a == b:
        return 1.0
    # Spellings of one name differ by rules, not by plain substitutions: one unexplained
    # consonant in a short word already makes another name (Jampa / Jinpa).
    norm = max(2.0, _NORM[mode] * (len(a) + len(b)))
    # A little slack so a cost that rounds to the floor exactly is still found.
    limit = (1.0 - floor) * norm + 1e-9 if floor > 0 else float("inf")
    if _hopeless(a, b, mode, limit):
        return 0.0
    cost = _cost(a, b, mode, limit)
    value = max(0.0, 1.0 - cost / norm)
    return value if value >= floor else 0.0
