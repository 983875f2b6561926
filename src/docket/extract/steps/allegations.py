"""allegations.v1: words that allege torture, coerced confession, incommunicado detention,
family not notified, foreign ties and the other allegation types of EXTRACTION.md."""

from __future__ import annotations

from docket.extract.doc import Doc, Fact
from docket.extract.lexicon import lexicon
from docket.extract.pipeline import step


@step("allegations.v1", requires=("norm",), provides=("facts",))
def allegations_v1(doc: Doc) -> None:
    """Find allegation cues; attribution gives each to a person."""
    for pattern, allegation in lexicon().allegation_cues:
        for m in pattern.finditer(doc.norm):
            doc.facts.append(Fact("allegation", allegation, m.span()))
