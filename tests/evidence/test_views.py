"""Source pages: the document's text with the words that claims cite marked."""

import re
from html import unescape

import pytest
from django.urls import reverse

from docket.cases.models import Person
from docket.evidence.models import Source
from docket.evidence.selectors import Highlight, Segment
from docket.evidence.services import source_create
from docket.evidence.text import runs


def _h(start, end, claim_id):
    return Highlight(start, end, claim_id, "event", "text", "accepted")


def test_runs_pair_segments_with_their_highlights_and_anchors():
    highlights = [_h(2, 6, 1), _h(4, 8, 2)]
    segments = [
        Segment("01", 0, ()),
        Segment("23", 2, (1,)),
        Segment("45", 4, (1, 2)),
        Segment("67", 6, (2,)),
        Segment("89", 8, ()),
    ]
    parts = runs(segments, highlights)
    assert [r.text for r in parts] == ["01", "23", "45", "67", "89"]
    assert [[h.claim_id for h in r.highlights] for r in parts] == [[], [1], [1, 2], [2], []]
    assert [[h.claim_id for h in r.starting] for r in parts] == [[], [1], [2], [], []]


def test_source_page_marks_the_quoted_words_of_every_claim(client_as, demo):
    source = Source.objects.get(pk=demo.source_id)
    html = client_as("viewer").get(reverse("evidence:source_detail", args=[source.pk])).content
    html = html.decode()
    marked = [unescape(m) for m in re.findall(r"<mark[^>]*>([^<]*)</mark>", html)]
    assert "Ikram Nurmehmet" in marked
    assert "six and a half years in prison" in "".join(marked)
    text = unescape(
        re.sub(r"<[^>]+>", "", html.split('class="source-text">')[1].split("</div>")[0])
    )
    assert text == source.text  # the text is shown whole, only marked
    assert 'id="claim-' in html


def test_source_page_hides_restricted_claims_and_restricted_sources(client_as, demo, fact):
    source = Source.objects.get(pk=demo.source_id)
    ikram = Person.objects.get(pk=demo.person_ids[0])
    quote = "knowledgeable sources told Human Rights Watch"
    options = {"source": source, "quote": quote, "confidentiality": "restricted"}
    fact(ikram, "occupation", "secret informant", **options)
    url = reverse("evidence:source_detail", args=[source.pk])
    assert "secret informant" not in client_as("viewer").get(url).content.decode()
    assert "secret informant" in client_as("editor").get(url).content.decode()
    hidden = source_create(
        actor="system:test", text="Statement of witness W-3.", confidentiality="restricted"
    ).source
    hidden_url = reverse("evidence:source_detail", args=[hidden.pk])
    assert client_as("researcher").get(hidden_url).status_code == 404
    assert client_as("editor").get(hidden_url).status_code == 200


@pytest.mark.parametrize(("role", "count"), [("viewer", 1), ("editor", 2)])
def test_source_list_shows_the_sources_the_reader_may_see(client_as, demo, role, count):
    source_create(actor="system:test", text="Statement of W-3.", confidentiality="restricted")
    html = client_as(role).get(reverse("evidence:source_list")).content.decode()
    assert f"{count} source" in html
    assert "Human Rights Watch press release on Ikram Nurmehmet" in html


@pytest.mark.django_db
def test_a_source_without_a_title_is_called_by_its_file_name(client_as):
    named = source_create(actor="system:test", text="Report one.", filename="batch.jsonl#r-17")
    bare = source_create(actor="system:test", text="Report two.")
    viewer = client_as("viewer")
    listing = viewer.get(reverse("evidence:source_list")).content.decode()
    assert "batch.jsonl#r-17" in listing
    assert f"source {bare.source.pk}" in listing
    page = viewer.get(reverse("evidence:source_detail", args=[named.source.pk])).content.decode()
    assert "<h1>batch.jsonl#r-17</h1>" in page
