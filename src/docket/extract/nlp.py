"""The spaCy objects the steps share, built once per process (no model is loaded)."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language


@cache
def blank() -> Language:
    """Return spaCy's rule-based English tokenizer (`spacy.blank("en")`), no trained model."""
    return spacy.blank("en")
