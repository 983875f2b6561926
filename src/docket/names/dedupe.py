"""Group name records that are probably one person, with blocking so it scales.

Candidates are names that share a blocking key (keys.py); each candidate pair is scored
and pairs at or above the threshold are linked (single linkage over a union-find). Pairs
already in one cluster are not scored again, so a block of many forms of one name costs
about one comparison per form.

Blocking keys are mostly consonants; names paired by spelling, onset or run-together keys
must also share a vowel key (keys.vowel_keys, kept as a 64-bit mask per name), as names
that differ in every vowel hardly ever match. A block whose candidate pairs would
outnumber those of max_block names is split by those vowel keys; a part still too large is
compared in overlapping windows of names sorted by their folded form, so no block is
ignored and the pairs of a block grow linearly with its size. A pair found in several
blocks is scored once, in the first block it shares (the "units" below: blocks, parts and
windows), so no set of scored pairs is kept.

Names are parsed and keyed by worker processes; they share the parsed names with the
main process by fork, which only plans the work and joins the links.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
from array import array
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from docket.names.keys import blocking_keys_parsed, head_classes, vowel_keys
from docket.names.match import score_parsed
from docket.names.parse import InvalidNameError, ParsedName, Token, parse

logger = logging.getLogger(__name__)

DEFAULT_MAX_BLOCK = 150
MAX_CLUSTER = 15  # distinct spellings one person plausibly has; larger groups are split
_SPLIT_STEP = 0.02
# Single linkage chains weak links, so clustering asks more of a pair than match() does.
DEDUPE_THRESHOLD = 0.85
_PARSE_CHUNK = 4000  # names per parsing task
_CHUNK_PAIRS = 40_000  # candidate pairs per comparison task
# Key kinds whose candidate pairs must also share a vowel key (keys.vowel_keys): consonant
# keys alone pair many names that differ in every vowel, and such pairs hardly ever match.
_VOWEL_KINDS = "fjo"

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class Cluster:
    """Ids that are probably one person; links are the scored pairs that joined them."""

    ids: tuple[str, ...]
    score: float  # the weakest link that holds the cluster together
    links: tuple[tuple[str, str, float], ...]


@dataclass
class DedupeStats:
    """What a dedupe run did, for people and benchmarks."""

    records: int = 0
    distinct_names: int = 0
    invalid: int = 0
    keys: int = 0
    split_blocks: int = 0  # blocks over max_block, compared in parts
    units: int = 0  # blocks and parts of blocks compared pairwise
    candidates: int = 0  # candidate pairs planned (a pair in several units counts in each)
    comparisons: int = 0
    links: int = 0
    clusters: int = 0
    largest_block: int = 0
    errors: list[str] = field(default_factory=list)


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


@dataclass
class _Work:
    """What the worker processes read: set before they fork, so they share it."""

    texts: list[str]
    threshold: float
    names: list[ParsedName | None] = field(default_factory=list)
    sizes: bytearray = field(default_factory=bytearray)  # words in each name's core
    chinese: bytearray = field(default_factory=bytearray)  # 1 for Chinese forms
    vowels: dict[str, array[int]] = field(default_factory=dict)  # kind: vowel key bits
    parent: list[int] = field(default_factory=list)  # links known before comparing
    units: list[tuple[str, list[int]]] = field(default_factory=list)  # key kind, names
    unit_pairs: list[int] = field(default_factory=list)  # candidate pairs of each unit
    units_of: list[list[int]] = field(default_factory=list)  # each name's units, ascending


_WORK: _Work | None = None
_WORKER_UNION: _UnionFind | None = None


def dedupe(
    records: Iterable[tuple[str, str]],
    *,
    threshold: float = DEDUPE_THRESHOLD,
    max_block: int = DEFAULT_MAX_BLOCK,
    progress: Progress | None = None,
    singletons: bool = False,
    workers: int = 1,
) -> tuple[list[Cluster], DedupeStats]:
    """Cluster (id, name) records; progress(stage, done, total) is called now and then."""
    global _WORK, _WORKER_UNION
    stats = DedupeStats()
    texts, ids_of = _distinct(records, stats)
    work = _Work(texts, threshold)
    _WORK, _WORKER_UNION = work, None
    try:
        with _gc_paused():
            union, links, blocks = _parse_all(work, ids_of, stats, progress, workers)
            _plan(work, blocks, max_block, stats)
            del blocks
            work.parent = union.parent[:]
            _compare_all(work, union, links, stats, progress, workers)
            stats.links = len(links)
            logger.info(
                "dedupe: %d names, %d comparisons, %d links, %d blocks split",
                stats.distinct_names,
                stats.comparisons,
                stats.links,
                stats.split_blocks,
            )
            work.units, work.units_of, work.unit_pairs, work.names = [], [], [], []
            clusters = _clusters(union, links, ids_of, singletons=singletons)
    finally:
        _WORK, _WORKER_UNION = None, None
    stats.clusters = len(clusters)
    return clusters, stats


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Millions of small objects and no cycles: the cyclic collector would only rescan them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _pool(workers: int, tasks: int) -> Iterator[multiprocessing.pool.Pool | None]:
    """Worker processes forked now (they see _WORK as it is), or None to work in-process."""
    if workers <= 1 or tasks <= 1:
        yield None
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield pool


def _distinct(
    records: Iterable[tuple[str, str]], stats: DedupeStats
) -> tuple[list[str], list[list[str]]]:
    """Each distinct written name once, with the ids of its records."""
    texts: list[str] = []
    ids_of: list[list[str]] = []
    index_of: dict[str, int] = {}
    for record_id, name in records:
        stats.records += 1
        slot = index_of.get(name)
        if slot is None:
            slot = index_of[name] = len(texts)
            texts.append(name)
            ids_of.append([])
        ids_of[slot].append(record_id)
    return texts, ids_of


_Parsed = tuple[ParsedName, frozenset[str], str, tuple[int, ...]] | str


def _parse_range(bounds: tuple[int, int]) -> list[_Parsed]:
    """Parse names start..end of _WORK.texts: (name, blocking keys, identity) or an error."""
    assert _WORK is not None
    out: list[_Parsed] = []
    for text in _WORK.texts[bounds[0] : bounds[1]]:
        try:
            parsed = parse(text)
        except InvalidNameError as exc:
            out.append(str(exc))
            continue
        identity = f"{parsed.latin}|{_notes(parsed)}" if parsed.latin else ""
        # Kinds other than f and n read the vowels in order: one mask serves them all.
        styles = {style: _vowel_mask(parsed, style) for style in {_style(k) for k in _VOWEL_KINDS}}
        masks = tuple(styles[_style(kind)] for kind in _VOWEL_KINDS)
        out.append((parsed, blocking_keys_parsed(parsed), identity, masks))
    return out


def _parse_all(
    work: _Work,
    ids_of: list[list[str]],
    stats: DedupeStats,
    progress: Progress | None,
    workers: int,
) -> tuple[_UnionFind, list[tuple[int, int, float]], dict[str, list[int]]]:
    """Parse and key every name, fill the blocks, link names with one core at once."""
    total = len(work.texts)
    stats.distinct_names = total
    work.names = [None] * total
    work.sizes = bytearray(total)
    work.chinese = bytearray(total)
    work.vowels = {kind: array("Q", bytes(8 * total)) for kind in _VOWEL_KINDS}
    union = _UnionFind(total)
    links: list[tuple[int, int, float]] = []
    blocks: dict[str, list[int]] = {}
    identity: dict[str, int] = {}
    tokens: dict[Token, Token] = {}
    ranges = [(start, min(start + _PARSE_CHUNK, total)) for start in range(0, total, _PARSE_CHUNK)]
    with _pool(workers, len(ranges)) as pool:
        results = pool.imap(_parse_range, ranges) if pool else map(_parse_range, ranges)
        for (start, end), rows in zip(ranges, results, strict=True):
            for slot, row in enumerate(rows, start=start):
                if isinstance(row, str):
                    stats.invalid += len(ids_of[slot])
                    stats.errors.extend(f"{record_id}: {row}" for record_id in ids_of[slot])
                    ids_of[slot] = []
                    continue
                parsed, keys, same, masks = row
                for kind, mask in zip(_VOWEL_KINDS, masks, strict=True):
                    work.vowels[kind][slot] = mask
                work.names[slot] = _shared_tokens(parsed, tokens)
                work.sizes[slot] = min(len(parsed.core), 255)
                work.chinese[slot] = _is_chinese(parsed)
                for key in sorted(keys):  # the order of the units, so of the links
                    blocks.setdefault(key, []).append(slot)
                # Identical core names link at once: compare one representative per identity.
                if same:
                    first = identity.setdefault(same, slot)
                    if first != slot:
                        union.union(first, slot)
                        links.append((first, slot, 1.0))
            if progress is not None:
                progress("parse", end, total)
    work.texts = []
    stats.keys = len(blocks)
    return union, links, blocks


def _shared_tokens(parsed: ParsedName, tokens: dict[Token, Token]) -> ParsedName:
    """The name rebuilt from one copy of each distinct word: names share most of their
    words, and a million parsed names otherwise hold a million copies of "Tashi"."""
    return ParsedName(
        parsed.text,
        parsed.script,
        tuple(tokens.setdefault(token, token) for token in parsed.tokens),
        parsed.han,
        tuple(_shared_tokens(form, tokens) for form in parsed.alternates),
    )


def _label(kind: str, slot: int, work: _Work) -> int:
    """Pairs of some key kinds are candidates only across these groups (see _accepts)."""
    if kind == "j":  # run-together keys find names whose words are split differently
        return work.sizes[slot]
    if kind == "n":  # family-name keys find a lone family name against a full name
        return work.sizes[slot] == 1
    if kind == "o":  # onset keys are for a romanisation against a Chinese transcription
        return work.chinese[slot]
    return 0


def _accepts(kind: str, left: int, right: int, work: _Work) -> bool:
    """Is the pair a candidate of a unit of this kind (both names being in it)?"""
    if kind in "jno" and _label(kind, left, work) == _label(kind, right, work):
        return False
    vowels = work.vowels.get(kind)
    return vowels is None or bool(vowels[left] & vowels[right])


def _style(kind: str) -> str:
    return kind if kind in "fn" else "j"


def _vowel_mask(parsed: ParsedName, kind: str) -> int:
    """The vowel keys of a name as bits of a 64-bit mask (a shared bit: a shared key, or
    rarely two keys on one bit)."""
    mask = 0
    for key in vowel_keys(parsed, kind):
        number = 0
        for char in key:
            number = number * 5 + "_AEO".find(char) + 2
        mask |= 1 << (number % 64)
    return mask


def _groups(kind: str, members: list[int], work: _Work) -> list[list[int]]:
    """Members split so that candidate pairs are the pairs across groups (or within the
    only group, for kinds that take every pair)."""
    if kind not in "jno":
        return [members]
    groups: dict[int, list[int]] = {}
    for slot in members:
        groups.setdefault(_label(kind, slot, work), []).append(slot)
    return list(groups.values())


def _pair_count(kind: str, members: list[int], work: _Work) -> int:
    if kind not in "jno":
        return len(members) * (len(members) - 1) // 2
    sizes = [len(group) for group in _groups(kind, members, work)]
    return (sum(sizes) ** 2 - sum(size * size for size in sizes)) // 2


def _plan(work: _Work, blocks: dict[str, list[int]], max_block: int, stats: DedupeStats) -> None:
    """Units to compare: blocks with candidate pairs, oversized ones split (see the top)."""
    cap = max(1, max_block * (max_block - 1) // 2)
    units: list[tuple[str, list[int]]] = []
    unit_pairs: list[int] = []
    for key, members in blocks.items():
        if len(members) < 2:
            continue
        stats.largest_block = max(stats.largest_block, len(members))
        kind = key[:1]
        count = _pair_count(kind, members, work)
        if count == 0:
            continue
        if count <= cap:
            units.append((kind, members))
            unit_pairs.append(count)
            continue
        stats.split_blocks += 1
        for part in _split_block(kind, members, work, max_block, cap):
            units.append((kind, part))
            unit_pairs.append(_pair_count(kind, part, work))
    blocks.clear()
    units_of: list[list[int]] = [[] for _ in work.names]
    for number, (_kind, members) in enumerate(units):
        for slot in members:
            units_of[slot].append(number)
    stats.candidates = sum(unit_pairs)
    stats.units = len(units)
    work.units, work.units_of, work.unit_pairs = units, units_of, unit_pairs


def _split_block(
    kind: str, members: list[int], work: _Work, max_block: int, cap: int
) -> list[list[int]]:
    """An oversized block in parts by the vowels of its names, windows for what is left."""
    parts: dict[str, list[int]] = {}
    for slot in members:
        parsed = work.names[slot]
        assert parsed is not None
        for sub in sorted(vowel_keys(parsed, kind)):
            parts.setdefault(sub, []).append(slot)
    out: list[list[int]] = []
    for part in parts.values():
        count = _pair_count(kind, part, work)
        if count == 0:
            continue
        if count <= cap:
            out.append(part)
        else:
            out.extend(_windows(part, work, max_block))
    return out


def _windows(members: list[int], work: _Work, max_block: int) -> list[list[int]]:
    """Overlapping windows over the names sorted by folded form (sorted neighbourhood):
    each name meets at least the width/2 names on either side of it."""
    width = max(4, max_block // 3)
    step = width // 2

    def folded(slot: int) -> str:
        parsed = work.names[slot]
        return parsed.latin if parsed is not None else ""

    order = sorted(members, key=folded)
    return [sorted(order[i : i + width]) for i in range(0, max(1, len(order) - step), step)]


def _compare_all(
    work: _Work,
    union: _UnionFind,
    links: list[tuple[int, int, float]],
    stats: DedupeStats,
    progress: Progress | None,
    workers: int,
) -> None:
    """Score the candidate pairs of every unit, in tasks of about _CHUNK_PAIRS pairs."""
    tasks: list[tuple[int, int]] = []
    weights: list[int] = []
    start = pairs = 0
    for number, count in enumerate(work.unit_pairs):
        pairs += count
        if pairs >= _CHUNK_PAIRS or number == len(work.units) - 1:
            tasks.append((start, number + 1))
            weights.append(pairs)
            start, pairs = number + 1, 0
    total = sum(weights)
    done = 0
    with _pool(workers, len(tasks)) as pool:
        results = pool.imap(_compare_units, tasks) if pool else map(_compare_units, tasks)
        for weight, (found, comparisons) in zip(weights, results, strict=True):
            stats.comparisons += comparisons
            for left, right, value in found:
                union.union(left, right)
                links.append((left, right, value))
            done += weight
            if progress is not None:
                progress("compare", done, total)


def _compare_units(bounds: tuple[int, int]) -> tuple[list[tuple[int, int, float]], int]:
    """Score the candidate pairs of some units; links at or above the threshold."""
    global _WORKER_UNION
    work = _WORK
    assert work is not None
    if _WORKER_UNION is None:
        _WORKER_UNION = _UnionFind(0)
        _WORKER_UNION.parent = work.parent[:]
    union = _WORKER_UNION
    find = union.find
    names, threshold, units_of = work.names, work.threshold, work.units_of
    links: list[tuple[int, int, float]] = []
    comparisons = 0
    for number in range(*bounds):
        kind, members = work.units[number]
        vowels = work.vowels.get(kind)
        for left, right in _unit_pairs(kind, members, work):
            if vowels is not None and not vowels[left] & vowels[right]:
                continue
            if find(left) == find(right):
                continue
            if _seen_before(number, left, right, units_of, work):
                continue
            a, b = names[left], names[right]
            assert a is not None and b is not None
            if not _may_match(a, b):
                continue
            comparisons += 1
            value = score_parsed(a, b, threshold)
            if value >= threshold:
                union.union(left, right)
                links.append((left, right, value))
    return links, comparisons


def _unit_pairs(kind: str, members: list[int], work: _Work) -> Iterator[tuple[int, int]]:
    """Candidate pairs of a unit, the lower slot first."""
    groups = _groups(kind, members, work)
    if len(groups) == 1 and kind not in "jno":
        for position, left in enumerate(members):
            for right in members[position + 1 :]:
                yield left, right
        return
    for index, group in enumerate(groups):
        for other in groups[index + 1 :]:
            for left in group:
                for right in other:
                    yield (left, right) if left < right else (right, left)


def _seen_before(
    number: int, left: int, right: int, units_of: list[list[int]], work: _Work
) -> bool:
    """True if an earlier unit holds the pair as a candidate: it is scored there."""
    others = units_of[right]
    for earlier in units_of[left]:
        if earlier >= number:
            return False
        if earlier in others and _accepts(work.units[earlier][0], left, right, work):
            return True
    return False


def _may_match(a: ParsedName, b: ParsedName) -> bool:
    """Cheap test before scoring: with as many words on each side, every word of one
    must have a word of the other that can start with the same sounds."""
    core_a, core_b = a.core, b.core
    if len(core_a) != len(core_b) or a.han or b.han:
        return True
    heads_b = [head_classes(t) for t in core_b]
    for token in core_a:
        heads = head_classes(token)
        if "_" in heads:
            continue
        if not any("_" in other or heads & other for other in heads_b):
            return False
    return True


def _is_chinese(name: ParsedName) -> bool:
    return name.script == "Hani" or name.chinese_form


def _notes(parsed: ParsedName) -> str:
    return " ".join(sorted(t.latin for t in parsed.tokens if not t.is_name))


def _split_large(
    slots: list[int], links: list[tuple[int, int, float]], floor: float = 0.0
) -> list[tuple[list[int], list[tuple[int, int, float]]]]:
    """Break a chain-grown component into the groups its stronger links make.

    One person has a handful of spellings; a component of more than MAX_CLUSTER names
    has grown by single linkage through near-homonyms, so its weakest links are dropped
    (raising the bar step by step) until every part is small or only exact links remain.
    """
    if len(slots) <= MAX_CLUSTER or not links:
        return [(slots, links)]
    weakest = min(value for _, _, value in links)
    if weakest >= 1.0:
        return [(slots, links)]
    bar = max(floor, weakest) + _SPLIT_STEP
    kept = [link for link in links if link[2] >= bar]
    local = {slot: index for index, slot in enumerate(slots)}
    union = _UnionFind(len(slots))
    for left, right, _value in kept:
        union.union(local[left], local[right])
    parts: dict[int, list[int]] = {}
    for slot in slots:
        parts.setdefault(union.find(local[slot]), []).append(slot)
    part_links: dict[int, list[tuple[int, int, float]]] = {}
    for link in kept:
        part_links.setdefault(union.find(local[link[0]]), []).append(link)
    out: list[tuple[list[int], list[tuple[int, int, float]]]] = []
    for root, part in parts.items():
        out.extend(_split_large(part, part_links.get(root, []), bar))
    return out


def _clusters(
    union: _UnionFind,
    links: list[tuple[int, int, float]],
    ids_of: list[list[str]],
    *,
    singletons: bool,
) -> list[Cluster]:
    members: dict[int, list[int]] = {}
    for slot in range(len(ids_of)):
        members.setdefault(union.find(slot), []).append(slot)
    edges: dict[int, list[tuple[int, int, float]]] = {}
    for left, right, value in links:
        edges.setdefault(union.find(left), []).append((left, right, value))
    groups: list[tuple[list[int], list[tuple[int, int, float]]]] = []
    for root, slots in members.items():
        groups.extend(_split_large(slots, edges.get(root, [])))
    out: list[Cluster] = []
    for slots, group_links in groups:
        ids = tuple(record_id for slot in slots for record_id in ids_of[slot])
        if len(ids) < 2 and not singletons:
            continue
        cluster_links = []
        for left, right, value in group_links:
            cluster_links.append((ids_of[left][0], ids_of[right][0], round(value, 4)))
        # Several records with one spelling are linked to each other at 1.0.
        for slot in slots:
            first = ids_of[slot][0]
            cluster_links.extend((first, other, 1.0) for other in ids_of[slot][1:])
        weakest = min((value for _, _, value in cluster_links), default=1.0)
        out.append(Cluster(ids, weakest, tuple(cluster_links)))
    out.sort(key=lambda cluster: (-len(cluster.ids), cluster.ids[0]))
    return out
