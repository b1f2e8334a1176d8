#!/usr/bin/env python3
"""Summarise a pull request's records for reviewers, as Markdown.

    python scripts/pr_summary.py [--base origin/main] [--records-dir dilemmas] [--output FILE]

Compares the records with the base branch through git and writes: which
records were added, changed, moved or deleted; status changes; each changed
dilemma's themes (the editor's and the automatic ones); the anonymisation
findings in the changed records (masked: never the matched text); and any
status-transition problem. Appends to $GITHUB_STEP_SUMMARY when that is set
(GitHub shows it on the run's Summary page), otherwise prints it. Exits 0:
the checks themselves fail the run, this only reports.
"""
from __future__ import annotations

import argparse
import html
import os
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.load import SourceFile, load_records  # noqa: E402
from portal.problems import RecordsInvalid  # noqa: E402
from portal.schema import STATUSES  # noqa: E402
from portal.settings import load_settings  # noqa: E402
from portal.transitions import (  # noqa: E402
    RevisionError, check_transitions, resolve_base, sources_at_revision, states_from_sources,
)

MAX_FINDING_ROWS = 50


@dataclass
class Change:
    kind: str  # "added", "changed", "moved", "deleted"
    before: SourceFile | None
    after: SourceFile | None

    @property
    def source(self) -> SourceFile:
        return self.after or self.before

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def meta(self) -> dict:
        return self.source.meta or {}

    @property
    def record_type(self) -> str:
        return str(self.meta.get("type", ""))


def changed_records(before: list[SourceFile], after: list[SourceFile]) -> list[Change]:
    old = {s.path: s for s in before}
    new = {s.path: s for s in after}
    changes: list[Change] = []
    deleted = {p: s for p, s in old.items() if p not in new}
    added = {p: s for p, s in new.items() if p not in old}
    # A record whose id now lives in another file has moved, not gone.
    deleted_by_id = {_key(s): p for p, s in deleted.items() if _key(s)}
    for path, source in sorted(added.items()):
        origin = deleted_by_id.pop(_key(source), None) if _key(source) else None
        if origin is not None:
            changes.append(Change("moved", deleted.pop(origin), source))
        else:
            changes.append(Change("added", None, source))
    for path in sorted(set(old) & set(new)):
        if old[path].text != new[path].text:
            changes.append(Change("changed", old[path], new[path]))
    changes += [Change("deleted", source, None) for _, source in sorted(deleted.items())]
    return sorted(changes, key=lambda c: c.path)


def _key(source: SourceFile) -> str:
    meta = source.meta or {}
    if meta.get("type") == "dilemma" and isinstance(meta.get("id"), str):
        return "dilemma:" + meta["id"]
    if meta.get("type") == "meeting" and meta.get("date"):
        return f"meeting:{meta['date']}"
    return ""


def cell(value: object) -> str:
    """Text safe inside a Markdown table cell."""
    text = html.escape(" ".join(str(value).split()), quote=False)
    return text.replace("|", "\\|")


def status_label(source: SourceFile | None) -> str:
    status = (source.meta or {}).get("status") if source else None
    return f"`{status}`" if status in STATUSES else "—"


def findings_for(changes: list[Change], settings) -> tuple[dict[str, list], str]:
    """Anonymisation findings in the new text of each changed record."""
    try:
        from portal import anonymise
        rules = anonymise.load_rules(settings.anonymisation_dir)
    except Exception as exc:  # the check's own step reports a broken rule set
        return {}, f"The anonymisation check could not run here ({type(exc).__name__}); see its own step."
    found: dict[str, list] = {}
    for change in changes:
        if change.after is None:
            continue
        found[change.path] = list(anonymise.check_text(change.after.text, change.path, rules=rules))
    return found, ""


def themes_for(changes: list[Change], settings) -> dict[str, tuple[list[str], list[str]]]:
    """(editor's themes, automatic themes) of each changed dilemma."""
    try:
        from portal import tagging
        taxonomy = tagging.load_taxonomy(settings.themes_file)
    except Exception:
        return {}
    result = {}
    for change in changes:
        meta = change.meta
        if change.after is None or meta.get("type") != "dilemma":
            continue
        editor = [t for t in meta.get("themes") or [] if isinstance(t, str)]
        rejected = [t for t in meta.get("rejected_themes") or [] if isinstance(t, str)]
        try:
            tags = tagging.tag_record(taxonomy, title=str(meta.get("title") or ""),
                                      summary=str(meta.get("summary") or ""), body=change.after.body,
                                      editor_themes=editor, rejected_themes=rejected,
                                      body_first_line=change.after.body_line)
        except Exception:
            continue
        result[change.path] = (list(tags.editor), list(tags.automatic))
    return result


def summary(changes: list[Change], findings: dict[str, list], findings_note: str,
            themes: dict, transition_problems: list, base_name: str) -> str:
    out = ["## Records changed in this pull request", ""]
    if not changes:
        out += [f"No record differs from `{cell(base_name)}`.", ""]
    else:
        counts = {kind: sum(1 for c in changes if c.kind == kind)
                  for kind in ("added", "moved", "changed", "deleted")}
        counts = {kind: n for kind, n in counts.items() if n}
        out += [", ".join(f"{n} {kind}" for kind, n in counts.items()) + f" (compared with `{cell(base_name)}`).",
                "", "| Record | Title | Change | Status before | Status after |",
                "| --- | --- | --- | --- | --- |"]
        for change in changes:
            meta = change.meta
            record = meta.get("id") if change.record_type == "dilemma" else (
                f"meeting {meta.get('date', '')}" if change.record_type == "meeting" else "")
            title = meta.get("title") or meta.get("subject") or ""
            title_line = change.source.line_of("title", -1) if change.source.key_lines else -1
            if any(f.line == title_line for f in findings.get(change.path, [])):
                title = "(withheld: the anonymisation check found something in it)"
            where = f"`{cell(change.path)}`"
            if change.kind == "moved":
                where += f" (from `{cell(change.before.path)}`)"
            out.append(f"| {cell(record)} {where} | {cell(title)} | {change.kind} | "
                       f"{status_label(change.before)} | {status_label(change.after)} |")
        out.append("")

    moves = [c for c in changes if c.record_type == "dilemma" and c.before and c.after
             and (c.before.meta or {}).get("status") != (c.after.meta or {}).get("status")]
    out += ["### Status changes", ""]
    if moves:
        for change in moves:
            old, new = change.before.meta.get("status"), change.after.meta.get("status")
            out.append(f"- **{cell(change.meta.get('id'))}**: `{cell(old)}` → `{cell(new)}`"
                       + (" (now public)" if new in STATUSES and STATUSES[new].public
                          and not (old in STATUSES and STATUSES[old].public) else ""))
    else:
        out.append("No status changed.")
    out.append("")

    out += ["### Themes", ""]
    if themes:
        out += ["| Record | Editor's themes | Added automatically |", "| --- | --- | --- |"]
        for path, (editor, automatic) in sorted(themes.items()):
            record = next((c.meta.get("id") for c in changes if c.path == path), path)
            out.append(f"| {cell(record)} | {cell(', '.join(editor) or '—')} | "
                       f"{cell(', '.join(automatic) or '—')} |")
    else:
        out.append("No changed dilemma to tag.")
    out.append("")

    out += ["### Anonymisation findings in the changed records", ""]
    rows = [(path, f) for path, items in sorted(findings.items()) for f in items]
    if findings_note:
        out.append(findings_note)
    elif not rows:
        out.append("No findings in the changed records.")
    else:
        open_count = sum(1 for _, f in rows if f.accepted is None)
        out += [f"{open_count} to resolve, {len(rows) - open_count} accepted by a reviewer. "
                "Matched text is masked.", "",
                "| File | Line | Rule | Severity | Masked |", "| --- | ---: | --- | --- | --- |"]
        for path, finding in rows[:MAX_FINDING_ROWS]:
            severity = finding.severity if finding.accepted is None else f"accepted ({finding.severity})"
            out.append(f"| `{cell(getattr(finding, 'display_path', path))}` | {finding.line} | "
                       f"{cell(finding.rule)} | {cell(severity)} | `{cell(finding.masked)}` |")
        if len(rows) > MAX_FINDING_ROWS:
            out.append(f"\n…and {len(rows) - MAX_FINDING_ROWS} more: see the anonymisation check's summary.")
    out.append("")

    out += ["### Status transitions", ""]
    if transition_problems:
        out += [f"- `{cell(p.path)}:{p.line}`: {cell(p.message)}" for p in transition_problems]
    else:
        out.append("No problem: no status moved backwards without a reason, and no published "
                   "record was deleted or renumbered.")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="origin/main")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the site's folder (default: here)")
    parser.add_argument("--records-dir", type=Path, default=None)
    parser.add_argument("--output", type=Path, default=None,
                        help="append to this file (default: $GITHUB_STEP_SUMMARY, else print)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        settings = load_settings(root)
    except RecordsInvalid as exc:
        print(exc.report(), file=sys.stderr)
        return 2
    records_dir = (root / args.records_dir) if args.records_dir else settings.records_dir
    try:
        base = resolve_base(root, args.base)
        before = sources_at_revision(root, base, records_dir)
    except RevisionError as exc:
        print(f"pr_summary.py: {exc}", file=sys.stderr)
        return 2
    after, _ = load_records(records_dir, root)
    changes = changed_records(before, after)
    findings, note = findings_for(changes, settings)
    text = summary(changes, findings, note, themes_for(changes, settings),
                   check_transitions(states_from_sources(before), states_from_sources(after)), args.base)
    target = args.output or (Path(os.environ["GITHUB_STEP_SUMMARY"])
                             if os.environ.get("GITHUB_STEP_SUMMARY") else None)
    if target is None:
        sys.stdout.write(text)
    else:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(text + "\n")
        print(f"pr_summary.py: {len(changes)} changed record(s) summarised in {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
