"""Macros for the hand-written pages in docs/: a page opts in with
``render_macros: true`` in its front matter and is then rendered as a Jinja
template, with the functions below and MkDocs' ``config``. Record pages never
go through this (they never carry the key), so record text is never a template.

Each macro returns Markdown or HTML from ``portal.docs_fragments``; links in
it are relative to the page being rendered. A mistake in a page (a misspelt
macro, a broken ``{{ }}``) stops the build with the page and line.

A dozen pages use a dozen macros, so the portal renders them itself instead
of running a macros plugin over every one of the thousands of pages.
"""
from __future__ import annotations

import sys
from pathlib import Path

import jinja2

_REPO = Path(__file__).resolve().parent.parent
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

from portal import docs_fragments  # noqa: E402
from portal.render import esc  # noqa: E402

OPT_IN = "render_macros"


class MacroError(Exception):
    """A hand-written page's macros could not be rendered: ``path:line: message``."""


def macros(content, page_uri: str) -> dict:
    """The functions a page may call, for the page at ``page_uri``."""
    def here(uri: str | None) -> str:
        return uri or page_uri

    return {
        "latest_dilemmas": lambda limit=6, page_uri=None: docs_fragments.latest_dilemmas(content, limit, here(page_uri)),
        "latest_outcomes": lambda limit=5, page_uri=None: docs_fragments.latest_outcomes(content, limit, here(page_uri)),
        "meetings_summary": lambda page_uri=None: docs_fragments.meetings_summary(content, here(page_uri)),
        "themes_list": lambda page_uri=None: docs_fragments.themes_list(content, here(page_uri)),
        "explorer_link": lambda page_uri=None: docs_fragments.explorer_link(content, here(page_uri)),
        "status_table": docs_fragments.status_table,
        "record_format_reference": docs_fragments.record_format_reference,
        "safe_html_reference": docs_fragments.safe_html_reference,
        # A setting from config/portal.yml, HTML-escaped.
        "portal_setting": lambda name: esc(getattr(content.settings, name)),
        "contact_link": lambda: docs_fragments.contact_link(content.settings),
        "licence_link": lambda: docs_fragments.licence_link(content.settings),
    }


_ENVIRONMENT = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False,
                                  keep_trailing_newline=True)


def render_page(markdown: str, meta: dict, page_uri: str, content, config, *,
                shown_path: str = "", line_offset: int = 0) -> str:
    """The page's Markdown with its macros rendered, if it opted in. Errors
    name ``shown_path`` and the file line (``line_offset``: lines of front
    matter above the Markdown)."""
    if meta.get(OPT_IN) is not True:
        return markdown
    where = shown_path or page_uri
    try:
        template = _ENVIRONMENT.from_string(markdown)
        return template.render(config=config, **macros(content, page_uri))
    except jinja2.TemplateSyntaxError as exc:
        raise MacroError(f"{where}:{(exc.lineno or 1) + line_offset}: macro syntax error: "
                         f"{exc.message}") from None
    except Exception as exc:  # an undefined name, or a macro that failed: the page is not published
        line = _template_line(exc) + line_offset
        raise MacroError(f"{where}:{line}: macro error: {type(exc).__name__}: {exc}") from None


def _template_line(exc: BaseException) -> int:
    """The template line where rendering failed, from Jinja's traceback frames."""
    trace, line = exc.__traceback__, 1
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    return line
