"""Stage 2, validate: turn loaded files into typed records, or explain why not.

Every problem is collected with its file and line. Nothing here stops at the
first mistake: an editor fixes everything in one pass.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Callable

from . import safety
from .load import SourceFile
from .problems import Problem
from .records import Dilemma, Link, Meeting, RecordSet
from .schema import (
    EXCEPTION_KEYS, FIELDS_BY_TYPE, ID_MAX_LENGTH, ID_PATTERN, ID_RULE, LINK_KEYS,
    MEETING_STATUSES, PRINCIPLE_FRAMEWORKS, RECORD_TYPES, RESERVED_IDS, SECTION_BY_HEADING, SECTIONS,
    STATUSES, TIME_PATTERN, TITLE_MARK, UNFINISHED_MARKS,
)

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# What the three patterns above can match first, after up to three spaces.
_MAY_START_STRUCTURE = frozenset("#=-`~") | {""}
MAX_TITLE_LENGTH = 200


@dataclass
class Vocabulary:
    """Ids that records may refer to, from the taxonomy and principles files."""

    themes: set[str] = field(default_factory=set)
    principles: dict[str, set[str]] = field(default_factory=dict)


def validate_records(sources: list[SourceFile], vocabulary: Vocabulary,
                     check_safety: Callable[[SourceFile], list[Problem]] = safety.check_source,
                     ) -> tuple[RecordSet, list[Problem]]:
    """Every record that is valid, and every problem. ``check_safety`` finds a
    record's hostile-input problems; the build passes one that uses its cache
    and leaves the converted HTML to be checked on the pages it publishes."""
    problems: list[Problem] = []
    meetings: dict[str, Meeting] = {}
    meeting_files: dict[str, str] = {}
    dilemmas: dict[str, Dilemma] = {}
    id_owners: dict[str, tuple[str, str]] = {}  # normalised id -> (id, path)

    for source in sources:
        checker = _RecordChecker(source, vocabulary, check_safety)
        record = checker.check()
        problems += checker.problems
        if record is None:
            continue
        if isinstance(record, Meeting):
            if record.id in meeting_files:
                problems.append(Problem(source.path, source.line_of("date"),
                                        f"a meeting on {record.id} is already recorded in "
                                        f"{meeting_files[record.id]}"))
                continue
            meetings[record.id] = record
            meeting_files[record.id] = source.path
            continue
        normalised = normalise_id(record.id)
        if normalised in id_owners:
            other_id, other_path = id_owners[normalised]
            same = "the same id" if other_id == record.id else f"an id that reads the same as '{other_id}'"
            problems.append(Problem(source.path, source.line_of("id"),
                                    f"{same} is already used by {other_path}; ids are never "
                                    "shared or reused"))
            continue
        id_owners[normalised] = (record.id, source.path)
        if ID_PATTERN.match(record.id) and len(record.id) <= ID_MAX_LENGTH and record.id not in RESERVED_IDS:
            dilemmas[record.id] = record

    for dilemma in dilemmas.values():
        problems += unfinished_placeholders(dilemma)
        if dilemma.meeting_id not in meetings:
            problems.append(Problem(dilemma.path, dilemma.source.line_of("meeting"),
                                    f"no meeting record for {dilemma.meeting_id}; add one to the "
                                    "records folder or correct the date"))
    return RecordSet(meetings=meetings, dilemmas=dilemmas), problems


def unfinished_placeholders(dilemma: Dilemma) -> list[Problem]:
    """A published record must not still carry a placeholder for its editor."""
    text = dilemma.source.text
    if not dilemma.is_public or not any(mark in text for mark in UNFINISHED_MARKS):
        return []
    problems = []
    for offset, line in enumerate(text.split("\n")):
        for mark in UNFINISHED_MARKS:
            if mark in line:
                what = ("its title is still marked for review: write the final title"
                        if mark == TITLE_MARK else "it still has an editor's placeholder to replace")
                problems.append(Problem(dilemma.path, offset + 1,
                                        f"status '{dilemma.status}' publishes this record, but {what} "
                                        f"('{mark}')"))
    return problems


def normalise_id(value: str) -> str:
    """The form two ids are compared in: Unicode look-alikes and case folded."""
    return safety.id_skeleton(value)


class _RecordChecker:
    def __init__(self, source: SourceFile, vocabulary: Vocabulary,
                 check_safety: Callable[[SourceFile], list[Problem]]):
        self.source = source
        self.vocabulary = vocabulary
        self.check_safety = check_safety
        self.problems: list[Problem] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.source.path, line, message))

    def line(self, key: str, item=None) -> int:
        if item is not None and (key, item) in self.source.item_lines:
            return self.source.item_lines[(key, item)]
        return self.source.line_of(key)

    # -- the record as a whole -------------------------------------------
    def check(self):
        source, meta = self.source, self.source.meta
        if not source.has_front_matter:
            self.problem(1, "has no front matter; a record starts with a '---' line, then "
                            "'type:', 'id:', 'title:' and the other fields, then '---'")
            return None
        if not meta and not self.problems_in_source():
            self.problem(1, "front matter has no fields")
            return None
        if self.problems_in_source():
            return None  # broken YAML: the loader already said where
        kind = meta.get("type")
        if kind not in RECORD_TYPES:
            if kind is None:
                self.problem(1, "the required field 'type' is missing (dilemma or meeting)")
            else:
                self.problem(self.line("type"), f"unknown type {kind!r}; use "
                             + " or ".join(RECORD_TYPES))
            return None
        fields = FIELDS_BY_TYPE[kind]
        for key in meta:
            if key not in fields:
                hint = difflib.get_close_matches(key, list(fields), n=1)
                suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
                self.problem(self.line(key), f"unknown field '{key}'{suggestion}")
        for name, spec in fields.items():
            if spec.required and name not in meta:
                self.problem(1, f"the required field '{name}' is missing")
        if kind == "meeting":
            return self.check_meeting()
        return self.check_dilemma()

    def problems_in_source(self) -> bool:
        return not self.source.front_matter_ok

    # -- field readers -----------------------------------------------------
    def text(self, key: str, *, single_line: bool = True, required: bool = False) -> str:
        value = self.source.meta.get(key)
        if value is None:
            if required and key in self.source.meta:
                self.problem(self.line(key), f"'{key}' is empty")
            return ""
        if not isinstance(value, str):
            self.problem(self.line(key), f"'{key}' must be text, not {_kind(value)}")
            return ""
        value = value.strip()
        if required and not value:
            self.problem(self.line(key), f"'{key}' is empty")
        if single_line and "\n" in value:
            self.problem(self.line(key), f"'{key}' must be a single line")
        return value

    def date(self, key: str) -> dt.date | None:
        value = self.source.meta.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not _DATE.match(value.strip()):
            self.problem(self.line(key), f"'{key}' must be a date written YYYY-MM-DD, "
                                         f"not {_describe(value)}")
            return None
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            self.problem(self.line(key), f"'{key}' is not a real date: {value.strip()}")
            return None

    def time(self, key: str) -> str:
        value = self.source.meta.get(key)
        if value is None:
            return ""
        if not isinstance(value, str) or not TIME_PATTERN.match(value.strip()):
            self.problem(self.line(key), f"'{key}' must be a 24-hour time written HH:MM, "
                                         f"not {_describe(value)}")
            return ""
        return value.strip()

    def string_list(self, key: str) -> list[str]:
        value = self.source.meta.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(self.line(key), f"'{key}' must be a list, for example [{_describe(value)}]")
            return []
        items = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.problem(self.line(key, index), f"'{key}' item {index + 1} must be text")
                continue
            items.append(item.strip())
        return items

    def vocabulary_list(self, key: str, allowed: set[str], what: str) -> list[str]:
        items = self.string_list(key)
        seen: list[str] = []
        for index, item in enumerate(items):
            if item not in allowed:
                hint = difflib.get_close_matches(item, sorted(allowed), n=1)
                suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
                self.problem(self.line(key, index), f"unknown {what} '{item}'{suggestion}")
            elif item in seen:
                self.problem(self.line(key, index), f"{what} '{item}' is listed twice")
            else:
                seen.append(item)
        return seen

    def id_value(self) -> str:
        value = self.source.meta.get("id")
        if value is None:
            return ""
        if not isinstance(value, str):
            self.problem(self.line("id"), f"'id' must be text such as 2023-001, not {_kind(value)}; "
                                          "put it in quotes")
            return ""
        if len(value) > ID_MAX_LENGTH or not ID_PATTERN.match(value):
            self.problem(self.line("id"), f"id {_describe(value)} is not allowed"
                                          f"{safety.explain_id_characters(value)}: use {ID_RULE}")
        elif value in RESERVED_IDS:
            self.problem(self.line("id"), f"id '{value}' is reserved for the site's own pages")
        return value

    # -- dilemma -------------------------------------------------------------
    def check_dilemma(self) -> Dilemma | None:
        meta = self.source.meta
        self.problems += self.check_safety(self.source)
        record_id = self.id_value()
        title = self.text("title", required=True)
        if len(title) > MAX_TITLE_LENGTH:
            self.problem(self.line("title"), f"'title' is longer than {MAX_TITLE_LENGTH} characters")
        status = meta.get("status")
        if status is not None and status not in STATUSES:
            hint = difflib.get_close_matches(str(status), list(STATUSES), n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            self.problem(self.line("status"), f"unknown status {_describe(status)}{suggestion}; use one of "
                                              + ", ".join(STATUSES))
            status = None
        meeting_date = self.date("meeting")
        themes = self.vocabulary_list("themes", self.vocabulary.themes, "theme")
        rejected = self.vocabulary_list("rejected_themes", self.vocabulary.themes, "theme")
        for theme in set(themes) & set(rejected):
            self.problem(self.line("rejected_themes"), f"theme '{theme}' is both listed and rejected")
        principles = self.principles()
        summary = self.text("summary", single_line=False)
        dates = {key: self.date(key) for key in ("published", "updated", "outcome_approved", "response_date")}
        reason = self.text("status_reason", single_line=False)
        self.exceptions()
        sections, order = self.sections()

        if status is None or meeting_date is None or not record_id or not title:
            return None
        if not sections.get("scenario", "").strip():
            self.problem(self.source.body_line, "the record has no scenario: write it below the "
                                                "front matter (or under '## Scenario')")
        self.check_status_needs(status, sections, dates, reason)
        return Dilemma(
            id=record_id, title=title, status=status, meeting_id=meeting_date.isoformat(),
            meeting_date=meeting_date, sections=sections,
            section_order=order, editor_themes=themes, rejected_themes=rejected,
            principles=principles, summary=" ".join(summary.split()),
            published=dates["published"], updated=dates["updated"],
            outcome_approved=dates["outcome_approved"], response_date=dates["response_date"],
            status_reason=reason, source=self.source,
        )

    def check_status_needs(self, status, sections, dates, reason) -> None:
        line = self.line("status")
        if status in ("outcome-published", "closed"):
            if not sections.get("outcome", "").strip():
                self.problem(line, f"status '{status}' needs a '## Panel outcome' section")
            if dates["outcome_approved"] is None:
                self.problem(line, f"status '{status}' needs 'outcome_approved', the date the "
                                   "panel approved its outcome")
        if status == "closed" and not sections.get("response", "").strip():
            self.problem(line, "status 'closed' needs a '## Force response' section")
        if status == "withdrawn" and not reason:
            self.problem(line, "status 'withdrawn' needs 'status_reason' saying why, for the public")

    def principles(self) -> dict[str, list[str]]:
        value = self.source.meta.get("principles")
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(self.line("principles"), "'principles' must map a framework ("
                         + ", ".join(PRINCIPLE_FRAMEWORKS) + ") to a list of principle ids")
            return {}
        result = {}
        for framework, ids in value.items():
            line = self.line("principles", framework)
            allowed = self.vocabulary.principles.get(framework)
            if allowed is None:
                self.problem(line, f"unknown principles framework {_describe(framework)}; use "
                             + " or ".join(self.vocabulary.principles or PRINCIPLE_FRAMEWORKS))
                continue
            if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
                self.problem(line, f"'principles.{framework}' must be a list of principle ids")
                continue
            for item in ids:
                if item not in allowed:
                    hint = difflib.get_close_matches(item, sorted(allowed), n=1)
                    suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
                    self.problem(line, f"unknown {framework} principle '{item}'{suggestion}")
            result[framework] = [i for i in dict.fromkeys(ids) if i in allowed]
        return result

    def exceptions(self) -> None:
        """Check the shape only; the anonymisation check decides what they accept."""
        value = self.source.meta.get("anonymisation_exceptions")
        if value is None:
            return
        if not isinstance(value, list):
            self.problem(self.line("anonymisation_exceptions"),
                         "'anonymisation_exceptions' must be a list of exceptions")
            return
        for index, item in enumerate(value):
            line = self.line("anonymisation_exceptions", index)
            if not isinstance(item, dict):
                self.problem(line, "each anonymisation exception needs rule, text, reason and reviewer")
                continue
            for key in item:
                if key not in EXCEPTION_KEYS:
                    self.problem(line, f"unknown key '{key}' in an anonymisation exception")
            for key in EXCEPTION_KEYS:
                if not isinstance(item.get(key), str) or not item.get(key, "").strip():
                    self.problem(line, f"anonymisation exception {index + 1} needs '{key}'")

    def sections(self) -> tuple[dict[str, str], list[str]]:
        """Split the body at level-2 headings into known sections."""
        sections: dict[str, list[str]] = {"scenario": []}
        order = ["scenario"]
        current = "scenario"
        lines = self.source.body.split("\n")
        fence = None
        previous = ""
        for offset, line in enumerate(lines):
            if line.lstrip(" ")[:1] not in _MAY_START_STRUCTURE:  # most lines: no heading, fence or underline
                sections[current].append(line)
                previous = line
                continue
            number = self.source.body_line + offset
            fence_match = _FENCE.match(line)
            if fence_match:
                marker = fence_match.group(1)
                if fence is None:
                    fence = marker
                elif marker[0] == fence[0] and len(marker) >= len(fence):
                    fence = None
            heading = None
            if fence is None:
                atx = _ATX_HEADING.match(line)
                if atx:
                    heading = (len(atx.group(1)), (atx.group(2) or "").strip())
                elif (_SETEXT_UNDERLINE.match(line) and previous.strip()
                      and not previous.startswith((" " * 4, "\t"))):
                    level = 1 if line.strip().startswith("=") else 2
                    if level == 1 or not _is_list_or_break(previous):
                        heading = (level, previous.strip())
                        sections[current].pop()  # the underlined line is the heading text
            if heading and heading[0] <= 2:
                level, text = heading
                if level == 1:
                    self.problem(number, "the page title comes from 'title' in the front matter; "
                                         "use '##' headings for sections")
                key = SECTION_BY_HEADING.get(text.lower().rstrip(":"))
                if key is None:
                    names = [s.heading for s in SECTIONS]
                    hint = difflib.get_close_matches(text, names, n=1, cutoff=0.5)
                    suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
                    self.problem(number, f"unknown section heading '{text}'{suggestion}; sections are "
                                 + ", ".join(names) + ". Use '###' for headings inside a section")
                    current = "scenario" if current == "scenario" else current
                elif key in sections and (key != "scenario" or sections["scenario"] and "".join(sections["scenario"]).strip()):
                    self.problem(number, f"section '{text}' appears twice")
                else:
                    sections.setdefault(key, [])
                    if key not in order:
                        order.append(key)
                    current = key
                previous = line
                continue
            sections[current].append(line)
            previous = line
        joined = {key: "\n".join(body).strip("\n") for key, body in sections.items()}
        return joined, order

    # -- meeting -------------------------------------------------------------
    def check_meeting(self) -> Meeting | None:
        meta = self.source.meta
        self.problems += self.check_safety(self.source)
        date = self.date("date")
        start, end = self.time("start"), self.time("end")
        if start and end and end <= start:
            self.problem(self.line("end"), "'end' must be later than 'start'")
        status = meta.get("status", None)
        if status is not None and status not in MEETING_STATUSES:
            self.problem(self.line("status"), f"unknown meeting status {_describe(status)}; use "
                                              + " or ".join(MEETING_STATUSES))
        meeting = Meeting(
            id=date.isoformat() if date else "",
            date=date or dt.date.min,
            title=self.text("title"),
            subject=self.text("subject", required=True),
            start=start, end=end,
            report_of=self.text("report_of"),
            author_role=self.text("author_role"),
            purpose=self.text("purpose", single_line=False),
            recommendations=self.text("recommendations", single_line=False),
            appendices=self.string_list("appendices"),
            papers=self.links("papers"),
            status=status if status in MEETING_STATUSES else "held",
            body=self.source.body.strip(),
            source=self.source,
        )
        self.exceptions()
        if date is None:
            return None
        return meeting

    def links(self, key: str) -> list[Link]:
        value = self.source.meta.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(self.line(key), f"'{key}' must be a list of links, each with title and url")
            return []
        links = []
        for index, item in enumerate(value):
            line = self.line(key, index)
            if not isinstance(item, dict) or not all(isinstance(item.get(k), str) and item.get(k).strip()
                                                     for k in LINK_KEYS):
                self.problem(line, f"'{key}' item {index + 1} needs a 'title' and a 'url'")
                continue
            extra = set(item) - set(LINK_KEYS)
            if extra:
                self.problem(line, f"unknown key '{sorted(extra)[0]}' in '{key}' item {index + 1}")
            url = item["url"].strip()
            if not re.match(r"^https?://[^\s/]+\.[^\s]+$", url):
                self.problem(line, f"'{key}' item {index + 1} url must be a full https:// address")
                continue
            links.append(Link(item["title"].strip(), url))
        return links


def _is_list_or_break(line: str) -> bool:
    stripped = line.strip()
    return bool(re.match(r"^([-*+]|\d+[.)])\s", stripped)) or set(stripped) <= set("-*_ ")


def _kind(value) -> str:
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _describe(value) -> str:
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return repr(shown)
    return _kind(value)
