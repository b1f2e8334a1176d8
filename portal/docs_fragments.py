"""Fragments for the hand-written pages (called by the macros hook).

They return Markdown or raw HTML. Raw HTML links are relative to the page
(``page_uri``), as MkDocs does not rewrite them.
"""
from __future__ import annotations

import datetime as dt

from .content import PortalContent
from .records import Meeting
from .render import (EXPLORER_URI, MEETINGS_URI, THEMES_URI, dilemma_list, esc, escape_md, href,
                     meeting_uri, meeting_when, theme_uri)
from . import safety
from .schema import DILEMMA_FIELDS, MEETING_FIELDS, SECTIONS, STATUSES

OUTCOME_STATUSES = ("outcome-published", "closed")


def latest_dilemmas(content: PortalContent, limit: int, page_uri: str) -> str:
    dilemmas = [d for d in content.records.published_dilemmas if d.status != "withdrawn"]
    return dilemma_list(content, page_uri, dilemmas[:limit])


def latest_outcomes(content: PortalContent, limit: int, page_uri: str) -> str:
    """Dilemmas whose outcome is public, most recently approved first."""
    decided = [d for d in content.records.published_dilemmas if d.status in OUTCOME_STATUSES]
    decided.sort(key=lambda d: (d.outcome_approved or d.last_updated, d.id), reverse=True)
    if not decided:
        return ("<p>The panel has not published an outcome yet. Each outcome appears here, "
                "and on its dilemma's page, once the panel has approved it.</p>\n")
    return dilemma_list(content, page_uri, decided[:limit])


def next_and_last_meeting(content: PortalContent, today: dt.date | None = None
                          ) -> tuple[Meeting | None, Meeting | None]:
    today = today or dt.date.today()
    meetings = content.records.meetings_newest_first
    upcoming = [m for m in meetings if m.status == "scheduled" and m.date >= today]
    past = [m for m in meetings if m not in upcoming and m.date <= today]
    return (upcoming[-1] if upcoming else None), (past[0] if past else None)


def meetings_summary(content: PortalContent, page_uri: str, today: dt.date | None = None) -> str:
    if not content.records.meetings:
        return "<p>No meetings are recorded yet.</p>\n"
    upcoming, last = next_and_last_meeting(content, today)
    rows = []
    if last:
        count = len(content.records.dilemmas_of(last.id))
        noun = "dilemma" if count == 1 else "dilemmas"
        rows.append(("Most recent meeting",
                     f'<a href="{esc(href(page_uri, meeting_uri(last.id)))}">'
                     f"{esc(meeting_when(last, weekday=True))}</a>"
                     f"<br>{esc(last.subject)}: {count} {noun}"))
    if upcoming:
        rows.append(("Next meeting",
                     f'<a href="{esc(href(page_uri, meeting_uri(upcoming.id)))}">'
                     f"{esc(meeting_when(upcoming, weekday=True))}</a><br>{esc(upcoming.subject)}"))
    else:
        rows.append(("Next meeting", "Not yet announced"))
    items = "".join(f"<div><dt>{esc(term)}</dt><dd>{value}</dd></div>" for term, value in rows)
    return (f'<dl class="portal-facts">{items}</dl>\n'
            f'<p><a href="{esc(href(page_uri, MEETINGS_URI))}">All meetings</a></p>\n')


def themes_list(content: PortalContent, page_uri: str) -> str:
    items = []
    for theme in content.themes.values():
        count = len(content.dilemmas_with_theme(theme.id))
        if count:
            items.append(f'<li><a href="{esc(href(page_uri, theme_uri(theme.id)))}">'
                         f"{esc(theme.name)}</a> ({count})</li>")
    if not items:
        return "<p>No themes have dilemmas yet.</p>\n"
    return (f'<ul class="portal-themes">{"".join(items)}</ul>\n'
            f'<p><a href="{esc(href(page_uri, THEMES_URI))}">All themes, with what each covers</a></p>\n')


def explorer_link(content: PortalContent, page_uri: str) -> str:
    count = len(content.records.published_dilemmas)
    noun = "dilemma" if count == 1 else "dilemmas"
    return (f'<p><a class="portal-button" href="{esc(href(page_uri, EXPLORER_URI))}">'
            f"Explore all {count} {noun}</a></p>\n")


def _field_table(fields) -> str:
    rows = ["| Field | Required | What it holds | Example |", "|---|---|---|---|"]
    for f in fields:
        example = f"`{f.example}`" if f.example else ""
        rows.append(f"| `{f.name}` | {'yes' if f.required else 'no'} | {f.description} | {example} |")
    return "\n".join(rows)


def record_format_reference() -> str:
    statuses = ["| Status | Published? | What the public sees |", "|---|---|---|"]
    for s in STATUSES.values():
        shown = ", ".join(sec.heading for sec in SECTIONS if sec.key in s.shows) or "no prose"
        statuses.append(f"| `{s.id}` ({s.label}) | {'yes' if s.public else 'never'} | "
                        f"{s.description} Sections shown: {shown}. |")
    sections = ["| Heading | Also accepted | Holds |", "|---|---|---|"]
    for sec in SECTIONS:
        sections.append(f"| `## {sec.heading}` | {', '.join(sec.aliases)} | {sec.description} |")
    return "\n\n".join([
        "### Dilemma fields", _field_table(DILEMMA_FIELDS),
        "### Meeting fields", _field_table(MEETING_FIELDS),
        "### Statuses", "\n".join(statuses),
        "### Sections of a dilemma", "\n".join(sections),
    ]) + "\n"


def safe_html_reference() -> str:
    """The raw HTML a record may contain (portal.safety), for the editors' page."""
    tags = ", ".join(f"`<{t}>`" for t in sorted(safety.ALLOWED_TAGS))
    attributes = "; ".join(f"`<{tag}>`: " + ", ".join(f"`{a}`" for a in sorted(names))
                           for tag, names in sorted(safety.ALLOWED_ATTRIBUTES.items()))
    schemes = ", ".join(f"`{s}:`" for s in sorted(safety.SAFE_SCHEMES))
    return (f"Elements: {tags}.\n\n"
            f"Attributes on any of them: {', '.join(f'`{a}`' for a in sorted(safety.GLOBAL_ATTRIBUTES))}. "
            f"On particular elements: {attributes}.\n\n"
            f"Links may use {schemes} or a relative address; images must be files beside the "
            "record. Anything else (scripts, frames, styles, forms, event handlers such as "
            "`onclick`, `style`, `id` or `class` attributes, HTML comments, `javascript:` or "
            "`data:` addresses) stops the build with the file and line.\n")


def status_table() -> str:
    """The public statuses and what each means, for the about page."""
    rows = ["| Status | What it means |", "|---|---|"]
    for s in STATUSES.values():
        if s.public:
            rows.append(f"| {escape_md(s.label)} | {escape_md(s.description)} |")
    return "\n".join(rows) + "\n"



def contact_link(settings) -> str:
    """The panel's contact, as the settings give it: a web page or a mailbox."""
    name = esc(settings.contact_name)
    if settings.contact_url:
        return f'<a href="{esc(settings.contact_url)}">{name}</a>'
    if settings.contact_email:
        return f'{name}, <a href="mailto:{esc(settings.contact_email)}">{esc(settings.contact_email)}</a>'
    return name


def licence_link(settings) -> str:
    name = esc(settings.licence_name or "the licence stated on each file")
    if settings.licence_url:
        return f'<a href="{esc(settings.licence_url)}" rel="license">{name}</a>'
    return name
