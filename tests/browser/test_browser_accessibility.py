"""axe-core finds no WCAG 2.2 A or AA failure on any page type, on a desktop
screen and on a phone, including the search with its results open; no page
scrolls sideways, breaks its Content Security Policy or contacts another
host; and the panel paper prints without the site's navigation."""
import pytest

from browserkit import PAGE_TYPES, open_search, run_axe

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", list(PAGE_TYPES.values()), ids=list(PAGE_TYPES))
def test_no_accessibility_violations(visit, path):
    page = visit.open(path)
    assert run_axe(page) == []
    # WCAG 1.4.10 Reflow: nothing makes the reader scroll sideways.
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    # And the page kept to its Content Security Policy and to this site.
    assert visit.problems() == {}
    assert visit.third_party_requests() == []


def test_no_accessibility_violations_with_search_results_open(visit):
    page = visit.open("")
    open_search(page, "social media")
    assert page.locator(".md-search-result__item").count() > 0
    assert run_axe(page) == []


def test_the_search_dialog_has_a_name_and_its_results_are_announced(desktop):
    page = desktop.open("")
    assert page.get_attribute(".md-search", "role") == "dialog"
    assert page.get_attribute(".md-search", "aria-label") == "Search"
    open_search(page, "footage")
    status = page.locator("[data-portal-search-status]")
    assert status.get_attribute("role") == "status"
    assert status.inner_text() == page.locator(".md-search-result__meta").inner_text().strip()
    assert "matching document" in status.inner_text()


def test_the_panel_paper_prints_without_the_sites_chrome(desktop):
    page = desktop.open("meetings/2023-03-28-paper/")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer", ".portal-no-print"):
        assert page.eval_on_selector(chrome, "e => getComputedStyle(e).display") == "none", chrome
    assert page.locator(".portal-paper h1").is_visible()
    assert page.locator(".portal-paper__appendix h3").count() == 6
    assert page.eval_on_selector(".portal-paper__appendix", "e => getComputedStyle(e).breakBefore") == "page"
    page.emulate_media(media="screen")
    assert page.locator(".md-header").is_visible()
    assert page.locator("[data-portal-print]").is_visible()  # the script shows the print button
