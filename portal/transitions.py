"""Checks on how records change between two versions of the records folder
(the base branch and a pull request), which no single record can show:

- a status never moves backwards (to a lower ``schema.STATUSES[...].rank``)
  without a new ``status_reason``; ``withdrawn`` is allowed from any status
  (the validator already requires its reason);
- an id never changes and never disappears: a record that has been public
  is never deleted (withdraw it instead). A draft may be deleted: it was never
  published, and scripts/new.py still never reuses its id.

What each status requires inside one record (an outcome and its approval
date for ``outcome-published``, a force response for ``closed``) is the
validator's job and is not repeated here.

``check_transitions`` is a pure function of two lists of ``RecordState``.
``states_from_sources`` makes them from loaded files, and
``sources_at_revision`` reads the files of a git revision with one git call.
"""
from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterable

from .load import SourceFile, parse_source
from .problems import Problem
from .schema import STATUSES


@dataclass(frozen=True)
class RecordState:
    """What the transition checks need to know about one dilemma record."""

    path: str
    id: str
    status: str
    status_reason: str = ""
    title: str = ""
    id_line: int = 1
    status_line: int = 1

    @property
    def is_public(self) -> bool:
        return STATUSES[self.status].public


def states_from_sources(sources: Iterable[SourceFile]) -> list[RecordState]:
    """Dilemma records that can be compared. Files that cannot be read, or
    lack a readable id or status, are the validator's business and are skipped."""
    states = []
    for source in sources:
        meta = source.meta or {}
        record_id, status = meta.get("id"), meta.get("status")
        if meta.get("type") != "dilemma" or not isinstance(record_id, str) or status not in STATUSES:
            continue
        reason = meta.get("status_reason")
        states.append(RecordState(
            path=source.path, id=record_id.strip(), status=status,
            status_reason=" ".join(reason.split()) if isinstance(reason, str) else "",
            title=meta.get("title") if isinstance(meta.get("title"), str) else "",
            id_line=source.line_of("id"), status_line=source.line_of("status"),
        ))
    return states


def check_transitions(before: Iterable[RecordState], after: Iterable[RecordState]) -> list[Problem]:
    """Every problem with how the records changed from ``before`` to ``after``."""
    old_by_id = {s.id: s for s in before}
    new_by_id = {s.id: s for s in after}
    new_by_path = {s.path: s for s in after}
    problems: list[Problem] = []

    for record_id, old in sorted(old_by_id.items()):
        new = new_by_id.get(record_id)
        if new is None:
            if not old.is_public:
                continue  # a draft was never published; its id stays used all the same
            replacement = new_by_path.get(old.path)
            if replacement is not None:
                problems.append(Problem(
                    replacement.path, replacement.id_line,
                    f"id changed from '{old.id}' to '{replacement.id}'; a published record's id "
                    f"never changes (its web address would break): put 'id: {old.id}' back"))
            else:
                problems.append(Problem(
                    old.path, 1,
                    f"record {old.id} ({STATUSES[old.status].label.lower()}) was deleted; a "
                    "record that has been public is never deleted: restore it and set "
                    "'status: withdrawn' with a 'status_reason' instead"))
            continue
        problems += _status_change(old, new)
    return sorted(problems)


def _status_change(old: RecordState, new: RecordState) -> list[Problem]:
    if new.status == old.status or new.status == "withdrawn":
        return []
    if STATUSES[new.status].rank >= STATUSES[old.status].rank:
        return []
    if new.status_reason and new.status_reason != old.status_reason:
        return []
    why = ("its 'status_reason' is the one given for an earlier change; write why it moved back now"
           if new.status_reason else "say why in 'status_reason' (the public sees it)")
    return [Problem(new.path, new.status_line,
                    f"status moved back from '{old.status}' to '{new.status}'; {why}")]


# -- reading a git revision ---------------------------------------------------

class RevisionError(Exception):
    """The base revision cannot be read (not a git repository, unknown ref)."""


def resolve_base(root: Path, base: str) -> str:
    """The commit to compare with: where HEAD branched from ``base``
    (their merge base), so changes made on ``base`` since then do not look
    like changes undone by the pull request. In a GitHub pull request the
    checked-out merge commit contains ``base``, so this is ``base`` itself."""
    commit = _git_text(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    if commit is None:
        raise RevisionError(f"cannot find '{base}' in the git repository; fetch it first "
                            f"(for example: git fetch origin main)")
    merge_base = _git_text(root, "merge-base", commit.strip(), "HEAD")
    return (merge_base or commit).strip()


def sources_at_revision(root: Path, revision: str, records_dir: Path | str) -> list[SourceFile]:
    """Every Markdown record below ``records_dir`` as it was at ``revision``:
    one ``git ls-tree`` call to list them and one ``git cat-file --batch``
    call to read them all (the same as ``git show REV:path`` for each)."""
    root = Path(root)
    folder = Path(records_dir)
    if folder.is_absolute():
        folder = folder.relative_to(root)
    prefix = (_git_text(root, "rev-parse", "--show-prefix") or "").strip()
    listing = _git_bytes(root, "ls-tree", "-r", "-z", "--full-name", "--name-only", revision, "--",
                         folder.as_posix())
    if listing is None:
        raise RevisionError(f"cannot list {folder.as_posix()} at {revision}")
    paths = [p.decode("utf-8", errors="replace") for p in listing.split(b"\0") if p]
    paths = [p for p in paths if p.lower().endswith(".md")
             and not PurePosixPath(p).name.startswith(".")
             and PurePosixPath(p).name.lower() != "readme.md"]
    if not paths:
        return []
    request = "".join(f"{revision}:{p}\n" for p in paths).encode()
    try:
        result = subprocess.run(["git", "cat-file", "--batch"], cwd=root, input=request,
                                capture_output=True, timeout=300)
    except (OSError, subprocess.SubprocessError) as exc:
        raise RevisionError(f"cannot read records at {revision}: {exc}") from None
    if result.returncode != 0:
        raise RevisionError(f"cannot read records at {revision}")
    sources = []
    data, offset = result.stdout, 0
    for path in paths:
        end = data.index(b"\n", offset)
        header = data[offset:end].split()
        offset = end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue  # "missing", or a submodule
        size = int(header[2])
        raw = data[offset:offset + size]
        offset += size + 1
        display = path[len(prefix):] if prefix and path.startswith(prefix) else path
        source, _problems = parse_source(raw, display)
        if source is not None:
            sources.append(source)
    return sources


def _git_bytes(root: Path, *args: str) -> bytes | None:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=300)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _git_text(root: Path, *args: str) -> str | None:
    out = _git_bytes(root, *args)
    return out.decode("utf-8", errors="replace") if out is not None else None
