import pytest

from docket.cases.selectors import SpellingScorer, duplicate_candidates
from docket.cases.services import (
    ClaimInput,
    PersonClaims,
    claims_bulk_create,
    institution_create,
    person_merge,
)

pytestmark = pytest.mark.django_db

ACTOR = "system:test"
SPELLING = SpellingScorer()  # exact reasons below are this scorer's; the default may differ


def make(*people, level="public"):
    """Persons from (name, facts...) tuples, created with accepted claims."""
    records = [
        PersonClaims(
            confidentiality=level,
            claims=[ClaimInput("name", name), *(ClaimInput(f, v) for f, v in facts)],
        )
        for name, *facts in people
    ]
    return [r.person for r in claims_bulk_create(actor=ACTOR, accept=True, records=records).records]


@pytest.fixture
def court(db):
    return institution_create(actor=ACTOR, name="Lhasa Intermediate People's Court", kind="court")


def tibetan(name, age, as_of, detained, court, sex="male"):
    return (
        name,
        ("sex", sex),
        ("ethnicity", "Tibetan"),
        ("age", {"age": age, "as_of": as_of}),
        ("event", {"type": "detention", "date": detained}),
        ("event", {"type": "trial", "institution": court.pk}),
    )


def test_duplicate_candidates_scores_names_with_the_other_facts(court, users):
    old_woman = ("sex", "female"), ("ethnicity", "Han"), ("age", {"age": 60, "as_of": "2008"})
    first, swapped, unlike, other = make(
        tibetan("Tenzin Choephel", 30, "2008-03", "2008-03", court),
        tibetan("Choephel Tenzin", 31, "2009", "2008", court),
        ("Tenzin Choephel", *old_woman),
        tibetan("Tenzin Geleg", 30, "2008-03", "2008-03", court),
    )
    pairs = duplicate_candidates(user=users["viewer"], min_score=0.0, scorer=SPELLING)
    assert [(p.a, p.b) for p in pairs] == [(first, swapped), (first, unlike), (swapped, unlike)]
    best = pairs[0]
    assert best.score == 1.0 and (best.name_a, best.name_b) == (
        "Tenzin Choephel",
        "Choephel Tenzin",
    )
    assert best.reasons[0] == "names Tenzin Choephel / Choephel Tenzin: same spelling"
    assert "born in the same years (1977-1978 / 1977-1978)" in best.reasons
    assert "both Tibetan" in best.reasons
    assert "same court or facility: Lhasa Intermediate People's Court" in best.reasons
    assert "detained at overlapping dates (2008-03 / 2008)" in best.reasons
    worst = pairs[1]
    assert worst.score == 0.0
    assert {"sex differs (male / female)", "ethnicity differs (Tibetan / Han)"} <= set(
        worst.reasons
    )
    assert "born in different years (1977-1978 / 1947-1948)" in worst.reasons
    assert other not in {p.a for p in pairs} | {p.b for p in pairs}
    found = duplicate_candidates(user=users["viewer"], scorer=SPELLING)
    assert [(p.a, p.b) for p in found] == [(first, swapped)]
    assert (
        duplicate_candidates(user=users["viewer"], limit=1, min_score=0.0, scorer=SPELLING)
        == (pairs[:1])
    )


def test_duplicate_candidates_respect_visibility_and_merges(court, users):
    (shown,) = make(tibetan("Dolkar", 20, "2010", "2010", court))
    (hidden,) = make(tibetan("Dolkar", 20, "2010", "2010", court), level="restricted")
    assert duplicate_candidates(user=users["viewer"]) == []
    pairs = duplicate_candidates(user=users["editor"])
    assert [(p.a, p.b) for p in pairs] == [(shown, hidden)]
    person_merge(into=shown, other=hidden, user=ACTOR)
    assert duplicate_candidates(user=users["editor"]) == []


class Transliterating(SpellingScorer):
    """A scorer that knows one Chinese transcription (as docket.names will, generally)."""

    SAME = {"阿力木": "alim"}

    def blocking(self, name):
        return [self.SAME.get(name, " ".join(sorted(name.casefold().split())))]

    def compare(self, a, b):
        if self.SAME.get(a, a.casefold()) == self.SAME.get(b, b.casefold()):
            return 1.0, "same name across scripts"
        return super().compare(a, b)


def test_duplicate_candidates_take_a_name_scorer(users):
    facts = ("ethnicity", "Uyghur"), ("event", {"type": "detention", "date": "2017-04-01"})
    latin, han = make(("Alim", *facts), ("阿力木", *facts))
    assert duplicate_candidates(user=users["viewer"], scorer=SPELLING) == []
    (pair,) = duplicate_candidates(user=users["viewer"], scorer=Transliterating())
    assert (pair.a, pair.b, pair.score) == (latin, han, 0.7)
    assert pair.reasons == (
        "names Alim / 阿力木: same name across scripts",
        "one-word names",
        "both Uyghur",
        "detained at overlapping dates (2017-04-01 / 2017-04-01)",
    )


def test_duplicate_candidates_weigh_crowded_prisons_and_common_names_less(users):
    prison = institution_create(actor=ACTOR, name="TAR Prison", kind="prison")
    held = ("event", {"type": "detention", "institution": prison.pk})
    born = ("age", {"age": 30, "as_of": "2000"})
    make(*[(f"Inmate {n}", held) for n in range(20)])
    make(*[("Dawa", born) for _ in range(6)])  # a common one-word name
    first, second = make(("Dolkar Tsomo", held, born), ("Dolkar Tsomo", held, born))
    pairs = duplicate_candidates(user=users["viewer"], min_score=0.0, limit=100, scorer=SPELLING)
    (pair,) = [p for p in pairs if p.a == first]
    assert pair.b == second
    assert "same court or facility: TAR Prison (22 persons)" in pair.reasons
    assert pair.score == 0.8  # 0.6 name + 0.15 birth years + 0.05 crowded prison
    dawa = next(p for p in pairs if p.name_a == "Dawa")
    assert {"a common name (6 persons)", "one-word names"} <= set(dawa.reasons)
    assert dawa.score == 0.55


def test_duplicate_candidates_match_names_across_scripts_by_default(court, users):
    tibetan_name, pinyin, namesake = make(
        tibetan("Jampal Tsering", 30, "2008-03", "2008-03", court),
        tibetan("Jiangbai Ciren", 30, "2008-03", "2008-03", court),
        tibetan("Jampal Tenzin", 30, "2008-03", "2008-03", court),
    )
    uyghur = (
        ("ethnicity", "Uyghur"),
        ("age", {"age": 40, "as_of": "2017"}),
        ("event", {"type": "detention", "date": "2017-04"}),
    )
    han, latin = make(("阿力木", *uyghur), ("Alim", *uyghur))
    found = {(p.a, p.b): p for p in duplicate_candidates(user=users["viewer"])}
    pair = found[(tibetan_name, pinyin)]
    assert pair.score >= 0.9 and "Chinese transcription" in pair.reasons[0]
    assert found[(han, latin)].reasons[0].startswith("names 阿力木 / Alim: ")
    assert (tibetan_name, namesake) not in found and (pinyin, namesake) not in found
