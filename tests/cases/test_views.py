"""Case and person pages: the right content for each role, restricted values never shown."""

import re
from html import unescape

import pytest
from django.urls import reverse

from docket.cases.models import Case, Claim, Institution, Person
from docket.core.models import AuditEvent
from docket.evidence.services import source_create

SECRET_PLACE = "Safehouse Kilo-7"
SECRET_NAME = "Gulnar Secretname"
READERS = ["viewer", "researcher"]  # roles that may not see restricted values


@pytest.fixture
def ikram(demo):
    return Person.objects.get(pk=demo.person_ids[0])


@pytest.fixture
def restricted_facts(ikram, fact):
    """Two restricted facts about the public demo person: a name and an event."""
    fact(ikram, "name", {"text": SECRET_NAME, "kind": "alias"}, confidentiality="restricted")
    event = {"type": "transfer", "date": "2024-03", "place": SECRET_PLACE}
    fact(ikram, "event", event, confidentiality="restricted")


def _html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _text(html):
    """The page's words without tags, to assert on what a reader sees."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


# --- case list ---------------------------------------------------------------------------


def test_case_list_shows_the_cases_with_their_persons(client_as, demo):
    text = _text(_html(client_as("viewer"), reverse("cases:case_list")))
    assert "2 cases" in text
    assert "Ikram Nurmehmet and four co-defendants" in text
    assert "Tahir Imin's six business partners" in text
    assert "4 unnamed people (4)" in text


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ({"charge_category": "separatism"}, ["Tahir Imin's six business partners"]),
        ({"charge_category": "terrorism"}, ["Ikram Nurmehmet and four co-defendants"]),
        ({"year": "2024"}, ["Ikram Nurmehmet and four co-defendants"]),
        ({"year": "2012"}, ["Ikram Nurmehmet and four co-defendants"]),  # within 2010/2016
        # Each filter may match a different person of the case (the six have no ethnicity).
        (
            {"ethnicity": "Uyghur", "status": "sentenced"},
            ["Ikram Nurmehmet and four co-defendants"],
        ),
        ({}, ["Tahir Imin's six business partners", "Ikram Nurmehmet and four co-defendants"]),
    ],
)
def test_case_list_filters(client_as, demo, query, titles):
    html = _html(client_as("viewer"), reverse("cases:case_list") + "?" + _qs(query))
    shown = re.findall(r'<a href="/cases/\d+/">([^<]+)</a>', html)
    assert [unescape(title) for title in shown] == titles


def _qs(query):
    from urllib.parse import urlencode

    return urlencode(query)


def test_case_list_filters_by_court_and_facility(client_as, demo):
    client = client_as("viewer")
    court = Institution.objects.get(kind="court")
    facility = Institution.objects.get(kind="detention_facility")
    both = _html(client, reverse("cases:case_list") + f"?court={court.pk}")
    assert "2 cases" in both
    one = _text(_html(client, reverse("cases:case_list") + f"?facility={facility.pk}"))
    assert "1 case" in one and "Ikram Nurmehmet and four co-defendants" in one


def test_case_list_rejects_a_bad_filter_with_a_message(client_as, demo):
    html = _html(client_as("viewer"), reverse("cases:case_list") + "?year=1066&charge_category=x")
    assert 'role="alert"' in html
    assert "Select a valid choice" in html
    assert "Ikram Nurmehmet and four co-defendants" not in html


def test_case_list_answers_htmx_with_the_results_fragment(client_as, demo):
    url = reverse("cases:case_list") + "?charge_category=separatism"
    response = client_as("viewer").get(url, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert "<html" not in html
    assert "Tahir Imin's six business partners" in unescape(html)


def test_case_list_gives_the_whole_page_when_htmx_restores_history(client_as, demo):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    html = client_as("viewer").get(reverse("cases:case_list"), headers=headers).content.decode()
    assert "<html" in html


def test_case_list_hides_restricted_persons_from_viewers(client_as, demo):
    assert "Tahir Imin</a>" not in _html(client_as("viewer"), reverse("cases:case_list"))
    assert "Tahir Imin</a>" in _html(client_as("editor"), reverse("cases:case_list"))


# --- person page ---------------------------------------------------------------------------


def test_person_page_shows_timeline_in_date_order_with_honest_dates(client_as, ikram):
    text = _text(_html(client_as("viewer"), reverse("cases:person_detail", args=[ikram.pk])))
    order = [
        "2010-2016 Lived, studied or travelled abroad (Turkey)",
        "January 2024 Conviction: Urumqi Intermediate People's Court",
        "23 August 2024 Family notified",
        "date unknown Detention: Urumqi No. 1 Detention Center",
    ]
    positions = [text.find(part) for part in order]
    assert -1 not in positions, positions
    assert positions == sorted(positions)


def test_person_page_shows_sentence_with_expected_release_and_quoted_words(client_as, ikram):
    html = _html(client_as("viewer"), reverse("cases:person_detail", args=[ikram.pk]))
    text = _text(html)
    assert "Sentence: 78 months" in text
    assert "Expected release: July 2030 at the latest" in text
    assert "“sentenced to six and a half years in prison”" in text
    assert "Charge: actively participating in terrorist activities (Terrorism" in text


def test_person_page_gives_every_fact_its_source_and_quote(client_as, ikram, demo):
    html = _html(client_as("viewer"), reverse("cases:person_detail", args=[ikram.pk]))
    accepted = Claim.objects.filter(person=ikram, review_status="accepted")
    for claim in accepted:
        link = f"{reverse('evidence:source_detail', args=[demo.source_id])}#claim-{claim.pk}"
        assert f'id="claim-{claim.pk}"' in html, claim
        assert link in html, claim
        assert f"“{claim.quote}”" in unescape(html), claim


def test_person_page_shows_names_allegations_codefendants_and_interventions(client_as, ikram):
    text = _text(_html(client_as("viewer"), reverse("cases:person_detail", args=[ikram.pk])))
    assert "Ikram Nurmehmet Legal name Latin script" in text
    for allegation in ("Torture", "Coerced confession", "Family not notified", "Unfair trial"):
        assert allegation in text
    assert "Co-defendants 4 unnamed people (4 people)" in text
    assert "Call for release by Human Rights Watch" in text
    assert "Age 33 (as of 2024)" in text and "Ethnicity Uyghur" in text


def test_person_page_shows_a_conflict_between_sources_as_a_conflict(client_as, ikram, fact):
    later = source_create(
        actor="system:test",
        text="A later report says Ikram Nurmehmet, 40, was detained in 2017.",
        title="A later report",
        confidentiality="public",
    ).source
    fact(ikram, "age", {"age": 40, "as_of": "2024"}, source=later, quote="Ikram Nurmehmet, 40")
    text = _text(_html(client_as("viewer"), reverse("cases:person_detail", args=[ikram.pk])))
    assert "Conflicts between sources Age: the sources disagree" in text
    conflict = text[text.index("Age: the sources disagree") :]
    assert "33 (as of 2024)" in conflict and "“Nurmehmet, 33”" in conflict
    assert "40 (as of 2024)" in conflict and "A later report “Ikram Nurmehmet, 40”" in conflict
    assert text.count("sources disagree") >= 3  # both facts are flagged, plus the heading


@pytest.mark.parametrize("role", READERS)
def test_person_page_hides_restricted_facts(client_as, ikram, restricted_facts, role):
    html = _html(client_as(role), reverse("cases:person_detail", args=[ikram.pk]))
    assert SECRET_PLACE not in html and SECRET_NAME not in html
    assert "Ikram Nurmehmet" in html


def test_person_page_shows_restricted_facts_to_editors(client_as, ikram, restricted_facts):
    html = _html(client_as("editor"), reverse("cases:person_detail", args=[ikram.pk]))
    assert SECRET_PLACE in html and SECRET_NAME in html
    assert "March 2024 Transfer" in _text(html)


@pytest.mark.parametrize("role", READERS)
def test_restricted_person_is_not_found_for_readers_without_the_right(client_as, demo, role):
    tahir = demo.person_ids[3]
    response = client_as(role).get(reverse("cases:person_detail", args=[tahir]))
    assert response.status_code == 404
    assert "Tahir" not in response.content.decode()
    editor = client_as("editor").get(reverse("cases:person_detail", args=[tahir]))
    assert "Tahir Imin" in editor.content.decode()


def test_person_page_of_a_merged_person_redirects_to_the_survivor(client_as, ikram, person):
    from docket.cases.services import person_merge

    again = person(name="Ikram Nurmehmet")
    person_merge(into=ikram, other=again, user="system:test")
    url = reverse("cases:person_detail", args=[again.pk])
    response = client_as("viewer").get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:person_detail", args=[ikram.pk])


def test_restricted_values_never_reach_anonymous_visitors(client, ikram, restricted_facts):
    for url in (
        reverse("publish:home"),
        reverse("cases:case_list"),
        reverse("cases:person_detail", args=[ikram.pk]),
    ):
        response = client.get(url, follow=True)
        assert SECRET_PLACE not in response.content.decode()


def test_missing_person_gives_the_404_page(client_as, demo):
    response = client_as("viewer").get(reverse("cases:person_detail", args=[999_999]))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_person_page_offers_add_and_review_links_only_to_roles_that_may_use_them(client_as, ikram):
    url = reverse("cases:person_detail", args=[ikram.pk])
    add = reverse("ingest:claim_create", args=[ikram.pk, "event"])
    viewer, researcher, editor = (
        _html(client_as(r), url) for r in ("viewer", "researcher", "editor")
    )
    assert add not in viewer and add in researcher and add in editor
    review = re.compile(r"/claims/\d+/review/")
    assert not review.search(viewer) and not review.search(researcher) and review.search(editor)
    assert "/edit/" not in viewer and "/edit/" not in researcher  # accepted claims: editors


# --- case page -----------------------------------------------------------------------------


def test_case_page_lists_its_persons_by_role(client_as, demo):
    text = _text(_html(client_as("viewer"), reverse("cases:case_detail", args=[demo.case_ids[0]])))
    assert "Ikram Nurmehmet Victim 1" in text
    assert "4 unnamed people Victim 4" in text
    assert "Maya Wang" not in text  # a source: restricted by default


# --- forms ---------------------------------------------------------------------------------


def test_person_create_makes_a_person_with_a_name_and_opens_it(client_as, db):
    response = client_as("editor").post(
        reverse("cases:person_create"),
        {"name": "Ilham Tohti", "script": "Latn", "kind": "legal", "confidentiality": "internal"},
    )
    person = Person.objects.get()
    assert response["Location"] == reverse("cases:person_detail", args=[person.pk])
    assert person.names.get().text == "Ilham Tohti"
    assert person.confidentiality == "internal"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "x" * 301}, "at most 300 characters"),
        ({"name": "Ilham Tohti", "script": "Klingon"}, "Select a valid choice"),
        ({"name": "Ilham Tohti", "language": "not a tag!"}, "is not a language tag"),
        ({"name": ""}, "This field is required"),
    ],
)
def test_person_create_refuses_bad_input_and_changes_nothing(client_as, db, data, message):
    client = client_as("editor")
    writes = AuditEvent.objects.count()
    form = {"name": "", "script": "Latn", "kind": "legal", "language": ""} | data
    response = client.post(reverse("cases:person_create"), form)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Person.objects.count() == 0
    assert AuditEvent.objects.count() == writes


def test_person_edit_changes_who_may_see_the_person(client_as, ikram):
    editor, viewer = client_as("editor"), client_as("viewer")
    url = reverse("cases:person_detail", args=[ikram.pk])
    response = editor.post(
        reverse("cases:person_edit", args=[ikram.pk]), {"confidentiality": "restricted"}
    )
    assert response["Location"] == url
    assert viewer.get(url).status_code == 404
    assert editor.get(url).status_code == 200


def test_case_create_refuses_an_oversize_title(client_as, db):
    response = client_as("editor").post(
        reverse("cases:case_create"),
        {"title": "t" * 301, "status": "open", "confidentiality": "internal"},
    )
    assert "at most 300 characters" in response.content.decode()
    assert Case.objects.count() == 0


def test_case_create_makes_a_case(client_as, db):
    response = client_as("editor").post(
        reverse("cases:case_create"),
        {"title": "The Xinjiang University case", "status": "open", "confidentiality": "internal"},
    )
    case = Case.objects.get()
    assert response["Location"] == reverse("cases:case_detail", args=[case.pk])


def test_institution_create_adds_a_court_and_refuses_a_duplicate(client_as, db):
    client = client_as("researcher")
    data = {"name": "Kashgar Intermediate People's Court", "kind": "court", "country": "China"}
    back = reverse("cases:person_create")
    response = client.post(reverse("cases:institution_create") + f"?next={back}", data)
    assert response["Location"] == back
    again = client.post(reverse("cases:institution_create"), data)
    assert "exists already" in again.content.decode()
    assert Institution.objects.count() == 1


def test_institution_create_never_redirects_to_another_site(client_as, db):
    response = client_as("researcher").post(
        reverse("cases:institution_create") + "?next=https://evil.example/",
        {"name": "Aksu Prison", "kind": "prison"},
    )
    assert response["Location"] == reverse("cases:case_list")


def test_case_list_pages_keep_the_filters(client_as, db):
    from docket.cases.services import case_create
    from docket.core.web import PAGE_SIZE

    for n in range(PAGE_SIZE + 2):
        case_create(actor="system:test", title=f"Case {n:03}", status="closed")
    client = client_as("viewer")
    first = _html(client, reverse("cases:case_list") + "?case_status=closed")
    assert f"{PAGE_SIZE + 2} cases, page 1 of 2" in first
    assert 'href="?case_status=closed&amp;page=2"' in first
    second = _text(_html(client, reverse("cases:case_list") + "?case_status=closed&page=2"))
    assert "Case 001" in second and "Case 000" in second and "Case 002" not in second
