import json

import pytest

from docket.core.errors import ApplicationError
from docket.vocab import terms


def test_charge_categories_match_the_shared_schema(shared_dir):
    shared = json.loads((shared_dir / "schema" / "charge_categories.json").read_text("utf-8"))
    assert list(terms.charge_categories()) == [c["id"] for c in shared["categories"]]
    assert terms.charge_categories()["terrorism"].statutes["PRC Criminal Law 1997"][0] == "120"


def test_check_names_the_known_terms():
    assert terms.check(terms.EVENT_TYPES, "conviction", field="type", what="event type")
    with pytest.raises(ApplicationError) as info:
        terms.check(terms.ALLEGATION_TYPES, "tickling", field="type", what="allegation type")
    assert "unknown allegation type 'tickling'; known: torture, ill_treatment" in info.value.message
    assert info.value.field_errors == {"type": [info.value.message]}


def test_vocabularies_hold_the_design_terms():
    assert {"detention", "formal_arrest", "family_notification", "alleged_torture"} <= set(
        terms.EVENT_TYPES
    )
    assert set(terms.INSTITUTION_KINDS) == {
        "court",
        "detention_facility",
        "prison",
        "camp",
        "police",
    }
    assert set(terms.NAME_KINDS) == {"legal", "religious", "pen", "alias", "transliteration"}
    assert set(terms.SCRIPTS) == {"Latn", "Arab", "Hans", "Cyrl", "Tibt"}


def test_extraction_contract_terms_agree():
    from docket.extract import model

    assert set(model.ALLEGATIONS) == set(terms.ALLEGATION_TYPES)
    assert set(model.STATUSES) == set(terms.PERSON_STATUSES)
    assert set(model.ROLES) == terms.CONTRACT_ROLES


@pytest.mark.parametrize(("raw", "canonical"), [("Uighur", "Uyghur"), ("tibetan", "Tibetan")])
def test_canonical_ethnicity(raw, canonical):
    assert terms.canonical_ethnicity(raw) == canonical


def test_unknown_ethnicity_is_kept_as_written():
    assert terms.canonical_ethnicity("  Dongxiang ") == "Dongxiang"
    with pytest.raises(ApplicationError):
        terms.canonical_ethnicity("x" * 101)
