"""Recording claims by hand: bad input changes nothing, researchers suggest, editors review."""

import pytest
from django.urls import reverse

from docket.cases.fields import PERSON, SPECS
from docket.cases.models import Claim, Event, Person
from docket.core.models import AuditEvent
from docket.evidence.services import source_create
from docket.ingest.forms import CLAIM_FORMS

EVIDENCE = {"source": "", "quote": "", "veracity": "alleged", "confidentiality": ""}


@pytest.fixture
def ikram(demo):
    return Person.objects.get(pk=demo.person_ids[0])


def _add(client, person, field, data):
    url = reverse("ingest:claim_create", args=[person.pk, field])
    return client.post(url, EVIDENCE | data)


def test_claim_forms_cover_every_person_field():
    assert set(CLAIM_FORMS) == {name for name, spec in SPECS.items() if PERSON in spec.subjects}


def test_editor_adds_an_event_that_shows_on_the_timeline(client_as, ikram, demo):
    client = client_as("editor")
    response = _add(
        client,
        ikram,
        "event",
        {
            "type": "detention",
            "date": "../2019",
            "place": "Urumqi",
            "source": demo.source_id,
            "quote": "Urumqi No. 1 Detention Center",
        },
    )
    assert response["Location"] == reverse("cases:person_detail", args=[ikram.pk])
    claim = Claim.objects.get(person=ikram, field="event", value__date="../2019")
    assert claim.review_status == "accepted"
    page = client.get(response["Location"]).content.decode()
    assert "before 2019" in page
    assert f'id="claim-{claim.pk}"' in page


@pytest.mark.parametrize(
    ("field", "data", "message"),
    [
        ("event", {"type": "detention", "date": "2024-02-30"}, "2024-02-30"),
        ("event", {"type": "detention", "date": "2024-13"}, "2024-13"),
        ("event", {"type": "beheading"}, "Select a valid choice"),
        ("sentence", {"min_months": "-5"}, "between 0 and"),
        ("sentence", {"min_months": "120", "max_months": "60"}, "less than min_months"),
        ("sentence", {}, "give min_months"),
        ("charge", {"text": "splittism", "category": "witchcraft"}, "Select a valid choice"),
        ("charge", {"text": "x" * 1001, "category": "terrorism"}, "at most 1000 characters"),
        ("name", {"text": "Ikram", "script": "Latn", "kind": "legal", "language": "??"}, "tag"),
        ("age", {"age": "200"}, "between 0 and 150"),
        ("occupation", {"occupation": "poet", "quote": "q" * 2001}, "at most 2000 characters"),
        ("occupation", {"occupation": "poet", "quote": "words nobody wrote"}, "source"),
    ],
)
def test_bad_input_gives_a_form_error_and_changes_nothing(client_as, ikram, field, data, message):
    client = client_as("editor")
    before = (Claim.objects.count(), Event.objects.count(), AuditEvent.objects.count())
    response = _add(client, ikram, field, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert message in html
    assert (Claim.objects.count(), Event.objects.count(), AuditEvent.objects.count()) == before


def test_quote_not_in_the_source_is_refused(client_as, ikram, demo):
    response = _add(
        client_as("editor"),
        ikram,
        "occupation",
        {"occupation": "poet", "source": demo.source_id, "quote": "words nobody wrote"},
    )
    assert "the quoted words do not occur in the source text" in response.content.decode()
    assert not Claim.objects.filter(value="poet").exists()


def test_researcher_suggests_and_an_editor_accepts(client_as, ikram):
    researcher, editor, viewer = client_as("researcher"), client_as("editor"), client_as("viewer")
    _add(researcher, ikram, "allegation", {"type": "incommunicado"})
    claim = Claim.objects.get(person=ikram, field="allegation", value__type="incommunicado")
    assert claim.review_status == "suggested"
    page = reverse("cases:person_detail", args=[ikram.pk])
    assert "Suggested, awaiting review" in researcher.get(page).content.decode()
    assert "Incommunicado" not in viewer.get(page).content.decode()
    review = reverse("ingest:claim_review", args=[claim.pk])
    assert editor.post(review, {"decision": "accept"})["Location"] == page
    assert "Incommunicado detention" in viewer.get(page).content.decode()


def test_editor_rejects_with_a_reason(client_as, ikram):
    _add(client_as("researcher"), ikram, "occupation", {"occupation": "poet"})
    claim = Claim.objects.get(field="occupation", value="poet")
    client_as("editor").post(
        reverse("ingest:claim_review", args=[claim.pk]),
        {"decision": "reject", "reason": "no source says so"},
    )
    claim.refresh_from_db()
    assert claim.review_status == "rejected"


def test_researcher_edits_a_suggestion_but_not_an_accepted_claim(client_as, ikram):
    researcher = client_as("researcher")
    _add(researcher, ikram, "occupation", {"occupation": "poet"})
    mine = Claim.objects.get(field="occupation", value="poet")
    edit = {"occupation": "film director", "veracity": "alleged", "confidentiality": "internal"}
    researcher.post(reverse("ingest:claim_edit", args=[mine.pk]), edit)
    mine.refresh_from_db()
    assert mine.value == "film director"
    accepted = Claim.objects.get(person=ikram, field="occupation", value="filmmaker")
    response = researcher.post(reverse("ingest:claim_edit", args=[accepted.pk]), edit)
    assert "your role may not do this" in response.content.decode()
    accepted.refresh_from_db()
    assert accepted.value == "filmmaker"


def test_edit_form_starts_from_the_claim(client_as, ikram):
    sentence = Claim.objects.get(person=ikram, field="sentence")
    html = client_as("editor").get(reverse("ingest:claim_edit", args=[sentence.pk])).content
    assert b'name="min_months" value="78"' in html
    assert b'name="quote"' not in html  # the words a claim cites never change


def test_unknown_claim_field_is_not_found(client_as, ikram):
    response = client_as("editor").get(reverse("ingest:claim_create", args=[ikram.pk, "shoe"]))
    assert response.status_code == 404


def test_researcher_cannot_cite_a_restricted_source(client_as, ikram):
    hidden = source_create(
        actor="system:test",
        text="A witness statement.",
        title="Witness W-3",
        confidentiality="restricted",
    ).source
    client = client_as("researcher")
    form = client.get(reverse("ingest:claim_create", args=[ikram.pk, "occupation"])).content
    assert b"Witness W-3" not in form
    response = _add(client, ikram, "occupation", {"occupation": "poet", "source": hidden.pk})
    assert "Select a valid choice" in response.content.decode()
    assert not Claim.objects.filter(value="poet").exists()


def test_viewer_cannot_post_a_claim(client_as, ikram):
    response = _add(client_as("viewer"), ikram, "occupation", {"occupation": "poet"})
    assert response.status_code == 403
    assert not Claim.objects.filter(value="poet").exists()
