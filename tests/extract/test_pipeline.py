"""The step registry and the pipeline."""

from __future__ import annotations

import pytest

from docket.extract import DEFAULT_STEPS, ExtractionError, Pipeline
from docket.extract.pipeline import REGISTRY, step


def test_pipeline_default_steps_are_registered_and_versioned() -> None:
    pipe = Pipeline()
    assert pipe.names == list(DEFAULT_STEPS)
    for name in DEFAULT_STEPS:
        assert name in REGISTRY
        assert name.rsplit(".", 1)[1].startswith("v")


def test_pipeline_unknown_step_names_the_known_ones() -> None:
    with pytest.raises(ExtractionError) as err:
        Pipeline(["tokens.v1", "dates.v9"])
    assert err.value.code == "E201"
    assert "dates.v1" in err.value.message


def test_pipeline_step_needs_its_inputs_first() -> None:
    with pytest.raises(ExtractionError) as err:
        Pipeline(["dates.v1"])
    assert err.value.code == "E202"


def test_pipeline_records_the_steps_run() -> None:
    doc = Pipeline(["tokens.v1", "sentences.v1"])("One sentence. Another one.")
    assert doc.steps_run == ["tokens.v1", "sentences.v1"]
    assert len(doc.sents) == 2


def test_pipeline_step_names_must_be_versioned() -> None:
    with pytest.raises(ValueError, match="not <thing>"):
        step("dates")


def test_sentences_do_not_split_at_abbreviations() -> None:
    doc = Pipeline(["tokens.v1", "sentences.v1"])(
        "He is held in Urumqi No. 1 Detention Center. Mr. Li went to the U.S. in 2010."
    )
    assert [doc.text[a:b] for a, b in doc.sents] == [
        "He is held in Urumqi No. 1 Detention Center.",
        "Mr. Li went to the U.S. in 2010.",
    ]


def test_sentences_v2_do_not_split_after_aka_or_titles() -> None:
    text = "Police detained Tang Huanxing (a.k.a. Tang Jian) and Mr. Li on May 3. He was freed."
    doc = Pipeline(["tokens.v1", "sentences.v2"])(text)
    assert len(doc.sents) == 2
    assert len(Pipeline(["tokens.v1", "sentences.v1"])(text).sents) == 3


def test_sentences_v2_semicolon_in_parentheses_keeps_the_clause() -> None:
    text = 'Police detained Gedun Dragpa (age 20; "Gendun Drakpa") on March 14, 2014.'
    assert len(Pipeline(["tokens.v1", "sentences.v2"])(text).clauses) == 1
    assert len(Pipeline(["tokens.v1", "sentences.v1"])(text).clauses) == 2
