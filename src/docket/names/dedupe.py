"""Group name records that are probably one person, with blocking so it scales.

Candidates are names that share a blocking key (keys.py); each candidate pair is scored
and pairs at or above the threshold are linked (single linkage over a union-find). Pairs
already in one cluster are not scored again, so a block of many forms of one name costs
about one comparison per form. Blocks larger than max_block are too unselective to
compare pairwise; they are skipped and counted.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from docket.names.keys import blocking_keys_parsed, head_classes
from docket.names.match import score_parsed
from docket.names.parse import InvalidNameError, ParsedName, parse

logger = logging.getLogger(__name__)

DEFAULT_MAX_BLOCK = 150
MAX_CLUSTER = 15  # distinct spellings one person plausibly has; larger groups are split
_SPLIT_STEP = 0.02
# Single linkage chains weak links, so clustering asks more of a pair than match() does.
DEDUPE_THRESHOLD = 0.85


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
    skipped_blocks: int = 0
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


def dedupe(
    records: Iterable[tuple[str, str]],
    *,
    threshold: float = DEDUPE_THRESHOLD,
    max_block: int = DEFAULT_MAX_BLOCK,
    progress: Callable[[str, int, int], None] | None = None,
    singletons: bool = False,
    workers: int = 1,
) -> tuple[list[Cluster], DedupeStats]:
    """Cluster (id, name) records; progress(stage, done, total) is called now and then."""
    stats = DedupeStats()
    names: list[ParsedName] = []
    ids_of: list[list[str]] = []
    index_of: dict[str, int] = {}
    for record_id, name in records:
        stats.records += 1
        slot = index_of.get(name)
        if slot is None:
            try:
                parsed = parse(name)
            except InvalidNameError as exc:
                stats.invalid += 1
                stats.errors.append(f"{record_id}: {exc}")
                continue
            slot = len(names)
            index_of[name] = slot
            names.append(parsed)
            ids_of.append([])
        ids_of[slot].append(record_id)
    del index_of
    stats.distinct_names = len(names)
    blocks = _blocks(names, progress)
    stats.keys = len(blocks)
    union = _UnionFind(len(names))
    links: list[tuple[int, int, float]] = []
    # Identical core names link at once: compare one representative per identity.
    identity: dict[tuple[str, str], int] = {}
    for slot, parsed in enumerate(names):
        key = (parsed.latin, _notes(parsed))
        first = identity.setdefault(key, slot)
        if first != slot and parsed.latin:
            union.union(first, slot)
            links.append((first, slot, 1.0))
    del identity
    candidates = [(key, members) for key, members in blocks.items() if len(members) > 1]
    del blocks
    stats.largest_block = max((len(m) for _, m in candidates), default=0)
    stats.skipped_blocks = sum(1 for _, m in candidates if len(m) > max_block)
    candidates = [(key, members) for key, members in candidates if len(members) <= max_block]
    chunks = [
        ([k for k, _ in part], [m for _, m in part])
        for part in (candidates[i : i + _CHUNK] for i in range(0, len(candidates), _CHUNK))
    ]
    del candidates
    global _SHARED, _WORKER_UNION
    _SHARED = (names, threshold, union.parent[:])
    _WORKER_UNION = None
    _WORKER_SEEN.clear()
    try:
        if workers > 1 and len(chunks) > 1:
            context = multiprocessing.get_context("fork")
            with context.Pool(workers) as pool:
                results = pool.imap_unordered(_compare_chunk, chunks)
                _collect(results, union, links, stats, progress, len(chunks))
        else:
            _collect(map(_compare_chunk, chunks), union, links, stats, progress, len(chunks))
    finally:
        _SHARED = None
        _WORKER_UNION = None
        _WORKER_SEEN.clear()
    stats.links = len(links)
    logger.info(
        "dedupe: %d names, %d comparisons, %d links, %d blocks skipped",
        stats.distinct_names,
        stats.comparisons,
        stats.links,
        stats.skipped_blocks,
    )
    clusters = _clusters(union, links, ids_of, singletons=singletons)
    stats.clusters = len(clusters)
    return clusters, stats


_CHUNK = 2000
# Set by dedupe() before worker processes fork, so they share the parsed names.
_SHARED: tuple[list[ParsedName], float, list[int]] | None = None
_WORKER_UNION: _UnionFind | None = None
_WORKER_SEEN: set[int] = set()
_MAX_SEEN = 5_000_000


def _compare_chunk(
    chunk: tuple[list[str], list[list[int]]],
) -> tuple[list[tuple[int, int, float]], int]:
    """Score the candidate pairs of some blocks; links at or above the threshold."""
    global _WORKER_UNION
    assert _SHARED is not None
    names, threshold, parent = _SHARED
    if _WORKER_UNION is None:
        _WORKER_UNION = _UnionFind(0)
        _WORKER_UNION.parent = parent[:]
    union = _WORKER_UNION
    links: list[tuple[int, int, float]] = []
    comparisons = 0
    # Pairs already scored by this worker (names share several keys); bounded in memory.
    seen = _WORKER_SEEN
    if len(seen) > _MAX_SEEN:
        seen.clear()
    size = len(names)
    for key, members in zip(*chunk, strict=True):
        wanted = _PAIR_FILTERS.get(key[:1])
        for position, left in enumerate(members):
            for right in members[position + 1 :]:
                if union.find(left) == union.find(right):
                    continue
                if wanted is not None and not wanted(names[left], names[right]):
                    continue
                pair = left * size + right
                if pair in seen:
                    continue
                seen.add(pair)
                if not _may_match(names[left], names[right]):
                    continue
                comparisons += 1
                value = score_parsed(names[left], names[right], threshold)
                if value >= threshold:
                    union.union(left, right)
                    links.append((left, right, value))
    return links, comparisons


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


def _collect(
    results: Iterable[tuple[list[tuple[int, int, float]], int]],
    union: _UnionFind,
    links: list[tuple[int, int, float]],
    stats: DedupeStats,
    progress: Callable[[str, int, int], None] | None,
    total: int,
) -> None:
    for done, (found, comparisons) in enumerate(results, start=1):
        stats.comparisons += comparisons
        for left, right, value in found:
            union.union(left, right)
            links.append((left, right, value))
        if progress is not None:
            progress("compare", done, total)


def _split_pair(a: ParsedName, b: ParsedName) -> bool:
    """Run-together keys only find pairs whose words are split differently."""
    return len(a.core) != len(b.core)


def _family_pair(a: ParsedName, b: ParsedName) -> bool:
    """Family-name keys only find a lone family name against a full name."""
    return (len(a.core) == 1) != (len(b.core) == 1)


def _cross_pair(a: ParsedName, b: ParsedName) -> bool:
    """Onset keys are for a romanisation against a Chinese transcription."""
    return _is_chinese(a) != _is_chinese(b)


def _is_chinese(name: ParsedName) -> bool:
    return name.script == "Hani" or name.chinese_form


_PAIR_FILTERS: dict[str, Callable[[ParsedName, ParsedName], bool]] = {
    "j": _split_pair,
    "n": _family_pair,
    "o": _cross_pair,
}


def _notes(parsed: ParsedName) -> str:
    return " ".join(sorted(t.latin for t in parsed.tokens if not t.is_name))


def _blocks(
    names: list[ParsedName], progress: Callable[[str, int, int], None] | None
) -> dict[str, list[int]]:
    blocks: dict[str, list[int]] = {}
    total = len(names)
    for slot, parsed in enumerate(names):
        if progress is not None and slot % 20000 == 0:
            progress("keys", slot, total)
        for key in blocking_keys_parsed(parsed):
            blocks.setdefault(key, []).append(slot)
    if progress is not None:
        progress("keys", total, total)
    return blocks


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
