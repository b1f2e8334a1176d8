"""The dilemma explorer in a browser: the whole list without JavaScript;
with it, instant filters, a count announced to screen readers, and the
filters kept in the address so a view can be shared and restored."""
from urllib.parse import parse_qs, urlsplit

import pytest

from browserkit import WIDTHS, visit_context

pytestmark = pytest.mark.browser

TOTAL = 11


def shown_ids(page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-portal-results] > li:not([hidden]) > a",
        "links => links.map(a => a.getAttribute('href').replace(/\\/$/, ''))")


def count_text(page) -> str:
    return page.inner_text("[data-portal-count]")


def query_of(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}


def test_without_javascript_every_dilemma_is_listed_and_the_form_is_hidden(browser, served_site):
    plain = visit_context(browser, served_site, WIDTHS["phone"], java_script_enabled=False)
    try:
        page = plain.open("dilemmas/")
        assert len(shown_ids(page)) == TOTAL
        assert not page.locator("[data-portal-filters]").is_visible()
        assert count_text(page) == f"{TOTAL} dilemmas"
    finally:
        plain.context.close()


def test_each_filter_narrows_the_list_and_updates_the_count(desktop):
    page = desktop.open("dilemmas/")
    assert page.locator("[data-portal-filters]").is_visible()
    assert page.get_attribute("[data-portal-count]", "role") == "status"

    page.select_option("#filter-status", "closed")
    assert shown_ids(page) == ["2024-001"]
    assert count_text(page) == f"1 of {TOTAL} dilemmas shown"
    assert query_of(page) == {"status": "closed"}

    page.select_option("#filter-status", "")
    page.select_option("#filter-year", "2023")
    assert shown_ids(page) == [f"2023-00{n}" for n in range(1, 7)]
    page.select_option("#filter-theme", "social-media")
    assert len(shown_ids(page)) == 6
    page.select_option("#filter-year", "")
    page.select_option("#filter-meeting", "2024-06-11")
    expected = page.eval_on_selector_all(
        "[data-portal-results] > li[data-theme~='social-media'][data-meeting='2024-06-11'] > a",
        "links => links.map(a => a.getAttribute('href').replace(/\\/$/, ''))")
    assert "2024-006" in expected and "2023-001" not in expected
    assert shown_ids(page) == expected
    assert query_of(page) == {"theme": "social-media", "meeting": "2024-06-11"}


def wait_until_shown(page, ids: list[str]) -> None:
    """The words filter waits for a pause in typing before it filters."""
    page.wait_for_function(
        """(ids) => JSON.stringify([...document.querySelectorAll('[data-portal-results] > li:not([hidden]) > a')]
                      .map(a => a.getAttribute('href').replace(/\\/$/, ''))) === JSON.stringify(ids)""",
        arg=ids)


def test_the_words_filter_matches_titles_summaries_and_theme_names(desktop):
    page = desktop.open("dilemmas/")
    page.fill("#filter-words", "whatsapp")
    wait_until_shown(page, ["2023-005"])
    page.fill("#filter-words", "unredacted footage")  # words from 2024-001's summary
    wait_until_shown(page, ["2024-001"])
    # A theme's name, in any capitals, finds the dilemmas with that theme.
    with_theme = page.eval_on_selector_all(
        "[data-portal-results] > li[data-theme~='public-order-and-protest'] > a",
        "links => links.map(a => a.getAttribute('href').replace(/\\/$/, ''))")
    assert "2024-003" in with_theme
    page.fill("#filter-words", "PUBLIC ORDER and protest")
    wait_until_shown(page, with_theme)
    assert count_text(page) == f"{len(with_theme)} of {TOTAL} dilemmas shown"
    assert query_of(page) == {"words": "PUBLIC ORDER and protest"}


def test_no_match_says_so_and_clearing_brings_everything_back(desktop):
    page = desktop.open("dilemmas/?words=nothingmatchesthis")
    assert shown_ids(page) == []
    assert page.locator("[data-portal-empty]").is_visible()
    assert count_text(page) == f"0 of {TOTAL} dilemmas shown"
    page.click("text=Clear filters")
    page.wait_for_function(f"() => document.querySelector('[data-portal-count]').textContent === '{TOTAL} dilemmas'")
    assert len(shown_ids(page)) == TOTAL
    assert not page.locator("[data-portal-empty]").is_visible()
    assert urlsplit(page.url).query == ""


def test_a_shared_address_restores_the_view(desktop):
    page = desktop.open("dilemmas/?theme=social-media&status=for-discussion&words=officer")
    assert page.input_value("#filter-theme") == "social-media"
    assert page.input_value("#filter-status") == "for-discussion"
    assert page.input_value("#filter-words") == "officer"
    shown = shown_ids(page)
    assert shown and all(i.startswith("2023-") for i in shown)
    page.reload()
    assert shown_ids(page) == shown


def test_an_unknown_value_in_the_address_is_ignored(desktop):
    page = desktop.open("dilemmas/?theme=no-such-theme&status=draft")
    assert page.input_value("#filter-theme") == ""
    assert page.input_value("#filter-status") == ""
    assert len(shown_ids(page)) == TOTAL
