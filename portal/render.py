"""Stage 5, render: the Markdown source of every generated page.

Each function returns Markdown (with YAML front matter for the theme) for one
page. Record prose is inserted as written; everything else that comes from a
record (titles, summaries, ids) is escaped, so a record cannot inject markup.
Record text is never run as a template: these pages never opt in to macros.
"""
from __future__ import annotations

import datetime as dt
import html
import posixpath
import re

import yaml

from .content import PortalContent, ThemeInfo
from .records import Dilemma, Meeting
from .schema import SECTIONS, STATUSES

SECTION_HEADINGS = {s.key: s.heading for s in SECTIONS}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~^=-])")


# -- URLs (source paths of generated pages) ------------------------------------
def dilemma_uri(dilemma_id: str) -> str:
    return f"dilemmas/{dilemma_id}.md"


def meeting_uri(meeting_id: str) -> str:
    return f"meetings/{meeting_id}.md"


def meeting_paper_uri(meeting_id: str) -> str:
    return f"meetings/{meeting_id}-paper.md"


def theme_uri(theme_id: str) -> str:
    return f"themes/{theme_id}.md"


def public_url(content: PortalContent, src_uri: str) -> str:
    """Absolute address of a page, for permalinks and citations."""
    return (content.settings.site_url or "/") + page_url(src_uri)


def page_url(src_uri: str) -> str:
    """Site-relative URL of a generated page (directory URLs)."""
    path = src_uri[:-3]
    if path == "index" or path.endswith("/index"):
        return path[: -len("index")]
    return path + "/"


def href(from_uri: str, to_uri: str) -> str:
    """A relative URL for raw HTML links, which MkDocs does not rewrite."""
    relative = posixpath.relpath(page_url(to_uri) or ".", page_url(from_uri) or ".")
    return "./" if relative == "." else relative + "/"


def link(from_uri: str, to_uri: str) -> str:
    """A relative Markdown link target between two generated pages."""
    from_parts = from_uri.split("/")[:-1]
    to_parts = to_uri.split("/")
    common = 0
    while common < len(from_parts) and common < len(to_parts) - 1 and from_parts[common] == to_parts[common]:
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:])


# -- helpers ---------------------------------------------------------------------
def escape_md(text: str) -> str:
    """Plain text safe to place in Markdown: no markup, no HTML."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False))


def esc(text: str) -> str:
    return html.escape(str(text), quote=True)


def long_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def front_matter(**values) -> str:
    clean = {k: v for k, v in values.items() if v not in (None, "", [], {})}
    return "---\n" + yaml.safe_dump(clean, allow_unicode=True, sort_keys=False) + "---\n\n"


def status_badge(status: str) -> str:
    info = STATUSES[status]
    return f'<span class="portal-status portal-status--{esc(status)}">{esc(info.label)}</span>'


def theme_links(content: PortalContent, from_uri: str, theme_ids: list[str]) -> str:
    themes = [content.themes[t] for t in theme_ids if t in content.themes]
    if not themes:
        return "None yet"
    return ", ".join(f"[{escape_md(t.name)}]({link(from_uri, theme_uri(t.id))})" for t in themes)


def dilemma_list(content: PortalContent, from_uri: str, dilemmas: list[Dilemma], *,
                 show_meeting: bool = True) -> str:
    """An accessible list of dilemmas: title, reference, status, meeting, themes."""
    if not dilemmas:
        return "There are no published dilemmas here yet.\n"
    rows = []
    for d in dilemmas:
        facts = [f"Reference {escape_md(d.id)}", escape_md(d.status_info.label)]
        if show_meeting:
            facts.append(f"meeting of {long_date(d.meeting_date)}")
        rows.append(f"- [{escape_md(d.title)}]({link(from_uri, dilemma_uri(d.id))})  \n"
                    f"  {' · '.join(facts)}  \n"
                    f"  Themes: {theme_links(content, from_uri, d.themes)}")
    return "\n".join(rows) + "\n"


# -- pages -------------------------------------------------------------------------
STATUS_NOTES = {
    "for-discussion": "This dilemma was published for the panel to discuss. The panel's "
                      "views will appear here once the panel has approved them.",
    "discussed": "The panel has discussed this dilemma. Its outcome will appear here once "
                 "the panel has approved it.",
    "outcome-published": "The panel's outcome is published. The force's response will "
                         "appear here when it is recorded.",
    "closed": "The panel's outcome and the force's response are both published.",
}


def render_dilemma(content: PortalContent, dilemma: Dilemma) -> str:
    uri = dilemma_uri(dilemma.id)
    meeting = content.records.meetings[dilemma.meeting_id]
    theme_names = [content.themes[t].name for t in dilemma.themes if t in content.themes]
    out = [front_matter(
        title=dilemma.title,
        description=dilemma.summary or f"Ethical dilemma {dilemma.id} considered by the "
                                       f"{content.settings.panel_name}.",
        tags=theme_names,
        portal={"kind": "dilemma", "id": dilemma.id, "status": dilemma.status},
        search={"exclude": True} if dilemma.status == "withdrawn" else None,
    )]
    out.append(f"# {escape_md(dilemma.title)}\n")
    facts = [
        ("Reference", esc(dilemma.id)),
        ("Status", status_badge(dilemma.status)),
        ("Meeting", f'<a href="{esc(href(uri, meeting_uri(meeting.id)))}">'
                    f"{esc(long_date(meeting.date))}</a>"),
        ("Themes", _html_theme_links(content, uri, dilemma.themes)),
    ]
    principle_names = content.principle_names(dilemma.principles)
    if principle_names:
        facts.append(("Principles", esc(", ".join(principle_names))))
    facts.append(("First published", _time(dilemma.first_published)))
    if dilemma.last_updated != dilemma.first_published:
        facts.append(("Last updated", _time(dilemma.last_updated)))
    out.append(_definition_list(facts, "portal-facts"))

    if dilemma.status == "withdrawn":
        out.append("## Withdrawn\n\n" + escape_md(dilemma.status_reason) + "\n")
    else:
        note = STATUS_NOTES.get(dilemma.status)
        if note:
            out.append(f'<p class="portal-note">{esc(note)}</p>\n')
        for key, text in dilemma.public_sections:
            out.append(f"## {SECTION_HEADINGS[key]}\n\n{text.strip()}\n")

    if dilemma.history:
        out.append("## History\n")
        for label, date, url in dilemma.history:
            when = long_date(date)
            out.append(f"- {escape_md(label)}: [{when}]({url})" if url else f"- {escape_md(label)}: {when}")
        out.append("")

    related = [content.records.dilemmas[r] for r in dilemma.related if r in content.records.dilemmas]
    if related:
        out.append("## Related dilemmas\n")
        out.append("\n".join(f"- [{escape_md(r.title)}]({link(uri, dilemma_uri(r.id))}) "
                             f"({escape_md(r.status_info.label)})" for r in related) + "\n")

    out.append("## Cite this dilemma\n")
    out.append(f'<p class="portal-cite">{_cite_html(content, dilemma)}</p>\n')
    return "\n".join(out)


def _cite_html(content: PortalContent, dilemma: Dilemma) -> str:
    settings = content.settings
    url = public_url(content, dilemma_uri(dilemma.id))
    text = (f"{esc(settings.force_name)} {esc(settings.panel_name)}, "
            f"\u2018{esc(dilemma.title)}\u2019, dilemma {esc(dilemma.id)}, meeting of "
            f"{esc(long_date(dilemma.meeting_date))}, last updated "
            f"{esc(long_date(dilemma.last_updated))}.")
    if url.startswith("http"):
        text += f' <a href="{esc(url)}">{esc(url)}</a>'
    return text


def _time(value: dt.date) -> str:
    return f'<time datetime="{value.isoformat()}">{esc(long_date(value))}</time>'


def _html_theme_links(content: PortalContent, from_uri: str, theme_ids: list[str]) -> str:
    themes = [content.themes[t] for t in theme_ids if t in content.themes]
    if not themes:
        return "None yet"
    return ", ".join(f'<a href="{esc(href(from_uri, theme_uri(t.id)))}">{esc(t.name)}</a>'
                     for t in themes)


def _definition_list(facts: list[tuple[str, str]], css_class: str) -> str:
    items = "".join(f"<div><dt>{esc(term)}</dt><dd>{value}</dd></div>" for term, value in facts)
    return f'<dl class="{css_class}">{items}</dl>\n'


def meeting_heading(content: PortalContent, meeting: Meeting) -> str:
    return f"{meeting.title or content.settings.panel_name}, {long_date(meeting.date)}"


def render_meeting(content: PortalContent, meeting: Meeting) -> str:
    uri = meeting_uri(meeting.id)
    title = meeting_heading(content, meeting)
    out = [front_matter(title=title,
                        description=f"{meeting.subject}: the {content.settings.panel_name} "
                                    f"meeting of {long_date(meeting.date)}.",
                        portal={"kind": "meeting", "id": meeting.id})]
    out.append(f"# {escape_md(title)}\n")
    when = long_date(meeting.date)
    if meeting.start:
        when += f", {meeting.start}" + (f" to {meeting.end}" if meeting.end else "")
    facts = [("Date", esc(when)), ("Subject", esc(meeting.subject))]
    if meeting.report_of:
        facts.append(("Report of", esc(meeting.report_of)))
    if meeting.author_role:
        facts.append(("Author", esc(meeting.author_role)))
    out.append(_definition_list(facts, "portal-facts"))
    if meeting.purpose:
        out.append("## Purpose of the report\n\n" + escape_md(meeting.purpose) + "\n")
    if meeting.recommendations:
        out.append("## Recommendations\n\n" + escape_md(meeting.recommendations) + "\n")
    out.append("## Dilemmas on the agenda\n")
    out.append(dilemma_list(content, uri, content.records.dilemmas_of(meeting.id), show_meeting=False))
    out.append(f"[Print view of the panel paper]({link(uri, meeting_paper_uri(meeting.id))})\n")
    if meeting.papers:
        out.append("## Papers and minutes\n")
        out.append("\n".join(f"- [{escape_md(p.title)}](<{p.url}>)" for p in meeting.papers) + "\n")
    if meeting.body:
        out.append(meeting.body + "\n")
    return "\n".join(out)


def render_meeting_paper(content: PortalContent, meeting: Meeting) -> str:
    """The panel paper, reproduced from the records for printing."""
    settings = content.settings
    uri = meeting_paper_uri(meeting.id)
    dilemmas = content.records.dilemmas_of(meeting.id)
    out = [front_matter(title=f"Panel paper: {meeting.subject}, {long_date(meeting.date)}",
                        description=f"Print view of the paper for the {settings.panel_name} "
                                    f"meeting of {long_date(meeting.date)}.",
                        portal={"kind": "paper", "id": meeting.id},
                        search={"exclude": True},
                        hide=["navigation", "toc"])]
    out.append('<div class="portal-paper" markdown>\n')
    if settings.oversight_body:
        out.append(f'<p class="portal-paper__body">{esc(settings.oversight_body)}</p>\n')
    out.append(f"# {escape_md(meeting.title or settings.panel_name)}\n")
    when = long_date(meeting.date)
    if meeting.start:
        when += f" {meeting.start}" + (f" \u2013 {meeting.end}" if meeting.end else "")
    facts = []
    if meeting.report_of:
        facts.append(("Report of", esc(meeting.report_of)))
    facts += [("Subject", esc(meeting.subject)), ("Date", esc(when))]
    if meeting.author_role:
        facts.append(("Author", esc(meeting.author_role)))
    out.append(_definition_list(facts, "portal-facts"))
    if meeting.purpose:
        out.append("## Purpose of report\n\n" + escape_md(meeting.purpose) + "\n")
    if meeting.recommendations:
        out.append("## Recommendations\n\n" + escape_md(meeting.recommendations) + "\n")
    appendix = meeting.appendices[0] if meeting.appendices else "Appendix A"
    out.append(f"## {escape_md(appendix)}: dilemmas for discussion\n")
    if not dilemmas:
        out.append("No dilemmas are published for this meeting.\n")
    for number, d in enumerate(dilemmas, start=1):
        out.append(f"### {number}. {escape_md(d.title)}\n")
        for key, text in d.public_sections:
            out.append(f"**{SECTION_HEADINGS[key]}**\n\n{text.strip()}\n")
    out.append(f"[Back to the meeting]({link(uri, meeting_uri(meeting.id))})\n")
    out.append("</div>\n")
    return "\n".join(out)


def render_meetings_index(content: PortalContent) -> str:
    uri = "meetings/index.md"
    out = [front_matter(title="Meetings",
                        description=f"Meetings of the {content.settings.panel_name}, newest first.",
                        portal={"kind": "meetings"})]
    out.append("# Meetings\n")
    meetings = content.records.meetings_newest_first
    if not meetings:
        out.append("No meetings are recorded yet.\n")
    for meeting in meetings:
        count = len(content.records.dilemmas_of(meeting.id))
        noun = "dilemma" if count == 1 else "dilemmas"
        out.append(f"- [{escape_md(meeting_heading(content, meeting))}]({link(uri, meeting_uri(meeting.id))})  \n"
                   f"  {escape_md(meeting.subject)} · {count} {noun}")
    return "\n".join(out) + "\n"


def render_theme(content: PortalContent, theme: ThemeInfo) -> str:
    uri = theme_uri(theme.id)
    dilemmas = content.dilemmas_with_theme(theme.id)
    out = [front_matter(title=f"Theme: {theme.name}", description=theme.description,
                        portal={"kind": "theme", "id": theme.id})]
    out.append(f"# {escape_md(theme.name)}\n")
    out.append(escape_md(theme.description) + "\n")
    count = len(dilemmas)
    out.append(f"## Dilemmas on this theme ({count})\n")
    out.append(dilemma_list(content, uri, dilemmas))
    out.append(f"[All themes]({link(uri, 'themes/index.md')})\n")
    return "\n".join(out)


def render_themes_index(content: PortalContent) -> str:
    uri = "themes/index.md"
    out = [front_matter(title="Themes",
                        description="The themes the panel's dilemmas are grouped by.",
                        portal={"kind": "themes"})]
    out.append("# Themes\n")
    out.append("Every published dilemma is tagged with the themes it raises. "
               f"[How themes are assigned]({link(uri, 'themes-method.md')}).\n")
    for theme in content.themes.values():
        count = len(content.dilemmas_with_theme(theme.id))
        noun = "dilemma" if count == 1 else "dilemmas"
        out.append(f"- [{escape_md(theme.name)}]({link(uri, theme_uri(theme.id))}) "
                   f"({count} {noun})  \n  {escape_md(theme.description)}")
    return "\n".join(out) + "\n"


def render_dilemmas_index(content: PortalContent) -> str:
    uri = "dilemmas/index.md"
    dilemmas = content.records.published_dilemmas
    out = [front_matter(title="Dilemmas",
                        description=f"Every ethical dilemma published by the "
                                    f"{content.settings.panel_name}, newest meeting first.",
                        portal={"kind": "explorer"})]
    out.append("# Dilemmas\n")
    out.append(f"{len(dilemmas)} published dilemmas, newest meeting first.\n")
    out.append(dilemma_list(content, uri, dilemmas))
    return "\n".join(out)


def render_pages(content: PortalContent) -> dict[str, str]:
    """Every generated page: source path -> Markdown."""
    pages: dict[str, str] = {"dilemmas/index.md": render_dilemmas_index(content),
                             "meetings/index.md": render_meetings_index(content),
                             "themes/index.md": render_themes_index(content)}
    for dilemma in content.records.published_dilemmas:
        pages[dilemma_uri(dilemma.id)] = render_dilemma(content, dilemma)
    for meeting in content.records.meetings.values():
        pages[meeting_uri(meeting.id)] = render_meeting(content, meeting)
        pages[meeting_paper_uri(meeting.id)] = render_meeting_paper(content, meeting)
    for theme in content.themes.values():
        pages[theme_uri(theme.id)] = render_theme(content, theme)
    return pages
