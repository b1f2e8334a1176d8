"""Stage 5, render: the Markdown source of every generated page.

Each function returns Markdown (with YAML front matter for the theme) for one
page. Record prose is inserted as written; everything else that comes from a
record (titles, summaries, ids) is escaped, so a record cannot inject markup.
Record text is never run as a template: these pages never opt in to macros.

Lists of dilemmas are raw HTML (one lean ``<li>`` per record) because the
explorer filters them in the browser and must stay small at 1,000 records.
Raw HTML links are not rewritten by MkDocs, so they use ``href`` (relative,
directory URLs); Markdown links use ``link`` and are checked by MkDocs.
"""
from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
from collections import Counter
from dataclasses import dataclass

import yaml

from .content import PortalContent, ThemeInfo
from .records import Dilemma, Meeting
from .schema import SECTIONS, STATUSES

# libyaml's emitter where it is installed: the same output, several times faster
# for the thousands of generated pages.
_SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
SECTION_HEADINGS = {s.key: s.heading for s in SECTIONS}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~^=-])")
# Material's search skips an element with this attribute (and removes the
# attribute from the page). Lists and boilerplate only repeat other pages, so
# search results show each record's own text instead.
NOT_SEARCHED = ' data-search-exclude="true"'

EXPLORER_URI = "dilemmas/index.md"
MEETINGS_URI = "meetings/index.md"
THEMES_URI = "themes/index.md"


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


def _relative_folders(from_folders: list[str], to_folders: list[str]) -> list[str]:
    """The path from one folder to another, both given as their parts.
    (``posixpath.relpath`` gives the same, but asks the system for the current
    folder each time: this runs for every link in every list.)"""
    common = 0
    shortest = min(len(from_folders), len(to_folders))
    while common < shortest and from_folders[common] == to_folders[common]:
        common += 1
    return [".."] * (len(from_folders) - common) + to_folders[common:]


def href(from_uri: str, to_uri: str) -> str:
    """A relative URL for raw HTML links, which MkDocs does not rewrite."""
    # "a/b/" -> ["a", "b"]; "" -> []
    parts = _relative_folders(page_url(from_uri).split("/")[:-1], page_url(to_uri).split("/")[:-1])
    return "/".join(parts) + "/" if parts else "./"


def link(from_uri: str, to_uri: str) -> str:
    """A relative Markdown link target between two generated pages."""
    *to_folders, name = to_uri.split("/")
    return "/".join(_relative_folders(from_uri.split("/")[:-1], to_folders) + [name])


# -- helpers ---------------------------------------------------------------------
@dataclass
class Groups:
    """Published dilemmas grouped once per build: a site with thousands of
    records must not sort them all again for every meeting and theme page."""
    published: list[Dilemma]
    by_meeting: dict[str, list[Dilemma]]  # each sorted by id, as on the agenda
    by_theme: dict[str, list[Dilemma]]  # each newest meeting first

    @classmethod
    def of(cls, content: PortalContent) -> "Groups":
        published = content.records.published_dilemmas
        by_meeting: dict[str, list[Dilemma]] = {}
        by_theme: dict[str, list[Dilemma]] = {}
        for dilemma in published:
            by_meeting.setdefault(dilemma.meeting_id, []).append(dilemma)
            for theme_id in dilemma.themes:
                by_theme.setdefault(theme_id, []).append(dilemma)
        for items in by_meeting.values():
            items.sort(key=lambda d: d.id)
        return cls(published, by_meeting, by_theme)


def escape_md(text: str) -> str:
    """Plain text safe to place in Markdown: no markup, no HTML."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False))


# Targets of Markdown links and images, and sources of HTML images.
_MD_TARGET = re.compile(r"(\]\(\s*<?)([^)\s>]+)")
_HTML_SRC = re.compile(r"""(<img\b[^>]*?\bsrc\s*=\s*["']?)([^"'\s>]+)""", re.IGNORECASE)
_NOT_RELATIVE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")


def rebase_links(markdown: str, prefix: str) -> str:
    """Record prose moved to a page in another folder (the meeting paper):
    its relative links and images (files beside the record, published beside
    its page) get ``prefix`` so they still point at the same files. URLs with
    a scheme, site-absolute paths and same-page anchors are left alone."""
    def rebase(match: re.Match) -> str:
        target = match.group(2)
        return match.group(1) + (target if _NOT_RELATIVE.match(target) else prefix + target)
    return _HTML_SRC.sub(rebase, _MD_TARGET.sub(rebase, markdown))


def esc(text: str) -> str:
    return html.escape(str(text), quote=True)


@functools.lru_cache(maxsize=8192)  # a few thousand distinct dates, each shown many times
def long_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def front_matter(**values) -> str:
    clean = {k: v for k, v in values.items() if v not in (None, "", [], {})}
    lines: list[str] = []
    if not _plain_yaml(clean, lines, ""):  # something the short writer does not take
        return "---\n" + yaml.dump(clean, Dumper=_SAFE_DUMPER, allow_unicode=True, sort_keys=False) + "---\n\n"
    return "---\n" + "".join(lines) + "---\n\n"


# Characters outside the Basic Multilingual Plane: JSON writes them as two
# escapes (a surrogate pair), which YAML would not join back into one.
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
_YAML_KEY = re.compile(r"[a-z_]+\Z")


def _plain_yaml(value: dict, lines: list[str], indent: str) -> bool:
    """Front matter of the shapes the pages use (text, true/false, lists of
    text, one level of mapping), written without PyYAML's representer (a
    sizeable share of rendering thousands of pages). Text is written as JSON
    writes a string, ASCII only: a double-quoted YAML scalar with the same
    escapes, read back exactly. False for anything else."""
    for key, item in value.items():
        if not (isinstance(key, str) and _YAML_KEY.match(key)):
            return False
        if isinstance(item, bool):
            lines.append(f"{indent}{key}: {'true' if item else 'false'}\n")
        elif isinstance(item, str):
            if _ASTRAL.search(item):
                return False
            lines.append(f"{indent}{key}: {json.dumps(item)}\n")
        elif isinstance(item, list) and item and not indent:
            if not all(isinstance(entry, str) and not _ASTRAL.search(entry) for entry in item):
                return False
            lines.append(f"{key}:\n" + "".join(f"- {json.dumps(entry)}\n" for entry in item))
        elif isinstance(item, dict) and item and not indent:
            lines.append(f"{key}:\n")
            if not _plain_yaml(item, lines, "  "):
                return False
        else:
            return False
    return True


def page_title(text: str) -> str:
    """A title for front matter: the theme writes it into the HTML unescaped."""
    return html.escape(" ".join(str(text).split()), quote=False)


def page_description(text: str) -> str:
    """A description for front matter: the theme writes it into an attribute."""
    return esc(" ".join(str(text).split()))


def status_badge(status: str) -> str:
    info = STATUSES[status]
    return f'<strong class="portal-status portal-status--{esc(status)}">{esc(info.label)}</strong>'


def _theme_names(content: PortalContent, theme_ids: list[str]) -> list[str]:
    return [content.themes[t].name for t in theme_ids if t in content.themes]


def dilemma_item(content: PortalContent, from_uri: str, dilemma: Dilemma, *,
                 show_meeting: bool = True, filterable: bool = False) -> str:
    """One dilemma in a list: its title as a link, then its facts on one line.

    Kept lean on purpose: the explorer holds one of these per published record.
    A dilemma appears in many lists (related dilemmas, themes, meetings), so
    all but its link is made once per build and kept in ``content.list_items``.
    """
    key = (dilemma.id, show_meeting, filterable)
    parts = content.list_items.get(key)
    if parts is None:
        parts = content.list_items[key] = _dilemma_item_parts(content, dilemma, show_meeting, filterable)
    opening, rest = parts
    return f'{opening}{esc(href(from_uri, dilemma_uri(dilemma.id)))}{rest}'


def _dilemma_item_parts(content: PortalContent, dilemma: Dilemma, show_meeting: bool,
                        filterable: bool) -> tuple[str, str]:
    """A list entry, before and after its link's address."""
    facts = [esc(dilemma.id)]
    if show_meeting:
        facts.append(f"Meeting of {esc(long_date(dilemma.meeting_date))}")
    names = _theme_names(content, dilemma.themes)
    if names:
        facts.append(esc(", ".join(names)))
    data = ""
    if filterable:
        data = (f' data-theme="{esc(" ".join(dilemma.themes))}" data-meeting="{esc(dilemma.meeting_id)}"'
                f' data-status="{esc(dilemma.status)}"')
    summary = f"<p>{esc(' '.join(dilemma.summary.split()))}</p>" if dilemma.summary else ""
    return (f'<li{data}><a href="',
            f'">{esc(dilemma.title)}</a> {status_badge(dilemma.status)}<p>{" · ".join(facts)}</p>{summary}</li>')


def dilemma_list(content: PortalContent, from_uri: str, dilemmas: list[Dilemma], *,
                 show_meeting: bool = True) -> str:
    """An accessible list of dilemmas: title, status, reference, meeting, themes."""
    if not dilemmas:
        return "There are no published dilemmas here yet.\n"
    items = "".join(dilemma_item(content, from_uri, d, show_meeting=show_meeting) for d in dilemmas)
    return f'<ul class="portal-list"{NOT_SEARCHED}>{items}</ul>\n'


def _definition_list(facts: list[tuple[str, str]], css_class: str) -> str:
    items = "".join(f"<div><dt>{esc(term)}</dt><dd>{value}</dd></div>" for term, value in facts)
    return f'<dl class="{css_class}"{NOT_SEARCHED}>{items}</dl>\n'


def _time(value: dt.date) -> str:
    return f'<time datetime="{value.isoformat()}">{esc(long_date(value))}</time>'


def _link_html(from_uri: str, to_uri: str, text: str) -> str:
    return f'<a href="{esc(href(from_uri, to_uri))}">{esc(text)}</a>'


# -- dilemma pages -------------------------------------------------------------------
def _theme_sources(content: PortalContent, dilemma: Dilemma, uri: str) -> str:
    """Which themes an editor chose, which automatic tagging found and which
    are its best guess, so that a reader can weigh them (themes-method.md)."""
    editor = [t for t in dilemma.themes if t in dilemma.editor_themes]
    best_guess = [t for t in dilemma.themes if t in dilemma.best_guess_themes and t not in editor]
    found = [t for t in dilemma.themes if t not in editor and t not in best_guess]
    # Sentences, and semicolons between names: a theme's name may hold a comma.
    parts = [f"{label}: {'; '.join(_theme_names(content, themes))}." for label, themes in (
        ("Chosen by an editor", editor), ("Found by automatic tagging", found),
        ("Automatic tagging's best guess (no theme had enough evidence)", best_guess)) if themes]
    if not parts:
        return ""
    return f"{esc(' '.join(parts))} {_link_html(uri, 'themes-method.md', 'How themes are given')}"


STATUS_NOTES = {
    "for-discussion": "This dilemma was published for the panel to discuss. The panel's "
                      "views will appear here once the panel has approved them.",
    "discussed": "The panel has discussed this dilemma. Its outcome will appear here once "
                 "the panel has approved it.",
    "outcome-published": "The panel's outcome is published. The force's response will "
                         "appear here when it is recorded.",
    "closed": "The panel's outcome and the force's response are both published.",
}
QUESTIONS_HINT = ("These are the questions put to the panel. You may want to think about "
                  "them yourself before reading any outcome.")
# The public chain of an item, one step per status that adds something.
PROGRESS_STEPS = (
    ("for-discussion", "Published for the panel to discuss"),
    ("discussed", "Discussed by the panel"),
    ("outcome-published", "The panel's outcome published"),
    ("closed", "The force's response published"),
)


def render_dilemma(content: PortalContent, dilemma: Dilemma) -> str:
    uri = dilemma_uri(dilemma.id)
    meeting = content.records.meetings[dilemma.meeting_id]
    out = [front_matter(
        title=page_title(dilemma.title),
        description=page_description(
            dilemma.summary or f"Ethical dilemma {dilemma.id} considered by the "
                               f"{content.settings.panel_name}."),
        # Shown by the theme's tags partial, which links each to its theme page;
        # the tags plugin refuses any name outside the taxonomy.
        tags=_theme_names(content, dilemma.themes),
        portal={"kind": "dilemma", "id": dilemma.id, "status": dilemma.status},
        search={"exclude": True} if dilemma.status == "withdrawn" else None,
    )]
    out.append(f"# {escape_md(dilemma.title)}\n")
    facts = [
        ("Reference", esc(dilemma.id)),
        ("Status", status_badge(dilemma.status)),
        ("Meeting", _link_html(uri, meeting_uri(meeting.id), long_date(meeting.date))),
    ]
    theme_sources = _theme_sources(content, dilemma, uri)
    if theme_sources:
        facts.append(("How themes were given", theme_sources))
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
        # The record's prose is checked once converted, as one stretch from the
        # status note to the progress list (prose_marks): the marks are
        # attributes of those two elements, which cost the converter nothing.
        note = STATUS_NOTES.get(dilemma.status)
        if note:
            out.append(f'<p class="portal-note"{NOT_SEARCHED}{content.prose.start_attribute(dilemma.path)}>'
                       f'{esc(note)}</p>\n')
        else:
            out.append(content.prose.start_comment(dilemma.path))
        for key, text in dilemma.public_sections:
            out.append(f"## {SECTION_HEADINGS[key]}\n")
            if key == "questions":
                hint = content.prose.own(f'<p class="portal-hint"{NOT_SEARCHED}>')
                out.append(f"{hint}{esc(QUESTIONS_HINT)}</p>\n")
            out.append(text.strip() + "\n")
        out.append(_progress(dilemma, content.prose.end_attribute()))

    if dilemma.history:
        out.append("## History\n")
        for label, date, url in dilemma.history:
            when = long_date(date)
            out.append(f"- {escape_md(label)}: [{when}](<{url}>)" if url else f"- {escape_md(label)}: {when}")
        out.append("")

    related = [content.records.dilemmas[r] for r in dilemma.related
               if r in content.records.dilemmas and content.records.dilemmas[r].is_public]
    if related:
        out.append("## Related dilemmas\n")
        out.append(dilemma_list(content, uri, related))

    out.append("## Cite this dilemma\n")
    out.append(_cite_html(content, dilemma))
    return "\n".join(out)


def _progress(dilemma: Dilemma, end_of_prose: str) -> str:
    """Where the item is in the chain: dilemma, discussion, outcome, response.
    ``end_of_prose``: the attribute that ends the record's prose (prose_marks)."""
    rank = dilemma.status_info.rank
    dates = {"for-discussion": dilemma.first_published, "outcome-published": dilemma.outcome_approved,
             "closed": dilemma.response_date}
    items = []
    for status, label in PROGRESS_STEPS:
        step_rank = STATUSES[status].rank
        when = dates.get(status)
        text = esc(label) + (f", {_time(when)}" if when and step_rank <= rank else "")
        if step_rank < rank:
            items.append(f'<li class="portal-step portal-step--done">{text} '
                         f'<span class="portal-visually-hidden">(done)</span></li>')
        elif step_rank == rank:
            items.append(f'<li class="portal-step portal-step--current" aria-current="step">{text} '
                         f'<span class="portal-visually-hidden">(current stage)</span></li>')
        else:
            items.append(f'<li class="portal-step">{text} '
                         f'<span class="portal-visually-hidden">(not yet)</span></li>')
    return "## Progress\n\n" + f'<ol class="portal-steps"{NOT_SEARCHED}{end_of_prose}>{"".join(items)}</ol>\n'


def cite_text(content: PortalContent, dilemma: Dilemma) -> str:
    """The citation as plain text (escaped at the point of use)."""
    settings = content.settings
    return (f"{settings.force_name} {settings.panel_name}, \u2018{' '.join(dilemma.title.split())}"
            f"\u2019, dilemma {dilemma.id}, meeting of {long_date(dilemma.meeting_date)}, "
            f"last updated {long_date(dilemma.last_updated)}.")


def _cite_html(content: PortalContent, dilemma: Dilemma) -> str:
    url = public_url(content, dilemma_uri(dilemma.id))
    permalink = (f'<a href="{esc(url)}">{esc(url)}</a>' if url.startswith("http")
                 else _link_html(dilemma_uri(dilemma.id), dilemma_uri(dilemma.id), url))
    cite = esc(cite_text(content, dilemma)) + (f" {esc(url)}" if url.startswith("http") else "")
    return (f'<dl class="portal-cite"{NOT_SEARCHED}><div><dt>Permanent link</dt><dd>{permalink}</dd></div>'
            f"<div><dt>Cite as</dt><dd><p>{cite}</p></dd></div></dl>\n")


# -- meetings ------------------------------------------------------------------------
def meeting_heading(content: PortalContent, meeting: Meeting) -> str:
    return f"{meeting.title or content.settings.panel_name}, {long_date(meeting.date)}"


def meeting_when(meeting: Meeting, *, weekday: bool = False) -> str:
    when = (f"{meeting.date:%A} " if weekday else "") + long_date(meeting.date)
    if meeting.start:
        when += f", {meeting.start}" + (f" to {meeting.end}" if meeting.end else "")
    return when


def render_meeting(content: PortalContent, meeting: Meeting, groups: Groups | None = None) -> str:
    uri = meeting_uri(meeting.id)
    title = meeting_heading(content, meeting)
    dilemmas = (groups or Groups.of(content)).by_meeting.get(meeting.id, [])
    out = [front_matter(title=page_title(title),
                        description=page_description(
                            f"{meeting.subject}: the {content.settings.panel_name} meeting of "
                            f"{long_date(meeting.date)}."),
                        portal={"kind": "meeting", "id": meeting.id})]
    out.append(f"# {escape_md(title)}\n")
    facts = [("Date", esc(meeting_when(meeting, weekday=True))), ("Subject", esc(meeting.subject))]
    if meeting.report_of:
        facts.append(("Report of", esc(meeting.report_of)))
    if meeting.author_role:
        facts.append(("Author", esc(meeting.author_role)))
    facts.append(("Meeting", "Scheduled" if meeting.status == "scheduled" else "Held"))
    out.append(_definition_list(facts, "portal-facts"))
    out.append(f'<p class="portal-actions">{_link_html(uri, meeting_paper_uri(meeting.id), "Panel paper (print view)")}</p>\n')
    if meeting.purpose:
        out.append("## Purpose of the report\n\n" + escape_md(meeting.purpose) + "\n")
    if meeting.recommendations:
        out.append("## Recommendations\n\n" + escape_md(meeting.recommendations) + "\n")
    out.append(f"## Agenda: dilemmas ({len(dilemmas)})\n")
    out.append(_agenda_table(content, uri, dilemmas))
    if meeting.papers:
        out.append("## Papers and minutes\n")
        out.append("\n".join(f"- [{escape_md(p.title)}](<{p.url}>)" for p in meeting.papers) + "\n")
    if meeting.body:
        out.append(content.prose.mark(meeting.body, meeting.path))  # checked once converted
    return "\n".join(out)


def _agenda_table(content: PortalContent, from_uri: str, dilemmas: list[Dilemma]) -> str:
    if not dilemmas:
        return "No dilemmas are published for this meeting yet.\n"
    rows = "".join(
        f"<tr><td>{esc(d.id)}</td><td>{_link_html(from_uri, dilemma_uri(d.id), d.title)}</td>"
        f"<td>{status_badge(d.status)}</td></tr>" for d in dilemmas)
    return (f'<table class="portal-agenda"{NOT_SEARCHED}><caption class="portal-visually-hidden">Dilemmas on the '
            'agenda and their status</caption><thead><tr><th scope="col">Reference</th>'
            '<th scope="col">Dilemma</th><th scope="col">Status</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>\n")


def render_meeting_paper(content: PortalContent, meeting: Meeting, groups: Groups | None = None) -> str:
    """The panel paper, reproduced from the records: what was put to the panel
    (purpose, recommendations, the meeting's own text and an appendix of the
    dilemmas' scenarios and questions), laid out for printing."""
    settings = content.settings
    uri = meeting_paper_uri(meeting.id)
    dilemmas = [d for d in (groups or Groups.of(content)).by_meeting.get(meeting.id, [])
                if d.status != "withdrawn"]
    panel = meeting.title or settings.panel_name
    out = [front_matter(title=page_title(f"Panel paper: {meeting.subject}, {long_date(meeting.date)}"),
                        description=page_description(
                            f"Print view of the paper for the {settings.panel_name} meeting of "
                            f"{long_date(meeting.date)}."),
                        portal={"kind": "paper", "id": meeting.id},
                        search={"exclude": True},
                        hide=["navigation", "toc"])]
    out.append('<p class="portal-actions portal-no-print">'
               f'{_link_html(uri, meeting_uri(meeting.id), "Back to the meeting")} '
               '<button type="button" class="portal-button" data-portal-print hidden>'
               "Print this paper</button></p>\n")
    out.append('<div class="portal-paper" markdown>\n')
    if settings.oversight_body:
        out.append(f'<p class="portal-paper__body">{esc(settings.oversight_body)}</p>\n')
    out.append(f"# {escape_md(panel)}\n")
    facts = []
    if meeting.report_of:
        facts.append(("Report of", esc(meeting.report_of)))
    facts += [("Subject", esc(meeting.subject)), ("Date", esc(meeting_when(meeting, weekday=True)))]
    if meeting.author_role:
        facts.append(("Author", esc(meeting.author_role)))
    out.append(_definition_list(facts, "portal-facts portal-paper__facts"))
    if meeting.purpose:
        out.append("## Purpose of report\n\n" + escape_md(meeting.purpose) + "\n")
    if meeting.recommendations:
        out.append("## Recommendations\n\n" + escape_md(meeting.recommendations) + "\n")
    if meeting.body:
        out.append(content.prose.mark(meeting.body, meeting.path))  # checked once converted
    appendix = meeting.appendices[0] if meeting.appendices else "Appendix A"
    out.append("## List of appendices\n\n" + "\n".join(
        f"- {escape_md(a)}" for a in (meeting.appendices or [appendix])) + "\n")
    out.append('<div class="portal-paper__appendix" markdown>\n')
    out.append(f"## {escape_md(appendix)}: dilemmas for discussion\n")
    if not dilemmas:
        out.append("No dilemmas are published for this meeting.\n")
    # Each item's prose runs from its heading (which carries the mark,
    # prose_marks) to the next item's heading, and the last to an end mark.
    for number, d in enumerate(dilemmas, start=1):
        item = [f"### {number}. {escape_md(d.title)} ({escape_md(d.id)}){content.prose.start_heading(d.path)}\n"]
        # The prose was written beside the record, whose page is in dilemmas/.
        sections = {key: rebase_links(text, "../dilemmas/") for key, text in d.public_sections}
        if sections.get("scenario"):
            item.append(sections["scenario"].strip() + "\n")
        if sections.get("questions"):
            question = content.prose.own('<p class="portal-paper__question">')
            item.append(f"{question}<strong>Question</strong></p>\n")
            item.append(sections["questions"].strip() + "\n")
        out.append("\n".join(item))
    if dilemmas:
        out.append(content.prose.end_comment())
    out.append("</div>\n")
    out.append("</div>\n")
    return "\n".join(out)


def render_meetings_index(content: PortalContent, groups: Groups | None = None) -> str:
    uri = MEETINGS_URI
    groups = groups or Groups.of(content)
    out = [front_matter(title="Meetings",
                        description=page_description(
                            f"Meetings of the {content.settings.panel_name}, newest first."),
                        portal={"kind": "meetings"})]
    out.append("# Meetings\n")
    meetings = content.records.meetings_newest_first
    if not meetings:
        out.append("No meetings are recorded yet.\n")
        return "\n".join(out)
    items = []
    for meeting in meetings:
        count = len(groups.by_meeting.get(meeting.id, []))
        noun = "dilemma" if count == 1 else "dilemmas"
        state = "Scheduled" if meeting.status == "scheduled" else "Held"
        items.append(f"<li>{_link_html(uri, meeting_uri(meeting.id), meeting_heading(content, meeting))}"
                     f"<p>{esc(meeting.subject)} · {count} {noun} · {state}</p></li>")
    out.append(f'<ul class="portal-list"{NOT_SEARCHED}>{"".join(items)}</ul>\n')
    return "\n".join(out)


# -- themes --------------------------------------------------------------------------
def render_theme(content: PortalContent, theme: ThemeInfo, groups: Groups | None = None) -> str:
    uri = theme_uri(theme.id)
    dilemmas = (groups or Groups.of(content)).by_theme.get(theme.id, [])
    out = [front_matter(title=page_title(f"Theme: {theme.name}"),
                        description=page_description(theme.description),
                        portal={"kind": "theme", "id": theme.id})]
    out.append(f"# {escape_md(theme.name)}\n")
    out.append(escape_md(theme.description) + "\n")
    out.append(f"## Dilemmas on this theme ({len(dilemmas)})\n")
    out.append(dilemma_list(content, uri, dilemmas))
    if dilemmas:
        explorer = esc(href(uri, EXPLORER_URI)) + "?theme=" + esc(theme.id)
        out.append(f'<p>You can also <a href="{explorer}">filter these dilemmas by status, '
                   "meeting and words</a>.</p>\n")
    out.append(f"[All themes]({link(uri, THEMES_URI)})\n")
    return "\n".join(out)


def render_themes_index(content: PortalContent, groups: Groups | None = None) -> str:
    uri = THEMES_URI
    groups = groups or Groups.of(content)
    out = [front_matter(title="Themes",
                        description="The themes the panel's dilemmas are grouped by.",
                        portal={"kind": "themes"})]
    out.append("# Themes\n")
    out.append("Every published dilemma is tagged with the themes it raises. "
               f"[How themes are assigned]({link(uri, 'themes-method.md')}).\n")
    items = []
    for theme in content.themes.values():
        count = len(groups.by_theme.get(theme.id, []))
        noun = "dilemma" if count == 1 else "dilemmas"
        items.append(f"<li>{_link_html(uri, theme_uri(theme.id), theme.name)} ({count} {noun})"
                     f"<p>{esc(theme.description)}</p></li>")
    out.append(f'<ul class="portal-list">{"".join(items)}</ul>\n')
    return "\n".join(out)


# -- the explorer --------------------------------------------------------------------
def _options(choices: list[tuple[str, str]], all_label: str) -> str:
    return f'<option value="">{esc(all_label)}</option>' + "".join(
        f'<option value="{esc(value)}">{esc(label)}</option>' for value, label in choices)


def _counted(label: str, count: int) -> str:
    return f"{label} ({count})"


def explorer_filters(content: PortalContent, dilemmas: list[Dilemma]) -> str:
    """The filter form. Hidden until the script runs: without JavaScript the
    whole list is there, and theme and meeting pages are the filters."""
    theme_counts = Counter(t for d in dilemmas for t in d.themes)
    year_counts = Counter(d.meeting_date.year for d in dilemmas)
    meeting_counts = Counter(d.meeting_id for d in dilemmas)
    status_counts = Counter(d.status for d in dilemmas)
    themes = [(t.id, _counted(t.name, theme_counts[t.id])) for t in content.themes.values()
              if theme_counts[t.id]]
    year_choices = [(str(y), _counted(str(y), year_counts[y])) for y in sorted(year_counts, reverse=True)]
    meetings = [(m.id, _counted(long_date(m.date), meeting_counts[m.id]))
                for m in content.records.meetings_newest_first if meeting_counts[m.id]]
    statuses = [(s.id, _counted(s.label, status_counts[s.id])) for s in STATUSES.values()
                if s.public and status_counts[s.id]]

    def select(name: str, label: str, choices, all_label: str) -> str:
        return (f'<div class="portal-field"><label for="filter-{name}">{esc(label)}</label>'
                f'<select id="filter-{name}" name="{name}">{_options(choices, all_label)}</select></div>')

    return (
        '<form class="portal-filters" data-portal-filters hidden action="" method="get">'
        "<fieldset><legend>Filter the dilemmas</legend>"
        '<div class="portal-field portal-field--wide"><label for="filter-words">Words in the title, '
        'summary or themes</label><input type="search" id="filter-words" name="words" autocomplete="off" '
        'spellcheck="false"></div>'
        + select("theme", "Theme", themes, "All themes")
        + select("year", "Year", year_choices, "All years")
        + select("meeting", "Meeting", meetings, "All meetings")
        + select("status", "Status", statuses, "All statuses")
        + '<div class="portal-field portal-field--actions">'
        '<button type="reset" class="portal-button portal-button--secondary">Clear filters</button>'
        "</div></fieldset></form>"
    )


def render_dilemmas_index(content: PortalContent, groups: Groups | None = None) -> str:
    uri = EXPLORER_URI
    dilemmas = (groups or Groups.of(content)).published
    count = len(dilemmas)
    noun = "dilemma" if count == 1 else "dilemmas"
    out = [front_matter(title="Dilemmas",
                        description=page_description(
                            f"Every ethical dilemma published by the "
                            f"{content.settings.panel_name}, newest meeting first."),
                        portal={"kind": "explorer"},
                        # Every record has its own page in the search index; the
                        # list would only repeat them.
                        search={"exclude": True},
                        hide=["toc"])]
    out.append("# Dilemmas\n")
    out.append(f"Every dilemma the panel has published, newest meeting first. You can also "
               f"browse by [theme]({link(uri, THEMES_URI)}) or by "
               f"[meeting]({link(uri, MEETINGS_URI)}), or download the "
               f"[open data]({link(uri, 'open-data.md')}).\n")
    items = "".join(dilemma_item(content, uri, d, filterable=True) for d in dilemmas)
    out.append(
        '<div class="portal-explorer" data-portal-explorer>'
        + explorer_filters(content, dilemmas)
        + f'<p class="portal-count" role="status" data-portal-count data-total="{count}">'
          f"{count} {noun}</p>"
        + f'<ul class="portal-list portal-results" data-portal-results>{items}</ul>'
        + '<p class="portal-empty" data-portal-empty hidden>No dilemmas match these filters. '
          "Try fewer filters or other words.</p>"
        + "</div>\n")
    return "\n".join(out)


def render_pages(content: PortalContent) -> dict[str, str]:
    """Every generated page: source path -> Markdown."""
    groups = Groups.of(content)
    pages: dict[str, str] = {EXPLORER_URI: render_dilemmas_index(content, groups),
                             MEETINGS_URI: render_meetings_index(content, groups),
                             THEMES_URI: render_themes_index(content, groups)}
    for dilemma in groups.published:
        pages[dilemma_uri(dilemma.id)] = render_dilemma(content, dilemma)
    for meeting in content.records.meetings.values():
        pages[meeting_uri(meeting.id)] = render_meeting(content, meeting, groups)
        pages[meeting_paper_uri(meeting.id)] = render_meeting_paper(content, meeting, groups)
    for theme in content.themes.values():
        pages[theme_uri(theme.id)] = render_theme(content, theme, groups)
    content.list_items.clear()  # shared by the lists above; not needed while MkDocs builds
    return pages
