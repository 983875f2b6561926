"""Text in, sourced facts out. A pure library: no Django, no database.

>>> from docket.extract import extract
>>> extract("...", published="2024-09-01").persons

`extract` runs the default pipeline of named, versioned steps (`DEFAULT_STEPS`: tokens,
sentences, dates, terms, institutions, charges, persons, events, attributes, allegations,
attribution) on spaCy's rule-based English tokenizer and our gazetteers (`data/`, see its
README). Nothing is downloaded; the gazetteers load once per process (`preload()` does it
up front, e.g. in a worker's initialiser).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from docket.extract.errors import E101_NOT_TEXT, ExtractionError
from docket.extract.model import Event, Extraction, Person, Sentence, Span
from docket.extract.pipeline import DEFAULT_STEPS, Pipeline, parse_published

__all__ = [
    "DEFAULT_STEPS",
    "Event",
    "Extraction",
    "ExtractionError",
    "Person",
    "Pipeline",
    "Sentence",
    "Span",
    "extract",
    "preload",
]


@cache
def _default_pipeline() -> Pipeline:
    return Pipeline(DEFAULT_STEPS)


def preload() -> None:
    """Build the pipeline and load every gazetteer now rather than on the first report."""
    from docket.extract.lexicon import lexicon
    from docket.extract.nlp import blank

    _default_pipeline()
    lexicon()
    blank()


def extract(text: str, published: str | dt.date | None = None) -> Extraction:
    """Extract the persons a report speaks about, with facts and evidence spans."""
    if not isinstance(text, str):
        raise ExtractionError(E101_NOT_TEXT, f"expected text (str), got {type(text).__name__}")
    doc = _default_pipeline()(text, parse_published(published))
    pub = published.isoformat() if isinstance(published, dt.date) else published
    return Extraction(text=text, persons=doc.persons, published=pub, pipeline=tuple(doc.steps_run))
