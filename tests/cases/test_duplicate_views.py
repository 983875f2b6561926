"""The duplicates page, merging after a confirmation, undoing it, and "not the same person"."""

import html
import re

import pytest
from django.urls import reverse

from docket.cases.models import Claim, DuplicateDismissal, Person, PersonMerge
from docket.cases.services import ClaimInput, PersonClaims, claims_bulk_create, duplicate_dismiss
from docket.core.errors import ApplicationError, PermissionDenied
from docket.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(report):
    """Two records of one man from the same report, and someone else."""

    def record(name, age, ethnicity="Uyghur"):
        return PersonClaims(
            confidentiality="public",
            source=report,
            claims=[
                ClaimInput("name", {"text": name, "script": "Latn", "kind": "legal"}),
                ClaimInput("age", {"age": age, "as_of": "2017"}),
                ClaimInput("ethnicity", ethnicity),
                ClaimInput("occupation", "teacher", quote="a Uyghur teacher"),
            ],
        )

    records = [record("Alim Tursun", 40), record("Alim Tursun", 40), record("Gulnar Tursun", 52)]
    done = claims_bulk_create(actor="system:test", accept=True, records=records)
    return [r.person for r in done.records]


def _state():
    return (
        sorted(Claim.objects.values_list("pk", "person_id", "review_status")),
        sorted(Person.objects.values_list("pk", "merged_into_id")),
        sorted(PersonMerge.objects.values_list("pk", "undone_at")),
        DuplicateDismissal.objects.count(),
        AuditEvent.objects.count(),
    )


def _messages(response):
    found = re.findall(r'<li class="message ([a-z]+)">([^<]*)</li>', response.content.decode())
    return [(level, html.unescape(text)) for level, text in found]


def test_duplicates_page_shows_pairs_with_facts_score_and_reasons(pair, client_as):
    a, b, _ = pair
    page = client_as("editor").get(reverse("cases:duplicates")).content.decode()
    card = page[page.index(f'id="pair-{a.pk}-{b.pk}"') :]
    card = card[: card.index("</article>")]
    assert card.count("Alim Tursun") >= 2 and "Gulnar" not in card
    assert "age 40 in 2017" in card and "Uyghur" in card
    assert re.search(r"score 0\.\d\d|score 1\.00", card)
    assert "born in the same years" in card
    assert reverse("cases:merge_confirm", args=[a.pk, b.pk]) in card
    assert "Not the same person" in card
    researcher = client_as("researcher").get(reverse("cases:duplicates")).content.decode()
    assert f'id="pair-{a.pk}-{b.pk}"' in researcher and "Not the same person" not in researcher
    assert client_as("viewer").get(reverse("cases:duplicates")).status_code == 403


def test_navigation_links_follow_the_roles(client_as, db):
    def links(role):
        page = client_as(role).get(reverse("publish:home")).content.decode()
        nav = page[page.index('<nav class="site-nav"') : page.index("</nav>")]
        return ">Review<" in nav, ">Duplicates<" in nav

    assert links("editor") == (True, True)
    assert links("researcher") == (True, True)
    assert links("viewer") == (False, False)
    assert links("anonymous") == (False, False)


def test_merge_confirmation_shows_what_will_be_merged(pair, client_as, report):
    a, b, _ = pair
    page = client_as("editor").get(reverse("cases:merge_confirm", args=[a.pk, b.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "Merge two persons into one?" in text
    assert f"(person {b.pk}) will be merged into Alim Tursun (person {a.pk})" in text
    assert text.count("“a Uyghur teacher”") == 2 and "Sample report" in text
    assert reverse("cases:merge_confirm", args=[b.pk, a.pk]) in text  # keep the other instead
    assert (
        client_as("researcher").get(reverse("cases:merge_confirm", args=[a.pk, b.pk])).status_code
        == 403
    )


def test_merge_then_undo_from_the_person_page(pair, client_as):
    a, b, _ = pair
    client = client_as("editor")
    moved = set(Claim.objects.filter(person=b).values_list("pk", flat=True))
    response = client.post(reverse("cases:merge_confirm", args=[a.pk, b.pk]), {"note": "same"})
    assert response["Location"] == reverse("cases:person_detail", args=[a.pk])
    b.refresh_from_db()
    assert b.merged_into == a
    assert set(Claim.objects.filter(person=a, pk__in=moved).values_list("pk", flat=True)) == moved
    merge = PersonMerge.objects.get()
    assert AuditEvent.objects.filter(action="person.merge", entity_id=str(merge.pk)).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Merged records" in page and "Undo merge" in page
    assert f'id="merge-{merge.pk}"' in page
    # The pair is gone from the duplicates page, the merge is on the merges list.
    assert (
        f'id="pair-{a.pk}-{b.pk}"' not in client.get(reverse("cases:duplicates")).content.decode()
    )
    assert f'id="merge-{merge.pk}"' in client.get(reverse("cases:merge_list")).content.decode()
    undo = client.post(reverse("cases:merge_undo", args=[merge.pk]), follow=True)
    assert ("success", "Merge undone: the two persons are apart again.") in _messages(undo)
    b.refresh_from_db()
    assert b.merged_into is None
    assert set(Claim.objects.filter(person=b).values_list("pk", flat=True)) == moved
    assert AuditEvent.objects.filter(action="person.unmerge").count() == 1
    before = _state()
    again = client.post(reverse("cases:merge_undo", args=[merge.pk]), follow=True)
    assert ("error", f"merge {merge.pk} was undone already") in _messages(again)
    assert _state() == before


def test_merging_a_person_into_itself_is_refused(pair, client_as):
    a, _, _ = pair
    client = client_as("editor")
    before = _state()
    url = reverse("cases:merge_confirm", args=[a.pk, a.pk])
    shown = client.get(url, follow=True)
    assert ("error", "a person cannot be merged into itself") in _messages(shown)
    done = client.post(url, follow=True)
    assert ("error", "a person cannot be merged into itself") in _messages(done)
    assert _state() == before


def test_merging_twice_is_refused(pair, client_as):
    a, b, c = pair
    client = client_as("editor")
    client.post(reverse("cases:merge_confirm", args=[a.pk, b.pk]))
    before = _state()
    response = client.post(reverse("cases:merge_confirm", args=[c.pk, b.pk]))
    assert response.status_code == 404  # b is no longer a person of its own
    assert _state() == before


def test_not_the_same_person_is_remembered(pair, client_as):
    a, b, _ = pair
    client = client_as("editor")
    url = reverse("cases:duplicate_dismiss", args=[b.pk, a.pk])
    response = client.post(url, follow=True)
    assert (
        "success",
        "Noted: not the same person. The pair will not be proposed again.",
    ) in _messages(response)
    row = DuplicateDismissal.objects.get()
    assert (row.first, row.second, row.dismissed_by) == (a, b, "editor-user")
    event = AuditEvent.objects.get(action="person.not_duplicate")
    assert event.after == {"first": a.pk, "second": b.pk, "note": ""}
    assert f'id="pair-{a.pk}-{b.pk}"' not in response.content.decode()
    before = _state()
    again = client.post(url, follow=True)
    assert (
        "error",
        f"persons {a.pk} and {b.pk} were marked as different people already",
    ) in _messages(again)
    assert _state() == before


def test_actions_refuse_a_get_and_other_roles(pair, client_as):
    a, b, _ = pair
    editor, researcher = client_as("editor"), client_as("researcher")
    before = _state()
    dismiss = reverse("cases:duplicate_dismiss", args=[a.pk, b.pk])
    response = editor.get(dismiss)
    assert response.status_code == 405 and "only takes a form" in response.content.decode()
    assert editor.get(reverse("cases:merge_undo", args=[1])).status_code == 405
    assert researcher.post(dismiss).status_code == 403
    assert researcher.post(reverse("cases:merge_confirm", args=[a.pk, b.pk])).status_code == 403
    assert _state() == before


def test_duplicate_dismiss_service_checks_its_input(pair, users):
    a, b, _ = pair
    with pytest.raises(PermissionDenied):
        duplicate_dismiss(actor=users["researcher"], person=a, other=b)
    with pytest.raises(ApplicationError, match="same person as itself"):
        duplicate_dismiss(actor=users["editor"], person=a, other=a)
    with pytest.raises(ApplicationError, match="at most 2000"):
        duplicate_dismiss(actor=users["editor"], person=a, other=b, note="x" * 2001)
    assert not DuplicateDismissal.objects.exists()
    duplicate_dismiss(actor="system:test", person=a, other=b, note=" checked ids ")
    assert DuplicateDismissal.objects.get().note == "checked ids"


def test_restricted_persons_stay_off_the_pages_of_roles_that_may_not_see_them(client_as):
    records = [
        PersonClaims(
            confidentiality="restricted",
            claims=[
                ClaimInput("name", {"text": "Witness Qurban", "script": "Latn", "kind": "legal"}),
                ClaimInput("age", {"age": 30, "as_of": "2020"}),
                ClaimInput("ethnicity", "Uyghur"),
            ],
        )
        for _ in range(2)
    ]
    a, b = (
        r.person
        for r in claims_bulk_create(actor="system:test", accept=True, records=records).records
    )
    editor = client_as("editor")
    assert "Witness Qurban" in editor.get(reverse("cases:duplicates")).content.decode()
    editor.post(reverse("cases:merge_confirm", args=[a.pk, b.pk]), {"note": "one witness"})
    researcher = client_as("researcher")
    for name in ("cases:duplicates", "cases:merge_list"):
        assert "Witness Qurban" not in researcher.get(reverse(name)).content.decode()
    assert "Witness Qurban" in editor.get(reverse("cases:merge_list")).content.decode()
    event = AuditEvent.objects.get(action="person.merge")
    assert event.after["note"].startswith("[restricted ")
