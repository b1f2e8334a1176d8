#!/usr/bin/env python3
"""Find every copy of a leaked string in the built site and the whole git history,
without ever printing the string.

    python scripts/find_leak.py --stdin [--site site] [--repo .] [--ignore-case]
    python scripts/find_leak.py "STRING" [...]        (the string stays in shell history)

Exit status: 1 when the string was found anywhere, 0 when it was found nowhere,
2 when the check could not run. Output names only where it was found (file,
commit, object), with the string masked even inside file names.

Where it looks:

* the built site: every file, including search_index.json, sitemap.xml(.gz),
  feeds, data files, gzip files and files inside zip-based downloads
  (.docx, .xlsx), after undoing HTML, XML and JSON escaping and joining
  words split over lines or by markup;
* git: every object in the repository's object store, reachable or not
  (every branch, tag, stash and reflog entry, and dangling objects left by
  a rewrite), so file contents, file names, commit messages and tag messages
  at every point in history; the files under .git/ that are not objects
  (reflogs, COMMIT_EDITMSG, packed-refs); and the working tree's files that
  git does not ignore.

It checks this clone only. GitHub keeps copies of its own (cached views,
pull-request refs, forks): see docs/maintainers/takedown.md.
"""
from __future__ import annotations

import argparse
import gzip
import html
import io
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

MIN_LENGTH = 3
MAX_EXPANDED_BYTES = 200 * 1024 * 1024  # a gzip or zip bomb is not read past this
MASK = "[the string]"


@dataclass
class Needle:
    text: str
    ignore_case: bool

    def __post_init__(self):
        self.plain = _fold(_collapse(self.text), self.ignore_case)
        self.squeezed = _fold(re.sub(r"\s+", "", self.text), self.ignore_case)
        self.raw = [self.text.encode("utf-8"), self.text.encode("utf-16-le")]

    def found_in(self, data: bytes) -> bool:
        if not self.ignore_case and any(raw in data for raw in self.raw):
            return True
        text = data.decode("utf-8", errors="replace")
        return any(self.matches(variant) for variant in _variants(text))

    def matches(self, text: str) -> bool:
        folded = _fold(_collapse(text), self.ignore_case)
        return self.plain in folded

    def mask(self, text: str) -> str:
        """``text`` (a path, say) with the string hidden, however it is spaced."""
        pattern = r"\s*".join(re.escape(word) for word in self.text.split())
        return re.sub(pattern, MASK, text, flags=re.IGNORECASE) if pattern else text


@dataclass
class Report:
    places: list[str] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def count(self, what: str, n: int = 1) -> None:
        self.checked[what] = self.checked.get(what, 0) + n


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _fold(text: str, ignore_case: bool) -> str:
    return text.casefold() if ignore_case else text


_TAG = re.compile(r"<[^<>]*>")
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\([\"\\/bfnrt])")
_JSON_SIMPLE = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def _json_unescape(text: str) -> str:
    def replace(match):
        if match.group(1):
            return chr(int(match.group(1), 16))
        char = match.group(2)
        return _JSON_SIMPLE.get(char, char)
    return _JSON_ESCAPE.sub(replace, text)


def _variants(text: str):
    """The text as stored, and as a reader or a program would see it."""
    yield text
    unescaped = html.unescape(text)
    yield unescaped
    yield html.unescape(_json_unescape(text))
    # Markup between words ("John <mark>Smith</mark>") and twice-escaped text.
    yield html.unescape(_TAG.sub("", unescaped))
    yield html.unescape(_TAG.sub(" ", html.unescape(_json_unescape(text))))


# -- the built site ---------------------------------------------------------------------
def check_site(site: Path, needle: Needle, report: Report) -> None:
    if not site.is_dir():
        report.notes.append(f"no built site at {site}: build it (python3 dev.py build) to check it")
        return
    for path in sorted(site.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        report.count("site files")
        shown = needle.mask(path.relative_to(site).as_posix())
        if needle.matches(path.name):
            report.places.append(f"site: {shown} (in the file name)")
        try:
            data = path.read_bytes()
        except OSError as exc:
            report.notes.append(f"site: {shown} could not be read ({exc.strerror})")
            continue
        for label, content in _expanded(path.name, data, report, shown):
            if needle.found_in(content):
                report.places.append(f"site: {shown}{label}")


def _expanded(name: str, data: bytes, report: Report, shown: str):
    """The file itself, and what a gzip or zip file holds."""
    yield "", data
    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
                inner = stream.read(MAX_EXPANDED_BYTES + 1)
            if len(inner) > MAX_EXPANDED_BYTES:
                report.notes.append(f"site: {shown} expands beyond {MAX_EXPANDED_BYTES:,} bytes; "
                                    "only the start was checked")
            yield " (inside the gzip file)", inner[:MAX_EXPANDED_BYTES]
        except (OSError, EOFError):
            report.notes.append(f"site: {shown} looks gzipped but could not be read")
    elif data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                budget = MAX_EXPANDED_BYTES
                for info in archive.infolist():
                    if info.is_dir() or info.file_size > budget:
                        continue
                    budget -= info.file_size
                    yield f" (inside the archive, as {info.filename})", archive.read(info)
        except (zipfile.BadZipFile, OSError, RuntimeError):
            report.notes.append(f"site: {shown} looks like a zip file but could not be read")


# -- git ---------------------------------------------------------------------------------
def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)


def check_git(repo: Path, needle: Needle, report: Report) -> bool:
    """False when ``repo`` is not a git repository."""
    found = _git(repo, "rev-parse", "--absolute-git-dir", "--is-bare-repository")
    if found.returncode != 0:
        return False
    git_dir, bare = found.stdout.decode().splitlines()[:2]
    matches = _scan_objects(repo, needle, report)
    for sha, kind in matches:
        report.places.extend(_describe_object(repo, sha, kind, needle))
    _scan_git_files(Path(git_dir), needle, report)
    if bare != "true":  # a mirror clone (git clone --mirror) has no working tree
        worktree = _git(repo, "rev-parse", "--show-toplevel").stdout.decode().strip()
        _scan_worktree(repo, Path(worktree), needle, report)
    return True


def _scan_objects(repo: Path, needle: Needle, report: Report) -> list[tuple[str, str]]:
    """Every object in the store, loose or packed, reachable or not."""
    process = subprocess.Popen(
        ["git", "-C", str(repo), "cat-file", "--batch-all-objects", "--batch", "--unordered"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    matches = []
    stream = process.stdout
    while True:
        header = stream.readline()
        if not header:
            break
        parts = header.split()
        if len(parts) != 3:
            continue
        sha, kind, size = parts[0].decode(), parts[1].decode(), int(parts[2])
        content = stream.read(size)
        stream.read(1)  # the newline after each object
        report.count("git objects")
        if needle.found_in(content):
            matches.append((sha, kind))
    process.wait()
    return matches


def _describe_object(repo: Path, sha: str, kind: str, needle: Needle) -> list[str]:
    short = sha[:12]
    if kind == "commit":
        return [f"git: commit {short}: in its message or author details"]
    if kind == "tag":
        return [f"git: annotated tag object {short}: in its message"]
    if kind == "tree":
        return [f"git: tree {short}: in a file or folder name"]
    # A blob: the commits that added or removed it, and under which names.
    log = _git(repo, "log", "--all", "--reflog", "--no-renames", "--format=commit %H",
               "--name-only", f"--find-object={sha}")
    places, commit = [], None
    for line in log.stdout.decode("utf-8", errors="replace").splitlines():
        if line.startswith("commit "):
            commit = line.split()[1][:12]
        elif line.strip() and commit:
            places.append(f"git: commit {commit} adds or removes it, file {needle.mask(line.strip())} "
                          f"(blob {short})")
    if places:
        return sorted(set(places))
    return [f"git: blob {short}, not in any branch, tag, stash or reflog: a dangling object "
            "(git reflog expire --expire=now --all && git gc --prune=now removes it)"]


def _scan_git_files(git_dir: Path, needle: Needle, report: Report) -> None:
    """Reflogs, COMMIT_EDITMSG, packed-refs and the like: .git/ less the object store."""
    for path in sorted(git_dir.rglob("*")):
        relative = path.relative_to(git_dir)
        if relative.parts[:1] == ("objects",) or not path.is_file() or path.is_symlink():
            continue
        report.count("files under .git")
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if needle.found_in(data):
            report.places.append(f"git: .git/{needle.mask(relative.as_posix())}")


def _scan_worktree(repo: Path, worktree: Path, needle: Needle, report: Report) -> None:
    listed = _git(repo, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in sorted(set(listed.stdout.decode("utf-8", errors="replace").split("\0"))):
        if not name:
            continue
        path = worktree / name
        shown = needle.mask(name)
        if needle.matches(name):
            report.places.append(f"working tree: {shown} (in the file name)")
        if path.is_symlink() or not path.is_file():
            continue
        report.count("working-tree files")
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if needle.found_in(data):
            report.places.append(f"working tree: {shown}")


# -- command line ------------------------------------------------------------------------------
def read_needle(args) -> str:
    if args.stdin or args.string == "-":
        text = sys.stdin.read()
        return text[:-1] if text.endswith("\n") else text
    if args.string is None:
        raise SystemExit("find_leak.py: give the string with --stdin (recommended) or as an argument")
    return args.string


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Find a leaked string in the built site and the whole git history "
                    "without printing it. Exit 1 if found, 0 if not.")
    parser.add_argument("string", nargs="?",
                        help="the string; '-' reads it from standard input (recommended: "
                             "then it is not kept in your shell history)")
    parser.add_argument("--stdin", action="store_true", help="read the string from standard input")
    parser.add_argument("--site", type=Path, default=Path("site"), help="built site folder (default: site)")
    parser.add_argument("--repo", type=Path, default=Path("."), help="git repository (default: .)")
    parser.add_argument("--ignore-case", action="store_true", help="match regardless of case")
    parser.add_argument("--no-site", action="store_true", help="do not check a built site")
    parser.add_argument("--no-git", action="store_true", help="do not check git")
    args = parser.parse_args(argv)
    try:
        text = read_needle(args)
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        return 2
    if len(text.strip()) < MIN_LENGTH:
        print(f"find_leak.py: the string must have at least {MIN_LENGTH} characters; a shorter one "
              "would match almost everywhere", file=sys.stderr)
        return 2
    needle = Needle(text, args.ignore_case)
    report = Report()
    if not args.no_site:
        check_site(args.site, needle, report)
    if not args.no_git and not check_git(args.repo, needle, report):
        print(f"find_leak.py: {args.repo} is not a git repository; use --no-git to check only "
              "the site", file=sys.stderr)
        return 2

    checked = ", ".join(f"{n:,} {what}" for what, n in report.checked.items()) or "nothing"
    for note in report.notes:
        print(f"note: {note}")
    if report.places:
        places = sorted(dict.fromkeys(report.places))
        print(f"FOUND in {len(places)} place(s) (checked {checked}):")
        for place in places:
            print(f"  {place}")
        return 1
    print(f"not found (checked {checked}).")
    if not args.no_git:
        print("This checks this clone only: GitHub's cached views, pull-request refs and forks, "
              "and every other clone, need the steps in docs/maintainers/takedown.md.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
