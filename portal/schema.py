"""The record schema: one source of truth for the loader, the validator, the
command-line tools and the editors' documentation (rendered from this data
on the "Record format" page).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# A public identifier: lower-case ASCII letters and digits in groups joined by
# single hyphens. It appears in URLs and file names, so nothing else is allowed.
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_MAX_LENGTH = 40
ID_RULE = (
    "lower-case letters a-z and digits 0-9 in groups joined by single hyphens, "
    f"at most {ID_MAX_LENGTH} characters (for example 2023-001)"
)
# Ids that would collide with the site's own pages.
RESERVED_IDS = frozenset({"index", "feed", "data", "search", "assets"})
TIME_PATTERN = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")

# Placeholders the importer and scaffolder leave for an editor; a record that
# still has one may not be published.
TITLE_MARK = "[Title to review]"
EDITOR_MARK = "[Editor:"
UNFINISHED_MARKS = (TITLE_MARK, EDITOR_MARK)

# Limits that keep a hostile or mistaken file from stalling the build.
MAX_RECORD_BYTES = 256 * 1024


@dataclass(frozen=True)
class Status:
    id: str
    label: str
    public: bool
    # Body sections the public sees at this status (by section key, below).
    shows: tuple[str, ...]
    description: str
    # Position in the lifecycle: a record may not move to a lower rank without
    # a recorded reason.
    rank: int


STATUSES: dict[str, Status] = {
    s.id: s
    for s in (
        Status("draft", "Draft", False, (),
               "Being written or anonymised. Never published anywhere: no page, "
               "no search entry, no data file.", 0),
        Status("for-discussion", "For discussion", True, ("scenario", "questions"),
               "Published ahead of the meeting, as the panel paper was: the scenario "
               "and the questions put to the panel.", 1),
        Status("discussed", "Discussed, outcome awaiting approval", True,
               ("scenario", "questions"),
               "The panel has discussed it; its outcome is not published until the "
               "panel approves it. Any outcome text already in the record stays hidden.", 2),
        Status("outcome-published", "Outcome published", True,
               ("scenario", "questions", "outcome"),
               "The panel's approved views and recommendations are published. The "
               "force's response, if drafted, stays hidden until the record is closed.", 3),
        Status("closed", "Closed", True,
               ("scenario", "questions", "outcome", "response", "follow-up"),
               "The force's response and any follow-up are published. The full chain "
               "of the item is public.", 4),
        Status("withdrawn", "Withdrawn", True, (),
               "Withdrawn from the panel's agenda. Its reference stays reserved and its "
               "page says why it was withdrawn, without the scenario.", 5),
    )
}


@dataclass(frozen=True)
class Section:
    key: str
    heading: str  # the level-2 heading editors write, matched case-insensitively
    aliases: tuple[str, ...]
    description: str


SECTIONS: tuple[Section, ...] = (
    Section("scenario", "Scenario", ("the scenario", "dilemma", "background"),
            "The anonymised situation, as put to the panel. Text before the first "
            "heading counts as the scenario."),
    Section("questions", "Questions for the panel",
            ("question for the panel", "questions", "question", "questions for the reader"),
            "The question or questions the panel was asked."),
    Section("outcome", "Panel outcome",
            ("outcome", "the panel's views", "panel views", "panel's outcome",
             "views and recommendations", "recommendations"),
            "The panel's views and recommendations, once approved."),
    Section("response", "Force response", ("the force's response", "response"),
            "What the force decided or did in response."),
    Section("follow-up", "Follow-up", ("follow up", "followup"),
            "Later updates: what changed, reviews, further actions."),
)
SECTION_BY_HEADING = {
    name.lower(): s.key for s in SECTIONS for name in (s.heading, *s.aliases)
}


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # "str", "text", "date", "time", "id", "status", "list[str]", "links", "exceptions", "principles"
    required: bool
    description: str
    example: str = ""


COMMON_FIELDS: tuple[Field, ...] = (
    Field("type", "str", True, "What the record is: `dilemma` or `meeting`.", "dilemma"),
)

DILEMMA_FIELDS: tuple[Field, ...] = COMMON_FIELDS + (
    Field("id", "id", True,
          "Stable public reference, used in the web address. Never change or reuse it. "
          f"Format: {ID_RULE}.", "2023-001"),
    Field("title", "str", True, "A short, neutral title that identifies no one.",
          "Helping a parent message a missing teenager"),
    Field("status", "status", True,
          "Where the item is in its lifecycle: " + ", ".join(f"`{s}`" for s in STATUSES) + ".",
          "for-discussion"),
    Field("meeting", "date", True,
          "Date of the panel meeting the item belongs to (YYYY-MM-DD). A meeting "
          "record for that date must exist.", "2023-03-28"),
    Field("themes", "list[str]", False,
          "Theme ids (from config/themes.yml) an editor assigns. Automatic tagging "
          "adds others.", "[social-media]"),
    Field("rejected_themes", "list[str]", False,
          "Theme ids the automatic tagger suggested that an editor rejects.", "[custody]"),
    Field("principles", "principles", False,
          "Principles the item engages, by framework: `code_of_ethics` (College of "
          "Policing, 2024) and `nolan`, each a list of ids from config/principles.yml.",
          "{code_of_ethics: [courage], nolan: [openness]}"),
    Field("summary", "text", False, "One or two sentences for listings and search results.", ""),
    Field("published", "date", False,
          "Date first published. Defaults to the meeting date.", "2023-03-28"),
    Field("updated", "date", False, "Date of the last substantive update.", ""),
    Field("outcome_approved", "date", False,
          "Date the panel approved its outcome. Required from `outcome-published`.", ""),
    Field("response_date", "date", False, "Date of the force's response.", ""),
    Field("status_reason", "text", False,
          "Why the status moved backwards, or why the item was withdrawn. Required "
          "for `withdrawn`.", ""),
    Field("anonymisation_exceptions", "exceptions", False,
          "Findings of the anonymisation check that a reviewer has accepted: each with "
          "`rule`, `text`, `reason` and `reviewer`.", ""),
)

MEETING_FIELDS: tuple[Field, ...] = COMMON_FIELDS + (
    Field("date", "date", True, "Date of the meeting (YYYY-MM-DD). Also its reference.",
          "2023-03-28"),
    Field("start", "time", False, "Start time, 24-hour HH:MM.", "10:00"),
    Field("end", "time", False, "End time, 24-hour HH:MM.", "12:00"),
    Field("title", "str", False, "Name of the meeting. Defaults to the panel's name.", ""),
    Field("subject", "str", True, "Subject of the paper, as published.", "Ethical dilemmas"),
    Field("report_of", "str", False, "Whose report the paper is, as published (a role).",
          "Chief Constable"),
    Field("author_role", "str", False, "The author's role (not their name).",
          "Head of Communications and Engagement"),
    Field("purpose", "text", False, "The paper's purpose, as published.", ""),
    Field("recommendations", "text", False, "The paper's recommendations, as published.", ""),
    Field("appendices", "list[str]", False, "Titles of the paper's appendices.", ""),
    Field("papers", "links", False,
          "Published papers or minutes: a list of `title` and `url`.", ""),
    Field("status", "str", False,
          "`scheduled` (the default for future dates) or `held`.", "held"),
    Field("anonymisation_exceptions", "exceptions", False,
          "As for dilemmas.", ""),
)

FIELDS_BY_TYPE = {
    "dilemma": {f.name: f for f in DILEMMA_FIELDS},
    "meeting": {f.name: f for f in MEETING_FIELDS},
}
RECORD_TYPES = tuple(FIELDS_BY_TYPE)
MEETING_STATUSES = ("scheduled", "held")
PRINCIPLE_FRAMEWORKS = ("code_of_ethics", "nolan")
EXCEPTION_KEYS = ("rule", "text", "reason", "reviewer")
LINK_KEYS = ("title", "url")
