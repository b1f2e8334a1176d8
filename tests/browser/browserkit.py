"""Helpers for the browser tests: which pages to visit, a browser context
that records what the pages did, axe-core, and the site search."""
from __future__ import annotations

import http.server
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from portal_testkit import SITE_PREFIX
from sitekit import REPO

CHROMIUM = Path(os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium"))
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTHS = {"desktop": 1280, "phone": 375}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Every page type, by the address below the site's root.
PAGE_TYPES = {
    "home": "",
    "explorer": "dilemmas/",
    "explorer-filtered": "dilemmas/?theme=social-media&status=for-discussion",
    "dilemma": "dilemmas/2024-001/",
    "meeting": "meetings/2024-06-11/",
    "paper": "meetings/2023-03-28-paper/",
    "theme": "themes/social-media/",
    "themes": "themes/",
    "meetings": "meetings/",
    "accessibility": "accessibility/",
    "open-data": "open-data/",
    "not-found": "no-such-page/",
}

# Collects what the page did, from before its first script runs.
_WATCH = """
window.__portalWatch = {csp: [], errors: []};
document.addEventListener("securitypolicyviolation", (e) => {
  window.__portalWatch.csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " "
                                + (e.sourceFile || "") + ":" + e.lineNumber);
});
window.addEventListener("error", (e) => window.__portalWatch.errors.push(String(e.message)));
"""


def require_chromium():
    missing = [str(p) for p in (CHROMIUM, AXE) if not p.exists()]
    if missing:
        reason = ("browser tests need Debian's chromium and the npm package axe-core: missing "
                  + ", ".join(missing) + " (python3 dev.py test installs them)")
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site; a missing page gets the site's 404 page, as on
    the real host."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / SITE_PREFIX / "404.html"
        if code != 404 or not not_found.exists():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@dataclass
class Visit:
    """A browser context on the served site, with what it has seen."""
    context: object
    base_url: str
    origin: str
    requests: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    pages: list = field(default_factory=list)

    def open(self, path: str = ""):
        page = self.context.new_page()
        # The "page not found" page is meant to arrive with status 404.
        expected = "404 (Not Found)" if path == PAGE_TYPES["not-found"] else None
        page.on("console", lambda message: message.type == "error"
                and not (expected and expected in message.text)
                and self.console_errors.append(message.text))
        page.goto(self.base_url + path)
        page.wait_for_load_state("load")
        self.pages.append(page)
        return page

    def third_party_requests(self) -> list[str]:
        return [url for url in self.requests
                if not url.startswith(self.origin + "/") and not url.startswith("data:")]

    def problems(self) -> dict:
        """CSP violations and script errors on every page opened so far."""
        found = {"console errors": list(self.console_errors)}
        for page in self.pages:
            if not page.is_closed():
                watch = page.evaluate("() => window.__portalWatch")
                found.setdefault("csp violations", []).extend(watch["csp"])
                found.setdefault("script errors", []).extend(watch["errors"])
        return {k: v for k, v in found.items() if v}


def visit_context(browser, served_site, width: int, **options) -> Visit:
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    context.add_init_script(_WATCH)
    visit = Visit(context, served_site.base_url, served_site.origin)
    context.on("request", lambda request: visit.requests.append(request.url))
    return visit


def run_axe(page) -> list[dict]:
    """axe-core's WCAG 2.2 A and AA violations on the page as it is now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol, so the page's CSP (which
        # rightly forbids injected scripts) does not block the test tool.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => {
             const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
             return result.violations.map((v) => ({id: v.id, help: v.help,
               nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + ": " + n.failureSummary)}));
           }""",
        WCAG_TAGS,
    )


def open_search(page, query: str) -> None:
    """Open the search by keyboard (Tab to the search box), type, and wait
    for the results and the announcement of their number."""
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.md-search__input')"):
            break
    else:
        raise AssertionError("the search box cannot be reached with Tab")
    page.keyboard.type(query)
    page.wait_for_function(
        "() => document.querySelector('[data-portal-search-status]').textContent.trim() !== ''",
        timeout=10_000)
