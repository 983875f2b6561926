"""Name matching benchmark: compare throughput and dedupe of generated names.

    python bench/names.py                  # 1,000,000 names, 2 workers
    python bench/names.py --count 100000   # quicker

Prints pairs/s for `score` on the dev pairs (cold caches, then warm), then the time and
peak memory (this process and its workers, sampled from /proc) of deduplicating generated
names, and how well the clusters recover the generated persons (pairwise precision and
recall; different persons that share a name and spelling count against precision, as no
method can split them).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docket.names import dedupe, score
from gen_names import generate

SHARED = next(
    (
        p
        for p in (Path(__file__).resolve().parents[1].parent / "shared", Path("/work/shared"))
        if p.exists()
    ),
    None,
)


def _maxrss_mb() -> float:
    """Peak resident size of this process plus that of its largest child (getrusage)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def _cpu_seconds() -> float:
    """User and system time of this process and of its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class TreeMemory:
    """Peak memory of this process and all its descendants, sampled from /proc (Linux).

    rss sums each process's resident size, so pages that forked workers share with the
    main process count once per process (an upper bound); pss divides shared pages among
    the processes that share them (what the run really holds). Reading smaps_rollup of a
    large process costs the kernel some time, so samples are a second apart.
    """

    def __init__(self, interval: float = 1.0) -> None:
        self.interval = interval
        self.peak_rss = self.peak_pss = 0
        self.processes = 1
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while True:
            self.sample()
            if self._stop.wait(self.interval):
                return

    def sample(self) -> None:
        """Add one sample of the process tree."""
        rss = pss = 0
        pids = _descendants(os.getpid())
        for pid in pids:
            try:
                text = Path(f"/proc/{pid}/smaps_rollup").read_text()
            except OSError:
                continue
            for line in text.splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        self.peak_rss = max(self.peak_rss, rss)
        self.peak_pss = max(self.peak_pss, pss)
        self.processes = max(self.processes, len(pids))


def _descendants(root: int) -> list[int]:
    """root and every process below it, from the parent ids in /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    out, queue = [], [root]
    while queue:
        pid = queue.pop()
        out.append(pid)
        queue.extend(children.get(pid, ()))
    return out


def bench_compare(limit: int) -> None:
    """Pairs per second of score() on the dev pairs file."""
    if SHARED is None:
        print("compare: ../shared not found, skipped")
        return
    path = SHARED / "corpus" / "names-dev.jsonl"
    pairs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()][:limit]
    for label in ("cold", "warm"):
        start = time.perf_counter()
        for row in pairs:
            score(row["a"], row["b"])
        elapsed = time.perf_counter() - start
        print(
            f"compare ({label} caches): {len(pairs)} pairs in {elapsed:.2f} s"
            f" = {len(pairs) / elapsed:,.0f} pairs/s"
        )


def _pairwise(clusters: list[tuple[str, ...]], person_of: dict[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall of clusters against the generated persons."""
    found = right = 0
    for ids in clusters:
        found += len(ids) * (len(ids) - 1) // 2
        per_person = Counter(person_of[i] for i in ids)
        right += sum(n * (n - 1) // 2 for n in per_person.values())
    by_person = Counter(person_of.values())
    truth = sum(n * (n - 1) // 2 for n in by_person.values())
    return (right / found if found else 0.0), (right / truth if truth else 0.0)


def bench_dedupe(count: int, workers: int) -> None:
    """Time and peak memory of dedupe on generated names."""
    start = time.perf_counter()
    records = generate(count, seed=4)
    print(f"generate: {count:,} records in {time.perf_counter() - start:.1f} s")
    person_of = {r["id"]: r["person"] for r in records}
    pairs = [(r["id"], r["name"]) for r in records]
    del records
    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if now - last[0] > 30 or done == total:
            last[0] = now
            print(f"  {stage}: {done:,}/{total:,} at {now - start:.0f} s", flush=True)

    start = time.perf_counter()
    cpu = _cpu_seconds()
    with TreeMemory() as memory:
        clusters, stats = dedupe(pairs, workers=workers, progress=progress)
    elapsed = time.perf_counter() - start
    cpu = _cpu_seconds() - cpu
    print(
        f"dedupe: {stats.records:,} records ({stats.distinct_names:,} distinct names) in "
        f"{elapsed:.1f} s with {workers} worker(s); {cpu:,.0f} s of CPU (this process and"
        f" its workers; wall time depends on what else the machine runs)"
    )
    print(
        f"  peak memory of the process tree ({memory.processes} processes, this one included"
        f" with its records): {memory.peak_pss / 1024:,.0f} MB proportional (PSS),"
        f" {memory.peak_rss / 1024:,.0f} MB resident summed (RSS, shared pages counted in"
        f" each process); getrusage peak of this process + largest child {_maxrss_mb():,.0f} MB"
    )
    print(
        f"  {stats.keys:,} blocking keys, largest block {stats.largest_block:,}, "
        f"{stats.split_blocks} split; {stats.units:,} units with {stats.candidates:,} "
        f"candidate pairs; {stats.comparisons:,} comparisons "
        f"({stats.comparisons / elapsed:,.0f}/s); {stats.clusters:,} clusters"
    )
    precision, recall = _pairwise([c.ids for c in clusters], person_of)
    print(f"  pairwise precision {precision:.3f}, recall {recall:.3f} against generated persons")
    bound, _ = _pairwise(_homonym_groups(pairs, person_of), person_of)
    print(f"  (precision bound when persons who share one exact name are merged: {bound:.3f})")


def _homonym_groups(
    pairs: list[tuple[str, str]], person_of: dict[str, str]
) -> list[tuple[str, ...]]:
    """Records grouped by person, persons joined when they share a written name."""
    from docket.names import parse

    parent: dict[str, str] = {}

    def find(item: str) -> str:
        while parent.setdefault(item, item) != item:
            item = parent[item]
        return item

    first: dict[str, str] = {}
    for record_id, name in pairs:
        person = person_of[record_id]
        key = parse(name).latin
        if key in first:
            a, b = find(person), find(first[key])
            if a != b:
                parent[a] = b
        else:
            first[key] = person
    groups: dict[str, list[str]] = {}
    for record_id, _name in pairs:
        groups.setdefault(find(person_of[record_id]), []).append(record_id)
    return [tuple(ids) for ids in groups.values()]


def main() -> int:
    """Run both benchmarks."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=1_000_000, help="names to deduplicate")
    parser.add_argument("--pairs", type=int, default=12_111, help="dev pairs to score")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    bench_compare(args.pairs)
    bench_dedupe(args.count, args.workers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
