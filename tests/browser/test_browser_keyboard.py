"""Everything works with a keyboard alone, and the focused element can
always be seen: the explorer's filters, the site search, and the tab order
of every page type at both widths."""
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from browserkit import PAGE_TYPES, open_search

pytestmark = pytest.mark.browser

TAB_STOPS = 30

# What the focused element looks like, and whether it is on screen and on top.
FOCUS_STATE = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const r = e.getBoundingClientRect();
  const style = getComputedStyle(e);
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  return {
    name: e.tagName + " " + (e.id || e.className || "") + " " + (e.textContent || "").trim().slice(0, 30),
    size: r.width > 0 && r.height > 0,
    onScreen: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    onTop: !!top && (top === e || e.contains(top) || top.contains(e)),
    indicator: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2)
               || style.boxShadow !== "none",
  };
}"""


def tab_to(page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


FOCUS_SEEN = f"""() => {{
  const state = ({FOCUS_STATE})();
  return state === null || (state.size && state.onScreen && state.onTop && state.indicator);
}}"""


# The header, navigation and footer are the same on every page: these cover
# each kind of content between them.
FOCUS_PAGES = {name: PAGE_TYPES[name] for name in ("home", "explorer", "dilemma", "paper", "not-found")}


@pytest.mark.parametrize("path", list(FOCUS_PAGES.values()), ids=list(FOCUS_PAGES))
def test_every_tab_stop_is_visible_with_a_focus_indicator(visit, path):
    page = visit.open(path)
    problems = []
    for stop in range(TAB_STOPS):
        page.keyboard.press("Tab")
        try:
            # Allow for the search closing or the phone's menu sliding in.
            page.wait_for_function(FOCUS_SEEN, timeout=1500, polling=50)
        except PlaywrightTimeoutError:
            problems.append((stop, page.evaluate(FOCUS_STATE)))
        if page.evaluate(FOCUS_STATE) is None:
            break
    assert problems == []


def test_the_filters_work_with_the_keyboard_alone(visit):
    page = visit.open("dilemmas/")
    tab_to(page, "#filter-words")
    page.keyboard.type("whatsapp")
    page.keyboard.press("Enter")  # must not reload the page or submit anything
    page.wait_for_function("() => document.querySelector('[data-portal-count]').textContent.startsWith('1 of')")
    assert urlsplit(page.url).path.endswith("/dilemmas/")
    assert parse_qs(urlsplit(page.url).query) == {"words": ["whatsapp"]}

    page.keyboard.press("Tab")  # to the theme list
    assert page.evaluate("() => document.activeElement.id") == "filter-theme"
    page.keyboard.press("ArrowDown")
    chosen = page.input_value("#filter-theme")
    assert chosen, "the arrow key chooses a theme"
    page.wait_for_function("(t) => location.search.includes('theme=' + t)", arg=chosen)

    tab_to(page, "button[type=reset]", limit=6)
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('[data-portal-count]').textContent === '11 dilemmas'")
    assert page.input_value("#filter-words") == "" and page.input_value("#filter-theme") == ""


def test_the_search_works_with_the_keyboard_alone(visit):
    page = visit.open("")
    open_search(page, "redacted")  # a word from 2024-001's outcome
    announced = page.inner_text("[data-portal-search-status]")
    assert announced.endswith("matching document") or announced.endswith("matching documents")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # opens the best result
    assert "/dilemmas/2024-001/" in page.url


def test_arrow_keys_move_through_search_results(desktop):
    page = desktop.open("")
    open_search(page, "whatsapp")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert "/dilemmas/2023-005/" in first
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/dilemmas/2023-005/" in page.url
