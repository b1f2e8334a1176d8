"""Markdown fragments for the hand-written pages (called by the macros hook)."""
from __future__ import annotations

from .content import PortalContent
from .render import dilemma_list, escape_md, link, meeting_heading, meeting_uri, theme_uri
from .schema import DILEMMA_FIELDS, MEETING_FIELDS, SECTIONS, STATUSES


def latest_dilemmas(content: PortalContent, limit: int, page_uri: str) -> str:
    return dilemma_list(content, page_uri, content.records.published_dilemmas[:limit])


def meetings_summary(content: PortalContent, page_uri: str) -> str:
    meetings = content.records.meetings_newest_first
    if not meetings:
        return "No meetings are recorded yet.\n"
    held = [m for m in meetings if m.status == "held"]
    upcoming = [m for m in meetings if m.status == "scheduled"]
    lines = []
    if upcoming:
        nxt = upcoming[-1]
        lines.append(f"- Next meeting: [{escape_md(meeting_heading(content, nxt))}]"
                     f"({link(page_uri, meeting_uri(nxt.id))})")
    else:
        lines.append("- Next meeting: not yet announced")
    if held:
        last = held[0]
        lines.append(f"- Most recent meeting: [{escape_md(meeting_heading(content, last))}]"
                     f"({link(page_uri, meeting_uri(last.id))}), {escape_md(last.subject)}")
    return "\n".join(lines) + "\n"


def themes_list(content: PortalContent, page_uri: str) -> str:
    items = []
    for theme in content.themes.values():
        count = len(content.dilemmas_with_theme(theme.id))
        if count:
            items.append(f"- [{escape_md(theme.name)}]({link(page_uri, theme_uri(theme.id))}) ({count})")
    return "\n".join(items) + "\n" if items else "No themes have dilemmas yet.\n"


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
