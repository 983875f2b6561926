"""The main staff pages in a real browser: sign in, filter cases, read the demo person."""

import pytest

from docket.accounts.services import user_create

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple 42"


@pytest.fixture
def signed_in(browser, demo):
    user_create(actor="system:test", username="amina", role="viewer", password=PASSWORD)
    browser.login("amina", PASSWORD)
    return browser


def test_browser_opens_the_demo_person_and_sees_timeline_sentence_and_sources(signed_in):
    page = signed_in.page
    assert page.url.endswith("/cases/")  # where signing in lands
    page.click("#results a:text-is('Ikram Nurmehmet')")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Ikram Nurmehmet"
    timeline = page.locator("ol.timeline > li .when").all_inner_texts()
    assert timeline[:3] == ["2010-2016", "January 2024", "23 August 2024"]
    sentence = page.locator("text=Sentence: 78 months")
    assert sentence.is_visible()
    assert "July 2030 at the latest" in page.locator(".release").first.inner_text()
    quote = page.locator("blockquote", has_text="sentenced to six and a half years in prison")
    assert quote.first.is_visible()
    assert signed_in.offsite_requests == [] and signed_in.console_errors == []


def test_browser_follows_a_fact_to_the_marked_words_in_its_source(signed_in):
    page = signed_in.page
    page.click("#results a:text-is('Ikram Nurmehmet')")
    page.locator(".release ~ .evidence a", has_text="Human Rights Watch").first.click()
    page.wait_for_load_state()
    target = page.evaluate("() => location.hash")
    assert target.startswith("#claim-")
    marked = page.locator(".source-text mark").all_inner_texts()
    assert any("six and a half years in prison" in m for m in marked)


def test_browser_filters_cases_with_htmx_without_reloading(signed_in):
    page = signed_in.page
    page.evaluate("() => { window.notReloaded = true; }")
    with page.expect_response(lambda r: "charge_category=separatism" in r.url):
        page.select_option("select[name=charge_category]", "separatism")
    page.wait_for_function("() => document.querySelectorAll('#results tbody tr').length === 1")
    assert "Tahir Imin's six business partners" in page.locator("#results").inner_text()
    assert page.evaluate("() => window.notReloaded") is True
    assert "charge_category=separatism" in page.url  # the filtered list can be bookmarked


@pytest.mark.parametrize("path", ["/cases/", "person"])
def test_browser_staff_pages_fit_a_phone(signed_in, path):
    page = signed_in.page
    page.set_viewport_size({"width": 360, "height": 740})
    if path == "person":
        page.click("#results a:text-is('Ikram Nurmehmet')")
    else:
        page.goto(signed_in.base_url + path)
    page.wait_for_load_state()
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
