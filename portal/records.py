"""Validated records: what the later stages (check, tag, render, publish) use."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .load import SourceFile
from .schema import STATUSES, Status


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass
class Meeting:
    id: str  # the ISO date, e.g. "2023-03-28"
    date: dt.date
    title: str
    subject: str
    start: str = ""
    end: str = ""
    report_of: str = ""
    author_role: str = ""
    purpose: str = ""
    recommendations: str = ""
    appendices: list[str] = field(default_factory=list)
    papers: list[Link] = field(default_factory=list)
    status: str = "held"
    body: str = ""
    source: SourceFile | None = None

    @property
    def path(self) -> str:
        return self.source.path if self.source else ""


@dataclass
class Dilemma:
    id: str
    title: str
    status: str
    meeting_id: str
    meeting_date: dt.date
    # Body split by section key (schema.SECTIONS); text before the first
    # heading is the scenario.
    sections: dict[str, str]
    # Section keys in the order the editor wrote them.
    section_order: list[str]
    editor_themes: list[str] = field(default_factory=list)
    rejected_themes: list[str] = field(default_factory=list)
    principles: dict[str, list[str]] = field(default_factory=dict)
    summary: str = ""
    published: dt.date | None = None
    updated: dt.date | None = None
    outcome_approved: dt.date | None = None
    response_date: dt.date | None = None
    status_reason: str = ""
    source: SourceFile | None = None
    # Filled by the tagging stage.
    themes: list[str] = field(default_factory=list)
    # Themes given as automatic tagging's best guess (nothing reached a threshold).
    best_guess_themes: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    # Filled from git history when available: list of (label, date, url).
    history: list = field(default_factory=list)

    @property
    def path(self) -> str:
        return self.source.path if self.source else ""

    @property
    def status_info(self) -> Status:
        return STATUSES[self.status]

    @property
    def is_public(self) -> bool:
        return self.status_info.public

    @property
    def public_sections(self) -> list[tuple[str, str]]:
        """(key, text) of the sections the public may see at this status."""
        shown = self.status_info.shows
        return [(key, self.sections[key]) for key in self.section_order
                if key in shown and self.sections.get(key, "").strip()]

    @property
    def first_published(self) -> dt.date:
        return self.published or self.meeting_date

    @property
    def last_updated(self) -> dt.date:
        dates = [d for d in (self.first_published, self.updated, self.outcome_approved,
                             self.response_date) if d]
        return max(dates)

    @property
    def public_text(self) -> str:
        """Everything the public sees of the record's prose, for search and similarity."""
        return "\n\n".join([self.title, self.summary] + [text for _, text in self.public_sections])


@dataclass
class RecordSet:
    meetings: dict[str, Meeting]
    dilemmas: dict[str, Dilemma]  # every valid dilemma, drafts included

    @property
    def published_dilemmas(self) -> list[Dilemma]:
        """Public dilemmas, newest meeting first, then by id."""
        items = [d for d in self.dilemmas.values() if d.is_public]
        return sorted(items, key=lambda d: (-d.meeting_date.toordinal(), d.id))

    def dilemmas_of(self, meeting_id: str) -> list[Dilemma]:
        return sorted((d for d in self.published_dilemmas if d.meeting_id == meeting_id),
                      key=lambda d: d.id)

    @property
    def meetings_newest_first(self) -> list[Meeting]:
        return sorted(self.meetings.values(), key=lambda m: m.date, reverse=True)
