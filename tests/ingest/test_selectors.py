"""Reads for the review queue, as each role may see them."""

import pytest

from docket.core.errors import NotFound
from docket.evidence.models import Source
from docket.ingest.models import ExtractedPerson
from docket.ingest.selectors import (
    extracted_person_get,
    extracted_person_view,
    source_pending_list,
    source_suggestions,
)
from docket.ingest.services import Incoming, document_ingest, extracted_person_accept

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(seed_text, seed_extraction):
    result = document_ingest(
        actor="system:test",
        incoming=Incoming(name="seed", text=seed_text, title="HRW"),
        extraction=seed_extraction,
    )
    return Source.objects.get(pk=result.source_id)


def test_source_pending_list_counts_what_each_role_may_review(pending, users):
    [row] = source_pending_list(user=users["editor"])
    assert row == pending and row.pending == pending.claims.count() and row.undecided == 5
    # A researcher does not see the restricted sources' claims (Maya Wang, Tahir Imin).
    [row] = source_pending_list(user=users["researcher"])
    assert row.pending == pending.claims.exclude(confidentiality="restricted").count()
    assert row.undecided == 3
    assert list(source_pending_list(user=users["viewer"])) == []
    assert list(source_pending_list(user=None)) == []


def test_a_reviewed_source_leaves_the_queue(pending, users):
    for extracted in ExtractedPerson.objects.all():
        extracted_person_accept(actor=users["editor"], extracted=extracted)
    assert list(source_pending_list(user=users["editor"])) == []


def test_undecided_persons_keep_a_source_in_the_queue(seed_text, seed_extraction, users):
    document_ingest(
        actor="system:test",
        incoming=Incoming(name="seed", text=seed_text),
        extraction=seed_extraction,
        auto_accept=True,
    )
    assert list(source_pending_list(user=users["editor"])) == []  # all accepted and new
    result = document_ingest(
        actor="system:test",
        incoming=Incoming(name="again", text="Ikram Nurmehmet was seen."),
        extraction={"persons": [{"name": "Ikram Nurmehmet", "role": "victim"}]},
        auto_accept=True,
    )
    [row] = source_pending_list(user=users["editor"])
    assert (row.pk, row.pending, row.undecided) == (result.source_id, 0, 1)


def test_source_suggestions_group_claims_by_extracted_person(pending, users):
    views = source_suggestions(user=users["editor"], source=pending)
    assert [(v.name, v.role, v.count) for v in views] == [
        ("Ikram Nurmehmet", "victim", 1),
        ("Maya Wang", "source", 1),
        ("4 unnamed people", "victim", 4),
        ("Tahir Imin", "source", 1),
        ("6 unnamed people", "victim", 6),
    ]
    ikram = views[0]
    assert ikram.pending == len(ikram.suggestions) and ikram.decision == "pending"
    spans = [s.span for s in ikram.suggestions if s.span]
    assert spans == sorted(spans)  # in text order
    for suggestion in ikram.suggestions:
        if suggestion.span:
            assert pending.text[slice(*suggestion.span)] == suggestion.quote
    texts = {s.field: s.text for s in ikram.suggestions}
    assert texts["sentence"] == "78 months" and texts["name"] == "Ikram Nurmehmet"


def test_source_suggestions_hide_what_a_role_may_not_see(pending, users):
    names = [v.name for v in source_suggestions(user=users["researcher"], source=pending)]
    assert names == ["Ikram Nurmehmet", "4 unnamed people", "6 unnamed people"]
    assert all(not v.suggestions for v in source_suggestions(user=users["viewer"], source=pending))
    with pytest.raises(NotFound):
        source_suggestions(user=None, source=pending)


def test_extracted_person_get_and_view(pending, users):
    maya = ExtractedPerson.objects.get(position=1)
    with pytest.raises(NotFound):
        extracted_person_get(user=users["researcher"], extracted_id=maya.pk)
    found = extracted_person_get(user=users["editor"], extracted_id=maya.pk)
    view = extracted_person_view(user=users["editor"], extracted=found)
    assert view.name == "Maya Wang" and view.candidates == ()
    assert {s.field for s in view.suggestions} == {"name", "occupation", "membership"}


def test_candidates_are_shown_with_their_reasons(pending, seed_text, users):
    extracted_person_accept(
        actor=users["editor"], extracted=ExtractedPerson.objects.get(position=0)
    )
    text = "Ikram Nurmehmet, a Uyghur, was detained in 2019."
    result = document_ingest(
        actor="system:test",
        incoming=Incoming(name="other", text=text),
        extraction={"persons": [{"name": "Ikram Nurmehmet", "ethnicity": "Uyghur"}]},
    )
    [view] = source_suggestions(
        user=users["editor"], source=Source.objects.get(pk=result.source_id)
    )
    [candidate] = view.candidates
    assert candidate.name == "Ikram Nurmehmet" and candidate.agree == ("ethnicity",)
    assert candidate.score >= candidate.name_score - 0.001
