"""Macros for the hand-written pages in docs/ (mkdocs-macros, opt-in per page
with ``render_macros: true``). Record pages never go through macros."""
from __future__ import annotations

import sys
from pathlib import Path

_REPO = Path(__file__).resolve().parent.parent
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

from portal import docs_fragments  # noqa: E402


def define_env(env):
    def content():
        return env.conf["extra"]["portal"]["content"]

    @env.macro
    def latest_dilemmas(limit: int = 6, page_uri: str = "index.md") -> str:
        return docs_fragments.latest_dilemmas(content(), limit, page_uri)

    @env.macro
    def meetings_summary(page_uri: str = "index.md") -> str:
        return docs_fragments.meetings_summary(content(), page_uri)

    @env.macro
    def themes_list(page_uri: str = "index.md") -> str:
        return docs_fragments.themes_list(content(), page_uri)

    @env.macro
    def record_format_reference() -> str:
        return docs_fragments.record_format_reference()

    @env.macro
    def portal_setting(name: str) -> str:
        return str(getattr(content().settings, name))
