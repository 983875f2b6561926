"""Sign in through a real browser; pages work offline and on a phone."""

import pytest

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"


@pytest.fixture
def amina(django_user_model):
    return django_user_model.objects.create_user(username="amina", password=PASSWORD)


def test_browser_signs_in_and_out(browser, amina):
    browser.login("amina", PASSWORD)
    page = browser.page
    assert page.locator(".whoami").inner_text().startswith("amina")
    page.click("text=Sign out")
    page.wait_for_load_state()
    assert page.locator(".whoami").count() == 0
    assert page.locator(".site-nav a", has_text="Sign in").count() == 1
    assert browser.offsite_requests == []


def test_browser_pages_load_htmx_and_obey_the_csp(browser):
    page = browser.page
    page.goto(browser.base_url + "/")
    page.wait_for_function("() => window.htmx !== undefined")
    assert page.evaluate("() => htmx.config.allowEval") is False
    assert page.evaluate("() => getComputedStyle(document.body).margin") == "0px"  # our CSS
    assert browser.console_errors == []
    assert browser.offsite_requests == []


def test_browser_wrong_password_shows_an_error(browser, amina):
    browser.login("amina", "not the password")
    assert "correct username and password" in browser.page.locator("[role=alert]").inner_text()


@pytest.mark.parametrize("width", [360, 1280])
def test_browser_login_page_fits_phone_and_laptop_widths(browser, width):
    page = browser.page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(browser.base_url + "/accounts/login/")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    box = page.locator("input[name=username]").bounding_box()
    assert box["width"] >= min(width * 0.6, 300)
