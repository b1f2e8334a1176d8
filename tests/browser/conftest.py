"""Browser tests: the fixture site served from 127.0.0.1 on a free port and
opened in headless Chromium (Debian's package) with Playwright.

The site is built once per test process (shared with tests/portal) and the
browser is started once. Each test opens pages in a fresh browser context
that records every request, console error and Content Security Policy
violation, so any test can assert there were none. Without Chromium the
tests are skipped, saying why; on CI (CI=true) they fail instead.
"""
from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
for folder in (HERE, HERE.parent / "portal"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from browserkit import (CHROMIUM, CHROMIUM_ARGS, WIDTHS, SiteHandler, require_chromium,  # noqa: E402
                        visit_context)
from portal_testkit import SITE_PREFIX, shared_portal_site  # noqa: E402


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    require_chromium()
    site = shared_portal_site(tmp_path_factory)
    handler = functools.partial(SiteHandler, directory=str(site.site_dir.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address
    site.origin = f"http://{host}:{port}"
    site.base_url = f"{site.origin}/{SITE_PREFIX}/"
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def visit(request, browser, served_site):
    """A fresh browser context at each width (desktop and phone)."""
    current = visit_context(browser, served_site, WIDTHS[request.param])
    yield current
    current.context.close()


@pytest.fixture
def desktop(browser, served_site):
    current = visit_context(browser, served_site, WIDTHS["desktop"])
    yield current
    current.context.close()


