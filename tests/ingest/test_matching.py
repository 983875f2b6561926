"""Candidate persons for an extracted person: name keys, then the other facts."""

import datetime as dt

import pytest

from docket.cases.services import claim_reject
from docket.ingest.facts import plan_person
from docket.ingest.matching import (
    Profile,
    Proposal,
    auto_link,
    combine,
    compare,
    keys_sync,
    propose,
)
from docket.ingest.models import NameKey


def test_compare_tells_agreeing_and_disagreeing_facts():
    mine = Profile(
        sex="male",
        ethnicity="Uyghur",
        birth_years=(1990, 1991),
        courts={"urumqi intermediate people's court"},
        detentions=[(dt.date(2017, 5, 1), dt.date(2017, 5, 31))],
        sentences={(78, 78, False, False)},
    )
    same = Profile(
        sex="male",
        ethnicity="uyghur",
        birth_years=(1991, 1992),
        courts={"urumqi intermediate people's court", "kashgar court"},
        detentions=[(dt.date(2017, 1, 1), dt.date(2017, 12, 31))],
        sentences={(78, 78, False, False)},
    )
    agree, disagree = compare(mine, same)
    assert set(agree) == {"sex", "ethnicity", "age", "court", "detention", "sentence"}
    assert disagree == []
    other = Profile(sex="female", ethnicity="Kazakh", birth_years=(1950, 1951))
    assert compare(mine, other) == ([], ["sex", "ethnicity", "age"])
    assert compare(mine, Profile()) == ([], [])  # unknown facts say nothing


def test_combine_rewards_facts_and_punishes_contradictions():
    assert combine(0.9, ["court", "age"], []) == pytest.approx(0.98)
    assert combine(1.0, ["court", "age"], []) == 1.0
    assert combine(1.0, [], ["sex"]) == pytest.approx(0.7)
    assert combine(0.2, [], ["sex", "ethnicity", "age"]) == 0.0


def test_auto_link_needs_one_clear_candidate():
    sure = Proposal(1, 1.0, 1.0, ("court", "age", "ethnicity"), ())
    assert auto_link([sure]) == sure
    assert auto_link([sure, Proposal(2, 0.99, 0.95, ("court", "sentence"), ())]) is None
    assert auto_link([Proposal(3, 1.0, 1.0, ("ethnicity", "sex", "charge"), ())]) is None
    assert auto_link([Proposal(4, 0.98, 0.95, ("court", "age"), ("sex",))]) is None


@pytest.mark.django_db
def test_names_entered_by_hand_are_found_after_a_sync(person, fact):
    alim = person()
    name = fact(alim, "name", "Alim Tursun")
    assert not NameKey.objects.exists()
    assert keys_sync() > 0 and keys_sync() == 0
    plan = plan_person({"name": "Alim Tursun"}, position=0, text="Alim Tursun", published=None)
    [proposal] = propose(plan)
    assert proposal.person_id == alim.pk and proposal.name_score == 1.0
    assert propose(plan, exclude=[alim.pk]) == []
    unnamed = plan_person({"count": 3}, position=0, text="three men", published=None)
    assert propose(unnamed) == []
    claim_reject(actor="system:test", claim=name)  # the name leaves the record, and the index
    assert not NameKey.objects.exists() and propose(plan) == []
