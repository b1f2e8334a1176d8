"""Findings of the anonymisation check and their output formats.

Nothing here ever sees the matched text: a Finding carries only a masked
form, so no output format can print personal data.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)
FORMATS = ("text", "json", "github")


@dataclass(frozen=True)
class AcceptedException:
    """A reviewer's recorded decision that a finding may be published."""

    rule: str
    reason: str  # masked of any identifier before it gets here
    reviewer: str


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int  # 1-based
    rule: str
    severity: str
    message: str  # human text; never contains the matched text
    masked: str
    accepted: AcceptedException | None = None
    # The path as it may be printed: identifiers found in a file name are masked.
    path_masked: str | None = None

    @property
    def counts(self) -> bool:
        """Whether it counts toward the exit status (accepted ones never do)."""
        return self.accepted is None

    @property
    def display_path(self) -> str:
        return self.path_masked or self.path


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.path, f.line, f.column, f.rule, f.severity))


def has_failure(findings: Iterable[Finding], *, strict: bool = False) -> bool:
    failing = {ERROR, WARNING} if strict else {ERROR}
    return any(f.counts and f.severity in failing for f in findings)


def summary_line(findings: list[Finding], files: int) -> str:
    counts = Counter(f.severity for f in findings if f.counts)
    accepted = sum(1 for f in findings if not f.counts)

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    parts = [plural(counts[ERROR], "error"), plural(counts[WARNING], "warning"),
             f"{accepted} accepted"]
    return f"{', '.join(parts)} in {plural(files, 'file')}"


def _shown(f: Finding) -> str:
    """The message and, when the finding is about a piece of text, its mask."""
    return f"{f.message} [{f.masked}]" if f.masked else f.message


def _text_line(f: Finding) -> str:
    base = f"{f.display_path}:{f.line}:{f.column}: "
    if f.accepted is None:
        return f"{base}{f.severity} {f.rule} {_shown(f)}"
    return (f"{base}accepted {f.rule} {_shown(f)} "
            f"(was {f.severity}; reason: {f.accepted.reason}; reviewer: {f.accepted.reviewer})")


def _json_object(f: Finding) -> dict:
    return {
        "path": f.display_path,
        "line": f.line,
        "column": f.column,
        "rule": f.rule,
        "severity": f.severity,
        "message": f.message,
        "masked": f.masked,
        "accepted": None if f.accepted is None else {
            "reason": f.accepted.reason, "reviewer": f.accepted.reviewer},
    }


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _github_line(f: Finding) -> str:
    if f.accepted is not None:
        command = "notice"
        message = (f"accepted {_shown(f)} (reason: {f.accepted.reason}; "
                   f"reviewer: {f.accepted.reviewer})")
    else:
        command = f.severity
        message = _shown(f)
    props = (f"file={_escape_property(f.display_path)},line={f.line},col={f.column},"
             f"title={_escape_property('anonymisation: ' + f.rule)}")
    return f"::{command} {props}::{_escape_data(message)}"


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def step_summary(findings: list[Finding], files: int | None = None) -> str:
    """A Markdown table of every finding, for $GITHUB_STEP_SUMMARY (GitHub shows
    only ten error annotations per step, so the table is the full record)."""
    lines = ["## Anonymisation check", ""]
    if files is not None:
        lines += [summary_line(findings, files), ""]
    if not findings:
        lines.append("No findings.")
        return "\n".join(lines) + "\n"
    lines += ["| File | Line | Column | Severity | Rule | Message | Masked |",
              "| --- | ---: | ---: | --- | --- | --- | --- |"]
    for f in findings:
        severity = f.severity if f.accepted is None else f"accepted ({f.severity})"
        message = f.message if f.accepted is None else (
            f"{f.message} (reason: {f.accepted.reason}; reviewer: {f.accepted.reviewer})")
        lines.append("| " + " | ".join(_cell(v) for v in (
            f.display_path, f.line, f.column, severity, f.rule, message,
            f"`{f.masked}`" if f.masked else "")) + " |")
    return "\n".join(lines) + "\n"


def write_step_summary(findings: list[Finding], files: int | None = None) -> bool:
    """Append the summary table to $GITHUB_STEP_SUMMARY if it is set."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return False
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(step_summary(findings, files))
    return True


def format_findings(findings: Iterable[Finding], fmt: str = "text", *,
                    files: int | None = None, write_summary: bool = True) -> str:
    """Render findings as "text" (one line each, then a summary line), "json"
    (a list of objects) or "github" (workflow commands; also appends a Markdown
    table to $GITHUB_STEP_SUMMARY when that is set, unless write_summary=False).
    `files` is the number of files checked, for the summary line."""
    ordered = sort_findings(findings)
    if files is None:
        files = len({f.path for f in ordered})
    if fmt == "text":
        return "\n".join([*map(_text_line, ordered), summary_line(ordered, files)]) + "\n"
    if fmt == "json":
        return json.dumps([_json_object(f) for f in ordered], indent=2, ensure_ascii=False) + "\n"
    if fmt == "github":
        if write_summary:
            write_step_summary(ordered, files)
        return "".join(_github_line(f) + "\n" for f in ordered)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
