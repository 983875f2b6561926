"""The review queue and the review page of one source: content per role, and every action
changes the database as it says, writes its audit event, or is refused changing nothing."""

import html
import re

import pytest
from django.db.models import F
from django.urls import reverse

from docket.cases.models import Claim, Person
from docket.cases.services import conflict_resolve
from docket.core.errors import ApplicationError, PermissionDenied
from docket.core.models import AuditEvent
from docket.evidence.models import Source
from docket.ingest.models import ExtractedPerson
from docket.ingest.services import Incoming, document_ingest, extracted_person_new

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(seed_text, seed_extraction):
    """The seed ingested as suggestions waiting for review."""
    result = document_ingest(
        actor="system:test",
        incoming=Incoming(name="seed", text=seed_text, title="HRW on Ikram Nurmehmet"),
        extraction=seed_extraction,
    )
    return Source.objects.get(pk=result.source_id)


def _state():
    """What an action may change: review states, decisions, persons, audit rows."""
    return (
        sorted(Claim.objects.values_list("pk", "review_status", "person_id")),
        sorted(ExtractedPerson.objects.values_list("pk", "decision", "person_id")),
        sorted(Person.objects.values_list("pk", "merged_into_id")),
        AuditEvent.objects.count(),
    )


def _claim_url(source, claim):
    return reverse("ingest:review_claim", args=[source.pk, claim.pk])


def _page(client, source, **params):
    response = client.get(reverse("ingest:review_source", args=[source.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


def _other_source():
    """A second ingested source with one person, whose claims the first page must refuse."""
    return document_ingest(
        actor="system:test",
        incoming=Incoming(name="other", text="Alim Tursun was detained."),
        extraction={"persons": [{"name": "Alim Tursun", "evidence": {"name": [[0, 11]]}}]},
    )


def _messages(response):
    found = re.findall(r'<li class="message ([a-z]+)">([^<]*)</li>', response.content.decode())
    return [(level, html.unescape(text)) for level, text in found]


def ikram(source):
    return ExtractedPerson.objects.get(ingestion__source=source, position=0)


def in_page_order(extracted):
    """The claims of an extracted person in the order the review page lists them."""
    return list(extracted.claims.order_by(F("span_start").asc(nulls_last=True), "id"))


def test_queue_lists_sources_waiting_with_counts_per_role(pending, client_as):
    editor = client_as("editor").get(reverse("ingest:queue")).content.decode()
    total = pending.claims.count()
    assert "HRW on Ikram Nurmehmet" in editor
    assert reverse("ingest:review_source", args=[pending.pk]) in editor
    assert re.search(rf'<td class="num">{total}</td>\s*<td class="num">5</td>', editor)
    researcher = client_as("researcher").get(reverse("ingest:queue")).content.decode()
    visible = pending.claims.exclude(confidentiality="restricted").count()
    assert re.search(rf'<td class="num">{visible}</td>\s*<td class="num">3</td>', researcher)
    assert client_as("viewer").get(reverse("ingest:queue")).status_code == 403


def test_queue_is_oldest_first_and_empty_when_all_is_reviewed(pending, client_as):
    later = document_ingest(
        actor="system:test",
        incoming=Incoming(name="later", text="Alim Tursun was detained.", title="Later report"),
        extraction={"persons": [{"name": "Alim Tursun", "evidence": {"name": [[0, 11]]}}]},
    )
    html = client_as("editor").get(reverse("ingest:queue")).content.decode()
    assert html.index("HRW on Ikram Nurmehmet") < html.index("Later report")
    client = client_as("editor")
    for extracted in ExtractedPerson.objects.all():
        client.post(
            reverse("ingest:review_person", args=[extracted.ingestion.source_id, extracted.pk]),
            {"decision": "accept"},
        )
    html = client.get(reverse("ingest:queue")).content.decode()
    assert "Nothing waits for review." in html and later.source_id


def test_review_page_marks_the_cited_words_and_lists_each_persons_claims(pending, client_as):
    html = _page(client_as("editor"), pending)
    sentence = ikram(pending).claims.get(field="sentence")
    # The cited words are marked and linked to their claim, and the claim back to them.
    assert re.search(
        rf'<span id="span-{sentence.pk}" class="anchor"></span><a class="mark-link" '
        rf'href="#item-{sentence.pk}"><mark class="status-suggested"',
        html,
    )
    item = html[html.index(f'id="item-{sentence.pk}"') :]
    item = item[: item.index("</li>")]
    assert "78 months" in item and "“six and a half years in prison”" in item
    assert f'href="#span-{sentence.pk}"' in item
    assert 'data-key="a"' in item and 'data-key="r"' in item and 'data-key="e"' in item
    assert re.findall(r"<h3>([^<]+) <span", html) == [
        "Ikram Nurmehmet",
        "Maya Wang",
        "4 unnamed people",
        "Tahir Imin",
        "6 unnamed people",
    ]
    assert "Accept all" in html and "Reject person" in html and "Create new person" in html
    # The first pending claim is where the reviewer starts.
    first = in_page_order(ikram(pending))[0]
    assert f'class="review-item status-suggested current" id="item-{first.pk}"' in html


def test_review_page_for_a_researcher_offers_edits_not_decisions(pending, client_as):
    html = _page(client_as("researcher"), pending)
    headings = re.findall(r"<h3>([^<]+) <span", html)
    # Sources quoted by name are restricted: their records are not offered for review.
    assert headings == ["Ikram Nurmehmet", "4 unnamed people", "6 unnamed people"]
    assert 'data-key="e"' in html
    assert 'data-key="a"' not in html and "Accept all" not in html
    assert "a reviewer accepts or rejects them" in html


def test_review_page_is_refused_to_viewers_and_the_public(pending, client_as):
    url = reverse("ingest:review_source", args=[pending.pk])
    assert client_as("viewer").get(url).status_code == 403
    assert client_as("anonymous").get(url)["Location"].startswith("/accounts/login/")


def test_accept_a_claim_audits_and_focuses_the_next_pending_one(pending, client_as):
    client = client_as("editor")
    claims = in_page_order(ikram(pending))
    response = client.post(_claim_url(pending, claims[0]), {"decision": "accept"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/review/{pending.pk}/?after={claims[0].pk}")
    claims[0].refresh_from_db()
    assert claims[0].review_status == "accepted"
    event = AuditEvent.objects.filter(action="claim.accept").get()
    assert event.entity_id == str(claims[0].pk) and event.actor == "editor-user"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert ("success", f"{claims[0].field.capitalize()} accepted.") in _messages(page)
    assert f'class="review-item status-suggested current" id="item-{claims[1].pk}"' in html
    assert f'class="review-item status-accepted" id="item-{claims[0].pk}"' in html


def test_reject_a_claim_keeps_the_reason_in_the_audit_log(pending, client_as):
    claim = ikram(pending).claims.get(field="sex")
    client_as("editor").post(
        _claim_url(pending, claim), {"decision": "reject", "reason": "pronoun misread"}
    )
    claim.refresh_from_db()
    assert claim.review_status == "rejected"
    event = AuditEvent.objects.get(action="claim.reject")
    assert event.after["reason"] == "pronoun misread"


def test_accepting_twice_is_refused_with_a_message(pending, client_as):
    client = client_as("editor")
    claim = ikram(pending).claims.get(field="age")
    client.post(_claim_url(pending, claim), {"decision": "accept"})
    before = _state()
    response = client.post(_claim_url(pending, claim), {"decision": "accept"}, follow=True)
    assert ("error", f"claim {claim.pk} is accepted already") in _messages(response)
    assert _state() == before


def test_a_claim_of_another_source_is_refused(pending, client_as):
    other = _other_source()
    foreign = Claim.objects.get(source_id=other.source_id)
    client = client_as("editor")
    before = _state()
    response = client.post(_claim_url(pending, foreign), {"decision": "accept"}, follow=True)
    assert (
        "error",
        f"claim {foreign.pk} is not a claim of this source: review it on its own source",
    ) in _messages(response)
    assert _state() == before


@pytest.mark.parametrize(
    "data", [{}, {"decision": "maybe"}, {"decision": "reject", "reason": "x" * 2001}]
)
def test_bad_input_is_refused_and_changes_nothing(pending, client_as, data):
    client = client_as("editor")
    claim = ikram(pending).claims.get(field="age")
    before = _state()
    response = client.post(_claim_url(pending, claim), data, follow=True)
    [(level, text)] = _messages(response)
    assert level == "error" and text.startswith(("decision:", "reason:"))
    assert _state() == before


@pytest.mark.parametrize("name", ["review_claim", "review_person", "review_link", "review_resolve"])
def test_a_get_on_an_action_is_refused_with_a_clear_page(pending, client_as, name):
    extracted = ikram(pending)
    args = {
        "review_claim": [pending.pk, extracted.claims.first().pk],
        "review_person": [pending.pk, extracted.pk],
        "review_link": [pending.pk, extracted.pk],
        "review_resolve": [pending.pk],
    }[name]
    client = client_as("editor")
    before = _state()
    response = client.get(reverse(f"ingest:{name}", args=args))
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert "This address only takes a form" in response.content.decode()
    assert _state() == before


def test_researchers_may_not_decide(pending, client_as):
    claim = ikram(pending).claims.get(field="age")
    client = client_as("researcher")
    before = _state()
    response = client.post(_claim_url(pending, claim), {"decision": "accept"})
    assert response.status_code == 403
    assert _state() == before


def test_accept_all_of_a_person(pending, client_as):
    extracted = ikram(pending)
    url = reverse("ingest:review_person", args=[pending.pk, extracted.pk])
    response = client_as("editor").post(url, {"decision": "accept"}, follow=True)
    assert ("success", "Person decided: new.") in _messages(response)
    extracted.refresh_from_db()
    assert extracted.decision == "new"
    assert set(extracted.claims.values_list("review_status", flat=True)) == {"accepted"}
    assert AuditEvent.objects.filter(action="extracted_person.new").count() == 1
    assert AuditEvent.objects.filter(action="claim.accept").count() == extracted.claims.count()
    again = client_as("editor").post(url, {"decision": "accept"}, follow=True)
    assert ("error", "this extracted person has no suggestion left to accept") in _messages(again)


def test_create_new_person_keeps_the_claims_waiting(pending, client_as):
    extracted = ikram(pending)
    url = reverse("ingest:review_person", args=[pending.pk, extracted.pk])
    client_as("editor").post(url, {"decision": "new"})
    extracted.refresh_from_db()
    assert extracted.decision == "new"
    assert set(extracted.claims.values_list("review_status", flat=True)) == {"suggested"}
    event = AuditEvent.objects.get(action="extracted_person.new")
    assert event.before == {"decision": "pending"}
    before = _state()
    again = client_as("editor").post(url, {"decision": "new"}, follow=True)
    assert ("error", "this extracted person was decided already (new)") in _messages(again)
    assert _state() == before


def test_reject_a_person_rejects_its_claims_once(pending, client_as):
    extracted = ExtractedPerson.objects.get(ingestion__source=pending, position=2)
    url = reverse("ingest:review_person", args=[pending.pk, extracted.pk])
    client_as("editor").post(url, {"decision": "reject", "reason": "not a group"})
    extracted.refresh_from_db()
    assert extracted.decision == "rejected"
    assert set(extracted.claims.values_list("review_status", flat=True)) == {"rejected"}
    assert AuditEvent.objects.filter(action="extracted_person.rejected").count() == 1
    before = _state()
    again = client_as("editor").post(url, {"decision": "reject"}, follow=True)
    assert ("error", "this extracted person was rejected already") in _messages(again)
    assert _state() == before


def test_a_person_of_another_source_is_refused(pending, client_as):
    other = _other_source()
    foreign = ExtractedPerson.objects.get(ingestion__source_id=other.source_id)
    client = client_as("editor")
    before = _state()
    url = reverse("ingest:review_person", args=[pending.pk, foreign.pk])
    response = client.post(url, {"decision": "accept"}, follow=True)
    assert ("error", f"extracted person {foreign.pk} was not found in this source") in _messages(
        response
    )
    assert _state() == before


@pytest.fixture
def second_report(seed_text, seed_extraction):
    """Ikram accepted from the seed; a second report names him again, age 34."""
    document_ingest(
        actor="system:test",
        incoming=Incoming(name="seed", text=seed_text, title="HRW"),
        extraction=seed_extraction,
        auto_accept=True,
    )
    ikram_person = ExtractedPerson.objects.get(position=0).person
    text = "Ikram Nurmehmet, 34, a Uyghur filmmaker, was tortured."
    result = document_ingest(
        actor="system:test",
        incoming=Incoming(name="second", text=text, title="Second report"),
        extraction={
            "persons": [
                {
                    "name": "Ikram Nurmehmet",
                    "role": "victim",
                    "age": 34,
                    "ethnicity": "Uyghur",
                    "evidence": {"name": [[0, 15]], "age": [[17, 19]], "ethnicity": [[23, 29]]},
                }
            ]
        },
    )
    source = Source.objects.get(pk=result.source_id)
    return ikram_person, source, ExtractedPerson.objects.get(ingestion__source=source)


def test_candidates_are_shown_and_linking_merges_into_the_person(second_report, client_as):
    person, source, extracted = second_report
    client = client_as("editor")
    html = _page(client, source)
    candidates = html[html.index("May be someone already recorded") :]
    assert f'href="/persons/{person.pk}/">Ikram Nurmehmet</a>' in candidates
    assert "score " in candidates and "Link to this person" in candidates
    shell = extracted.person
    url = reverse("ingest:review_link", args=[source.pk, extracted.pk])
    response = client.post(url, {"person": person.pk}, follow=True)
    assert (
        "success",
        "Linked: its claims now wait for review on the existing person's record.",
    ) in _messages(response)
    extracted.refresh_from_db()
    shell.refresh_from_db()
    assert extracted.decision == "linked" and extracted.person == person
    assert shell.merged_into == person
    assert {a for a in AuditEvent.objects.values_list("action", flat=True)} >= {
        "person.merge",
        "extracted_person.linked",
    }
    before = _state()
    again = client.post(url, {"person": person.pk}, follow=True)
    [(level, _)] = _messages(again)
    assert level == "error" and _state() == before


def test_conflicts_are_shown_and_resolved_by_keeping_one_value(second_report, client_as):
    person, source, extracted = second_report
    client = client_as("editor")
    client.post(
        reverse("ingest:review_link", args=[source.pk, extracted.pk]), {"person": person.pk}
    )
    age = Claim.objects.get(source=source, field="age")
    item = _page(client, source).split(f'id="item-{age.pk}"')[1].split("</li>")[0]
    assert "disagrees</a> with the accepted age: 33" in item
    ethnicity = Claim.objects.get(source=source, field="ethnicity")
    assert (
        "disagrees"
        not in _page(client, source).split(f'id="item-{ethnicity.pk}"')[1].split("</li>")[0]
    )
    client.post(_claim_url(source, age), {"decision": "accept"})
    html = _page(client, source)
    assert "Conflicts with accepted facts" in html
    assert "Ikram Nurmehmet, age: the sources disagree" in html
    old = Claim.objects.get(person=person, field="age", review_status="accepted", value__age=33)
    response = client.post(
        reverse("ingest:review_resolve", args=[source.pk]), {"keep": age.pk}, follow=True
    )
    assert ("success", "Conflict settled: 1 disagreeing claim(s) rejected.") in _messages(response)
    old.refresh_from_db()
    assert old.review_status == "rejected"
    assert Person.objects.get(pk=person.pk).age == 34
    event = AuditEvent.objects.get(action="conflict.resolve")
    assert event.after["kept"] == age.pk and event.after["rejected"] == [old.pk]
    assert "Conflicts with accepted facts" not in _page(client, source)
    before = _state()
    again = client.post(
        reverse("ingest:review_resolve", args=[source.pk]), {"keep": age.pk}, follow=True
    )
    assert ("error", f"no accepted claim disagrees with claim {age.pk}") in _messages(again)
    assert _state() == before


def test_edit_from_the_review_page_comes_back_to_it(pending, client_as):
    claim = ikram(pending).claims.get(field="occupation", value="filmmaker")
    back = f"/review/{pending.pk}/?after={claim.pk}"
    html = _page(client_as("editor"), pending)
    edit = reverse("ingest:claim_edit", args=[claim.pk])
    assert f'href="{edit}?next=/review/{pending.pk}/%3Fafter%3D{claim.pk}"' in html
    response = client_as("editor").post(
        f"{edit}?next={back}",
        {"occupation": "film director", "veracity": "alleged", "confidentiality": ""},
    )
    assert response["Location"] == back
    claim.refresh_from_db()
    assert claim.value == "film director" and claim.review_status == "suggested"


def test_conflict_resolve_refuses_what_is_no_conflict(second_report, users):
    person, source, extracted = second_report
    age = Claim.objects.get(source=source, field="age")
    with pytest.raises(ApplicationError, match="accept it before keeping it"):
        conflict_resolve(actor=users["editor"], keep=age)
    occupation = Claim.objects.filter(person=person, field="occupation").first()
    with pytest.raises(ApplicationError, match="several values of this fact"):
        conflict_resolve(actor=users["editor"], keep=occupation)
    with pytest.raises(PermissionDenied):
        conflict_resolve(actor=users["researcher"], keep=occupation)
    with pytest.raises(PermissionDenied):
        extracted_person_new(actor=users["researcher"], extracted=extracted)
    assert not AuditEvent.objects.filter(action__in=["conflict.resolve", "extracted_person.new"])
