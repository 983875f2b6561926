import pytest

from docket.cases.fields import SPECS, describe, sentence_text, spec_for
from docket.core.errors import ApplicationError


def normal(field, value):
    return SPECS[field].normalise(value)


def test_plain_values_stand_for_the_main_part():
    assert normal("allegation", "torture") == {"type": "torture", "case": None}
    assert normal("name", "Ikram Nurmehmet") == {
        "text": "Ikram Nurmehmet",
        "script": "Latn",
        "kind": "legal",
        "language": "",
    }
    assert normal("age", 33) == {"age": 33, "as_of": None}
    assert normal("ethnicity", "Uighur") == "Uyghur"


def test_sentence_shapes():
    assert normal("sentence", {"min_months": 78})["max_months"] == 78
    assert normal("sentence", {"max_months": 180, "min_months": 144})["min_months"] == 144
    life = normal("sentence", {"life": True})
    assert (life["life"], life["min_months"]) == (True, None)
    death = normal("sentence", {"death": True, "suspended": True})
    assert (death["death"], death["suspended"]) == (True, True)


@pytest.mark.parametrize(
    ("field", "value", "where", "message"),
    [
        ("sentence", {"min_months": -1}, "value.min_months", "between 0 and"),
        ("sentence", {"min_months": 20, "max_months": 10}, "value.max_months", "less than"),
        ("sentence", {}, "value.min_months", "give min_months"),
        ("sentence", {"min_months": 12, "suspended": True}, "value.suspended", "only a death"),
        ("sentence", {"life": True, "death": True}, "value", "not both"),
        ("sentence", {"min_months": "ten"}, "value.min_months", "whole number"),
        ("charge", {"text": "x", "category": "jaywalking"}, "value.category", "unknown charge"),
        ("event", {"type": "conviction", "date": "2024-02-30"}, "value.date", "29 days"),
        ("event", {"type": "party"}, "value.type", "unknown event type 'party'"),
        ("name", "x" * 301, "value.text", "longer than 300"),
        ("name", {"text": "A", "script": "Latin"}, "value.script", "unknown script"),
        ("name", {"text": "A", "nickname": "B"}, "value", "unknown parts"),
        ("count", 0, "value", "between 1 and"),
        ("age", {"age": 200}, "value.age", "between 0 and 150"),
        ("age", True, "value.age", "whole number"),
        ("sex", "unknown", "value", "unknown sex"),
        ("status", "free", "value", "unknown status"),
        ("intervention", {"kind": "call_for_release"}, "value.by", "required"),
    ],
)
def test_bad_values_are_rejected_clearly(field, value, where, message):
    with pytest.raises(ApplicationError) as info:
        normal(field, value)
    assert where in info.value.field_errors
    assert message in str(info.value)


def test_unknown_field():
    with pytest.raises(ApplicationError, match="unknown claim field 'hobby'"):
        spec_for("hobby")


def test_describe_and_sentence_text():
    assert sentence_text(normal("sentence", {"min_months": 78})) == "78 months"
    assert sentence_text(normal("sentence", {"min_months": 144, "max_months": 180})) == (
        "144 to 180 months (12 years to 15 years)"
    )
    assert sentence_text(normal("sentence", {"min_months": 120})) == "120 months (10 years)"
    assert describe("event", normal("event", {"type": "conviction", "date": "2024-01"})) == (
        "Conviction, January 2024"
    )
    assert describe("age", normal("age", {"age": 33, "as_of": "2024"})) == "33 (as of 2024)"


def test_ages_agree_when_birth_years_overlap():
    agrees = SPECS["age"].agrees
    assert agrees(
        normal("age", {"age": 33, "as_of": "2024"}), normal("age", {"age": 34, "as_of": "2025"})
    )
    assert not agrees(
        normal("age", {"age": 33, "as_of": "2024"}), normal("age", {"age": 52, "as_of": "2024"})
    )
    assert not agrees(normal("age", 33), normal("age", 34))
