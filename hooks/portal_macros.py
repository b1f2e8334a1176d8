"""Macros for the hand-written pages in docs/ (mkdocs-macros, opt-in per page
with ``render_macros: true``). Record pages never go through macros.

Each macro returns Markdown or HTML from ``portal.docs_fragments``; links in
it are relative to the page being rendered.
"""
from __future__ import annotations

import sys
from pathlib import Path

_REPO = Path(__file__).resolve().parent.parent
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

from portal import docs_fragments  # noqa: E402
from portal.render import esc  # noqa: E402


def define_env(env):
    def content():
        return env.conf["extra"]["portal"]["content"]

    def here(page_uri: str | None) -> str:
        return page_uri or env.page.file.src_uri

    @env.macro
    def latest_dilemmas(limit: int = 6, page_uri: str | None = None) -> str:
        return docs_fragments.latest_dilemmas(content(), limit, here(page_uri))

    @env.macro
    def latest_outcomes(limit: int = 5, page_uri: str | None = None) -> str:
        return docs_fragments.latest_outcomes(content(), limit, here(page_uri))

    @env.macro
    def meetings_summary(page_uri: str | None = None) -> str:
        return docs_fragments.meetings_summary(content(), here(page_uri))

    @env.macro
    def themes_list(page_uri: str | None = None) -> str:
        return docs_fragments.themes_list(content(), here(page_uri))

    @env.macro
    def explorer_link(page_uri: str | None = None) -> str:
        return docs_fragments.explorer_link(content(), here(page_uri))

    @env.macro
    def status_table() -> str:
        return docs_fragments.status_table()

    @env.macro
    def record_format_reference() -> str:
        return docs_fragments.record_format_reference()

    @env.macro
    def safe_html_reference() -> str:
        return docs_fragments.safe_html_reference()

    @env.macro
    def portal_setting(name: str) -> str:
        """A setting from config/portal.yml, HTML-escaped."""
        return esc(getattr(content().settings, name))

    @env.macro
    def contact_link() -> str:
        return docs_fragments.contact_link(content().settings)

    @env.macro
    def licence_link() -> str:
        return docs_fragments.licence_link(content().settings)
