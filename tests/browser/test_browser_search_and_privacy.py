"""Search finds records by their scenario, outcome and theme names and shows
their titles; no page makes a request to any other host, breaks its Content
Security Policy, or stores anything in the browser."""
import pytest

from browserkit import PAGE_TYPES, open_search
from portal_testkit import DRAFT_TEXT, UNAPPROVED_OUTCOME, UNPUBLISHED_RESPONSE

pytestmark = pytest.mark.browser


def result_titles(page) -> list[str]:
    return [t.strip() for t in page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link h1", "hs => hs.map(h => h.textContent)")]


@pytest.mark.parametrize("query, title", [
    ("zebracrossing", 'Sharing "quotes" & claims online, and why a < b matters'),          # scenario words
    ("redacted observer", "Sharing body-worn video footage with a community group"),  # outcome words
    ("Public order and protest", "Using a drone over a protest camp"),           # a theme's name
])
def test_search_finds_records_and_shows_their_titles(desktop, query, title):
    page = desktop.open("")
    open_search(page, query)
    assert title in result_titles(page)


def test_search_never_finds_unpublished_text(desktop):
    page = desktop.open("")
    search = page.locator(".md-search__input")
    for secret in (DRAFT_TEXT, UNAPPROVED_OUTCOME, UNPUBLISHED_RESPONSE):
        if search.is_visible():
            search.fill(secret)
            page.wait_for_timeout(400)
        else:
            open_search(page, secret)
        assert secret not in page.inner_text(".md-search-result")
        assert "A draft that is never published" not in result_titles(page)


def test_pages_in_use_contact_no_other_host_and_keep_their_policy(desktop):
    for path in PAGE_TYPES.values():
        desktop.open(path)
    explorer = desktop.open("dilemmas/")
    explorer.select_option("#filter-theme", "social-media")
    explorer.fill("#filter-words", "officer")
    home = desktop.open("")
    open_search(home, "social media")
    home.keyboard.press("ArrowDown")
    home.wait_for_timeout(300)
    assert desktop.third_party_requests() == []
    assert any(url.endswith("/search/search_index.json") for url in desktop.requests)
    assert desktop.problems() == {}


def test_nothing_is_stored_in_the_browser(desktop):
    explorer = desktop.open("dilemmas/?theme=social-media")
    explorer.fill("#filter-words", "officer")
    home = desktop.open("")
    open_search(home, "footage")
    assert desktop.context.cookies() == []
    for page in (explorer, home):
        assert page.evaluate("() => [localStorage.length, sessionStorage.length]") == [0, 0]
