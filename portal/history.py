"""Each dilemma's history from git: when it was first published, when its
outcome and the force's response were added, and when it last changed, each
date linked to the change in the repository.

Speed: ONE ``git log`` call covers the whole records folder, however many
records there are. It walks the main line of history oldest first
(``--first-parent``, merges diffed against their first parent, so a date is
the day the change landed on the branch the site is built from) and prints
each commit's patch with no context lines (``-U0``). A record's ``status:``
line appears in a patch exactly when the record is added or its status
changes, so reading the ``+status: ...`` lines of that one stream gives every
record's status after every commit; renames (``-M``) carry a record's history
to its new path. The stream is parsed once, line by line, into a small table
per record.

A build keeps the table and the commit it was read at (``state``), so the
next build reads only the commits since then (``previous``): the fold over
the commits resumes where it stopped, with the same result. It starts afresh
when that commit is no longer on the main line (history was rewritten).

Outside a git repository, in a shallow clone (whose history is cut short and
would give wrong dates) or when git is missing, there is no history: every
record gets an empty list and the page simply has no "History" section.
"""
from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .schema import STATUSES

FIRST_PUBLISHED = "Published on this site"  # the paper itself may be older: see the record's dates
OUTCOME_ADDED = "Outcome added"
RESPONSE_ADDED = "Force response added"
LAST_UPDATED = "Last updated"

# Statuses at which the panel's outcome, and the force's response, are public.
_OUTCOME_STATUSES = {"outcome-published", "closed"}
_RESPONSE_STATUSES = {"closed"}

# Commit header lines start with an ASCII record separator: a diff line always
# starts with a space, '+', '-', '@', '\\' or a header word, so it never does.
_COMMIT_MARK = "\x1e"
_LOG_FORMAT = "%x1e%H%x1f%cI"

HistoryEntry = tuple[str, dt.date, str]  # (label, date, url or "")


@dataclass(frozen=True)
class Commit:
    sha: str
    date: dt.date


@dataclass
class FileHistory:
    """What the history says about one record file."""

    status: str | None = None  # status after the last commit that touched it
    first_public: Commit | None = None
    outcome: Commit | None = None
    response: Commit | None = None
    last: Commit | None = None

    def apply(self, commit: Commit, new_status: str | None) -> None:
        self.last = commit
        if new_status is not None:
            self.status = new_status
        status = self.status
        if status is None:
            return
        if STATUSES[status].public and self.first_public is None:
            self.first_public = commit
        if status in _OUTCOME_STATUSES and self.outcome is None:
            self.outcome = commit
        if status in _RESPONSE_STATUSES and self.response is None:
            self.response = commit


class RecordsHistory:
    """Histories of every record file, looked up by path."""

    def __init__(self, files: dict[str, FileHistory], prefix: str = "", repository_url: str = "",
                 head: str = "", pathspec: str = ""):
        self.files = files  # by path relative to the top of the git repository
        self.prefix = prefix  # the site root's path inside the git repository ("" or "sub/")
        self.repository_url = repository_url.rstrip("/")
        self.head = head  # the commit the table was read at ("" when there is no history)
        self.pathspec = pathspec

    def state(self) -> dict | None:
        """The table as plain data, for the next build to resume from."""
        if not self.head:
            return None

        def commit(value: Commit | None):
            return None if value is None else [value.sha, value.date.isoformat()]

        return {"head": self.head, "pathspec": self.pathspec,
                "files": {path: [h.status, commit(h.first_public), commit(h.outcome),
                                 commit(h.response), commit(h.last)] for path, h in self.files.items()}}

    def __len__(self) -> int:
        return len(self.files)

    def for_record(self, path: str) -> list[HistoryEntry]:
        """History of the record at ``path`` (relative to the site root, as
        ``Dilemma.path``): [(label, date, url)], oldest first."""
        found = self.files.get(self.prefix + Path(path).as_posix())
        if found is None or found.last is None:
            return []
        entries: list[HistoryEntry] = []
        shown: set[str] = set()
        for label, commit in ((FIRST_PUBLISHED, found.first_public), (OUTCOME_ADDED, found.outcome),
                              (RESPONSE_ADDED, found.response)):
            if commit is not None:
                entries.append((label, commit.date, self.url(commit)))
                shown.add(commit.sha)
        # "Last updated" only when it says something the other dates do not,
        # and only for a record that has been public (a draft has no public history).
        if found.first_public is not None and found.last.sha not in shown:
            entries.append((LAST_UPDATED, found.last.date, self.url(found.last)))
        return entries

    def url(self, commit: Commit) -> str:
        return f"{self.repository_url}/commit/{commit.sha}" if self.repository_url else ""


EMPTY = RecordsHistory({})


def load_history(root: Path, records_dir: Path | str, repository_url: str = "",
                 previous: dict | None = None) -> RecordsHistory:
    """Read the history of every record below ``records_dir`` with one git call.

    ``root`` is the site's root folder (where mkdocs.yml is); it may be the top
    of the git repository or a folder inside it. ``previous``: the ``state()``
    of an earlier build, to read only the commits since.
    """
    root = Path(root)
    records_dir = Path(records_dir)
    if records_dir.is_absolute():
        try:
            records_dir = records_dir.relative_to(root)
        except ValueError:
            return EMPTY
    facts = _git(root, "rev-parse", "--is-shallow-repository", "--show-prefix", "HEAD")
    if facts is None:
        return EMPTY
    lines = facts.split("\n")
    if len(lines) < 3 or lines[0].strip() != "false":
        return EMPTY  # shallow: the first commits we can see are not the first commits
    prefix, head = lines[1].strip(), lines[2].strip()
    pathspec = f":(glob){records_dir.as_posix().rstrip('/')}/**/*.md"
    files, since = _resume(root, previous, pathspec, head)
    if since == head:  # nothing was committed since the last build
        return RecordsHistory(files, prefix, repository_url, head, pathspec)
    log = _git(root, "-c", "core.quotePath=false", "log", "--first-parent", "--diff-merges=first-parent",
               "--reverse", "-M", "--no-color", "--no-ext-diff", "--no-textconv", "-U0", "-p",
               f"--format={_LOG_FORMAT}", *([f"{since}..{head}"] if since else [head]), "--", pathspec)
    if log is None:
        return EMPTY
    return RecordsHistory(parse_log(log, files), prefix, repository_url, head, pathspec)


def _resume(root: Path, previous: dict | None, pathspec: str, head: str) -> tuple[dict[str, FileHistory], str]:
    """The table of an earlier build and the commit it was read at, when that
    commit is on the main line leading to ``head``; else an empty table."""
    try:
        since = previous["head"] if previous and previous.get("pathspec") == pathspec else ""
        if not since:
            return {}, ""
        files = {}
        for path, (status, *commits) in previous["files"].items():
            first_public, outcome, response, last = (
                None if c is None else Commit(str(c[0]), dt.date.fromisoformat(c[1])) for c in commits)
            files[str(path)] = FileHistory(status if status in STATUSES else None,
                                           first_public, outcome, response, last)
    except (TypeError, ValueError, KeyError, AttributeError):
        return {}, ""
    if since == head:
        return files, since
    main_line = _git(root, "rev-list", "--first-parent", head)
    if main_line is None or since not in main_line.split():
        return {}, ""
    return files, since


def parse_log(text: str, files: dict[str, FileHistory] | None = None) -> dict[str, FileHistory]:
    """Parse the output of the ``git log`` call above (oldest commit first),
    on top of ``files`` (the table up to the log's first commit) if given."""
    files = {} if files is None else files
    commit: Commit | None = None
    block: _FileBlock | None = None

    def finish() -> None:
        if block is not None and commit is not None:
            block.apply(files, commit)

    for line in text.split("\n"):
        if line.startswith(_COMMIT_MARK):
            finish()
            block = None
            sha, _, when = line[1:].partition("\x1f")
            try:
                commit = Commit(sha, dt.date.fromisoformat(when[:10]))
            except ValueError:
                commit = None
            continue
        if line.startswith("diff --git "):
            finish()
            block = _FileBlock()
            continue
        if block is None:
            continue
        if line.startswith("@@"):
            block.in_hunks = True  # from here on, '+++' or '---' is record text
        elif block.in_hunks:
            if line.startswith("+status:"):
                value = line[len("+status:"):].split("#", 1)[0].strip().strip("'\"")
                if value in STATUSES:  # a meeting's status, or body text, is not a dilemma status
                    block.status = value
        elif line.startswith("+++ "):
            block.new_path = _diff_path(line[4:], "b/")
        elif line.startswith("--- "):
            block.old_path = _diff_path(line[4:], "a/")
        elif line.startswith("rename from "):
            block.old_path = _unquote(line[len("rename from "):])
        elif line.startswith("rename to "):
            block.new_path = _unquote(line[len("rename to "):])
            block.renamed = True
    finish()
    return files


@dataclass
class _FileBlock:
    """One file's part of one commit's patch."""

    old_path: str | None = None  # None for /dev/null (an added file)
    new_path: str | None = None  # None for /dev/null (a deleted file)
    renamed: bool = False
    in_hunks: bool = False
    status: str | None = None

    def apply(self, files: dict[str, FileHistory], commit: Commit) -> None:
        if self.new_path is None:
            if self.old_path is not None:
                files.pop(self.old_path, None)  # deleted: a later file at this path is a new record
            return
        if self.renamed and self.old_path is not None:
            history = files.pop(self.old_path, None) or FileHistory()
            files[self.new_path] = history
        elif self.old_path is None:
            history = files[self.new_path] = FileHistory()  # added
        else:
            history = files.setdefault(self.new_path, FileHistory())
        history.apply(commit, self.status)


def _diff_path(value: str, side: str) -> str | None:
    value = value.rstrip("\t")  # git ends a name that contains a space with a tab
    if value == "/dev/null":
        return None
    value = _unquote(value)
    return value[len(side):] if value.startswith(side) else value


_ESCAPES = {"a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
            '"': '"', "\\": "\\"}


def _unquote(value: str) -> str:
    """Undo git's C-style quoting of unusual file names."""
    if not (len(value) >= 2 and value.startswith('"') and value.endswith('"')):
        return value
    body, out, index = value[1:-1], bytearray(), 0
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            following = body[index + 1]
            if following in "01234567" and index + 3 < len(body) + 1:
                out.append(int(body[index + 1:index + 4], 8))
                index += 4
                continue
            out += _ESCAPES.get(following, following).encode()
            index += 2
            continue
        out += char.encode()
        index += 1
    return out.decode("utf-8", errors="replace")


def _git(cwd: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=300)
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    return result.stdout.decode("utf-8", errors="replace")
