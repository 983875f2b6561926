import importlib

from docket.names import dedupe

RECORDS = [
    ("1", "Tashi Dorje"),
    ("2", "Zhaxi Duojie"),
    ("3", "扎西·多吉"),
    ("4", "Abdureshit Memet"),
    ("5", "Abudurexiti Maimaiti"),
    ("6", "Liu Xiaobo"),
    ("7", "刘晓波"),
    ("8", "Tenzin Geleg"),
    ("9", "Tenzin Choephel"),
    ("10", "Tashi Dorje"),
]


def test_dedupe_groups_forms_of_one_person():
    clusters, stats = dedupe(RECORDS)
    groups = {frozenset(c.ids) for c in clusters}
    assert frozenset({"1", "2", "3", "10"}) in groups
    assert frozenset({"4", "5"}) in groups
    assert frozenset({"6", "7"}) in groups
    assert stats.records == 10 and stats.distinct_names == 9
    assert all(not {"8", "9"} <= set(c.ids) for c in clusters)


def test_dedupe_links_carry_scores():
    clusters, _ = dedupe(RECORDS)
    for cluster in clusters:
        assert 0.8 <= cluster.score <= 1.0
        assert len(cluster.links) >= len(cluster.ids) - 1


def test_dedupe_singletons_and_workers():
    clusters, _ = dedupe(RECORDS, singletons=True, workers=2)
    assert sorted(i for c in clusters for i in c.ids) == sorted(r[0] for r in RECORDS)


def test_dedupe_counts_invalid_names():
    clusters, stats = dedupe([("1", "x" * 400), ("2", "Tashi")])
    assert stats.invalid == 1 and clusters == []


def test_dedupe_splits_chain_grown_components():
    from docket.names.dedupe import MAX_CLUSTER, _split_large

    slots = list(range(2 * MAX_CLUSTER + 2))
    pairs = [(i, i + 1, 0.97) for i in range(0, len(slots), 2)]
    chain = [(i, i + 1, 0.86) for i in range(1, len(slots) - 1, 2)]
    groups = _split_large(slots, pairs + chain)
    assert sorted(len(part) for part, _ in groups) == [2] * (MAX_CLUSTER + 1)
    assert all(value == 0.97 for _, links in groups for _, _, value in links)


def test_dedupe_splits_oversized_blocks_and_still_links_their_names():
    firsts = ["Tashi", "Tashe", "Tishi", "Toshi", "Tushi", "Teshi", "Tasha", "Tosha", "Tesho"]
    seconds = ["Dorje", "Dorji", "Derje", "Darje", "Durje", "Dorjee"]
    names = [f"{first} {second}" for first in firsts for second in seconds]
    records = [(str(number), name) for number, name in enumerate(names)]
    whole, whole_stats = dedupe(records)
    split, stats = dedupe(records, max_block=8)
    # Every name shares a spelling key: one block of 54, too large for max_block=8.
    assert whole_stats.split_blocks == 0 and stats.split_blocks >= 1
    assert stats.candidates < whole_stats.candidates / 2
    for clusters in (whole, split):
        home = next(set(c.ids) for c in clusters if str(names.index("Tashi Dorje")) in c.ids)
        for variant in ("Tashi Dorji", "Tashi Dorjee", "Tashe Dorje"):
            assert str(names.index(variant)) in home


def test_dedupe_scores_each_pair_once_whatever_the_workers(monkeypatch):
    module = importlib.import_module("docket.names.dedupe")  # docket.names.dedupe: the function
    # Small tasks, so that two worker processes parse and compare.
    monkeypatch.setattr(module, "_PARSE_CHUNK", 3)
    monkeypatch.setattr(module, "_CHUNK_PAIRS", 2)
    one, one_stats = dedupe(RECORDS, workers=1)
    two, two_stats = dedupe(RECORDS, workers=2)
    assert {frozenset(c.ids) for c in one} == {frozenset(c.ids) for c in two}
    # A worker knows only its own links, so it may score pairs the other has joined.
    assert one_stats.comparisons <= two_stats.comparisons <= two_stats.candidates
