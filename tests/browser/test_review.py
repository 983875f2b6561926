"""The review queue and the duplicates page in a real browser, keys and all."""

import re

import pytest

from docket.accounts.services import user_create
from docket.cases.models import Claim, Person, PersonMerge
from docket.cases.services import ClaimInput, PersonClaims, claims_bulk_create
from docket.ingest.models import ExtractedPerson
from docket.ingest.runner import ingest_run

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple 42"


@pytest.fixture
def editor(browser, shared_dir):
    """The seed ingested by the real extractor (suggestions to review); an editor signed in."""
    seed = next((shared_dir / "seeds").glob("*.txt"))
    summary = ingest_run(actor="system:test", paths=[str(seed)])
    assert summary.documents_new == 1
    user_create(actor="system:test", username="reviewer", role="editor", password=PASSWORD)
    browser.login("reviewer", PASSWORD)
    return browser


def test_browser_reviews_a_claim_with_the_keyboard(editor):
    page = editor.page
    page.click("nav.site-nav a:text-is('Review')")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Review queue"
    page.click("table.queue a")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Review:")
    marks = page.locator(".source-text mark").all_inner_texts()
    assert any("Ikram Nurmehmet" in m for m in marks)
    items = page.locator("[data-review-item]")
    first_id = items.nth(0).get_attribute("id")
    second_id = items.nth(1).get_attribute("id")
    page.wait_for_function("() => document.activeElement.matches('[data-review-item]')")
    assert page.evaluate("() => document.activeElement.id") == first_id
    page.keyboard.press("?")
    assert page.locator("#review-help").is_visible()
    page.keyboard.press("?")
    page.evaluate("() => { window.notReloaded = true; }")
    page.keyboard.press("j")
    assert page.evaluate("() => document.activeElement.id") == second_id
    assert "current" in (page.locator(f"#{second_id}").get_attribute("class") or "")
    page.keyboard.press("a")
    page.wait_for_selector(f"#{second_id}.status-accepted")
    claim = Claim.objects.get(pk=int(second_id.removeprefix("item-")))
    assert claim.review_status == "accepted"
    assert Claim.objects.get(pk=int(first_id.removeprefix("item-"))).review_status == "suggested"
    assert "accepted." in page.locator(".messages").inner_text()
    assert page.evaluate("() => window.notReloaded") is True  # htmx swapped the page in
    # The next pending claim is the current one now: r rejects it.
    third = page.locator("[data-review-item].current").get_attribute("id")
    assert third not in (first_id, second_id)
    page.keyboard.press("r")
    page.wait_for_selector(f"#{third}.status-rejected")
    assert Claim.objects.get(pk=int(third.removeprefix("item-"))).review_status == "rejected"
    assert editor.offsite_requests == [] and editor.console_errors == []


def test_browser_review_works_without_javascript(browser, shared_dir):
    seed = next((shared_dir / "seeds").glob("*.txt"))
    ingest_run(actor="system:test", paths=[str(seed)])
    user_create(actor="system:test", username="plain", role="editor", password=PASSWORD)
    context = browser.page.context.browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{browser.base_url}/accounts/login/")
    page.fill("input[name=username]", "plain")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.stacked button[type=submit]")
    source_id = ExtractedPerson.objects.first().ingestion.source_id
    page.goto(f"{browser.base_url}/review/{source_id}/")
    current = page.locator("[data-review-item].current")
    claim_id = int(current.get_attribute("id").removeprefix("item-"))
    current.locator("button[data-key=a]").click()
    page.wait_for_load_state()
    assert Claim.objects.get(pk=claim_id).review_status == "accepted"
    assert page.locator(f"#item-{claim_id}.status-accepted").count() == 1
    context.close()


@pytest.fixture
def duplicates(browser):
    records = [
        PersonClaims(
            confidentiality="public",
            claims=[
                ClaimInput("name", {"text": name, "script": "Latn", "kind": "legal"}),
                ClaimInput("age", {"age": 40, "as_of": "2017"}),
                ClaimInput("ethnicity", "Uyghur"),
            ],
        )
        for name in ("Alim Tursun", "Alim Tursun")
    ]
    done = claims_bulk_create(actor="system:test", accept=True, records=records)
    user_create(actor="system:test", username="merger", role="editor", password=PASSWORD)
    browser.login("merger", PASSWORD)
    return browser, [r.person for r in done.records]


def test_browser_merges_two_duplicates_and_undoes_it(duplicates):
    session, (a, b) = duplicates
    page = session.page
    page.click("nav.site-nav a:text-is('Duplicates')")
    page.wait_for_load_state()
    card = page.locator(f"#pair-{a.pk}-{b.pk}")
    assert "born in the same years" in card.inner_text()
    card.locator("a:text-is('Merge…')").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Merge two persons into one?"
    page.fill("textarea[name=note]", "same man, same report")
    page.click("button:text-is('Merge')")
    page.wait_for_load_state()
    assert re.search(rf"/persons/{a.pk}/$", page.url)
    assert Person.objects.get(pk=b.pk).merged_into_id == a.pk
    page.click("button:text-is('Undo merge')")
    page.wait_for_load_state()
    assert re.search(rf"/persons/{b.pk}/$", page.url)
    assert "Merge undone" in page.locator(".messages").inner_text()
    assert Person.objects.get(pk=b.pk).merged_into_id is None
    assert PersonMerge.objects.get().undone_at is not None
    assert session.offsite_requests == [] and session.console_errors == []
