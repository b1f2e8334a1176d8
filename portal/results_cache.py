"""A cache of each record's check and tag results between builds.

Most builds change one record or none, yet every build used to check and tag
every record again: at 5,000 records that is most of the portal's own cost.
Like the cache of Material's own plugins (``.cache/`` beside ``mkdocs.yml``),
this one keeps what each record gave last time, keyed by a hash of exactly
what the stage reads (the record's text, or the words the tagger reads).

Fail-safe by construction:

* Every entry belongs to one *fingerprint*: a hash of the portal's code, the
  anonymisation rules, the theme taxonomy, the principles and the versions of
  the libraries that shape the results. Change any of them and the whole cache
  is ignored, so a stricter rule always runs over every record.
* An entry holds only what the stage returned (problems with masked text,
  theme ids), never a record's text, and nothing is trusted that
  does not read back in the expected shape: a damaged or foreign cache file
  means a cold build, never a skipped check.
* Only the entries of the records in this build are written back, so the
  file never grows beyond the collection, and it is replaced atomically.
* A cache file that git tracks is never read: it could only have come from a
  commit, and a forged one could claim that a record has no findings. The
  cache belongs to the machine that built it (``.cache/`` is ignored by git).

``PORTAL_CACHE=off`` in the environment turns it off (a cold build).
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

CACHE_FILE = Path(".cache") / "portal" / "results.json"
_FORMAT = 1
# Libraries whose versions can change what a check or the tagger returns.
_LIBRARIES = ("Markdown", "PyYAML", "phonenumbers", "Pillow")


def text_key(*parts: object) -> str:
    """The key of an input: a hash of its parts, in order."""
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, str) else json.dumps(part, sort_keys=True, default=str)
        digest.update(data.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


def fingerprint(data_paths: list[Path]) -> str:
    """A hash of everything besides a record that decides its results: the
    portal's code, the given data files and folders, Python and the libraries."""
    digest = hashlib.sha256(f"{_FORMAT} {sys.version}".encode())
    for library in _LIBRARIES:
        try:
            digest.update(f"{library}={metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}=none".encode())
    code = Path(__file__).resolve().parent
    files = sorted(code.rglob("*.py"))
    for path in data_paths:
        path = Path(path)
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for path in files:
        digest.update(str(path.name).encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"missing")
    return digest.hexdigest()


def _tracked_by_git(root: Path, relative: Path) -> bool:
    """Whether git tracks the file (False outside a repository or without git)."""
    try:
        result = subprocess.run(["git", "ls-files", "--", relative.as_posix()], cwd=root,
                                capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0 and bool(result.stdout.strip())


class ResultsCache:
    """Results by stage and key. ``remember`` is the one way in: it returns the
    cached value or computes, stores and returns it."""

    def __init__(self, path: Path | None, fingerprint_value: str):
        self.path = path
        self.fingerprint = fingerprint_value
        self._old: dict[str, dict[str, Any]] = {}
        self._new: dict[str, dict[str, Any]] = {}
        self.hits = self.misses = 0
        self.refused = False  # the file was in git, so it was not trusted

    @classmethod
    def open(cls, root: Path, data_paths: list[Path]) -> "ResultsCache":
        """The cache of the site in ``root``; an empty one when it is off or unreadable."""
        if os.environ.get("PORTAL_CACHE", "").lower() in ("off", "0", "false", "no"):
            return cls(None, "")
        cache = cls(root / CACHE_FILE, fingerprint(data_paths))
        if not cache.path.exists():
            return cache
        if _tracked_by_git(root, CACHE_FILE):
            cache.path = None  # neither read nor written: see the module's notes
            cache.refused = True
            return cache
        try:
            stored = json.loads(cache.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cache
        if (isinstance(stored, dict) and stored.get("format") == _FORMAT
                and stored.get("fingerprint") == cache.fingerprint
                and isinstance(stored.get("stages"), dict)):
            cache._old = {stage: entries for stage, entries in stored["stages"].items()
                          if isinstance(entries, dict)}
        return cache

    def remember(self, stage: str, key: str, compute: Callable[[], Any],
                 encode: Callable[[Any], Any], decode: Callable[[Any], Any]) -> Any:
        """The result for ``key``: decoded from the cache, else computed. A cached
        value that does not decode is computed again."""
        stored = self._old.get(stage, {}).get(key)
        if stored is not None:
            try:
                value = decode(stored)
            except (TypeError, ValueError, KeyError, IndexError, AttributeError):
                value = None
            else:
                self.hits += 1
                self._new.setdefault(stage, {})[key] = stored
                return value
        value = compute()
        self.misses += 1
        if self.path is not None:
            self._new.setdefault(stage, {})[key] = encode(value)
        return value

    def latest(self, stage: str) -> Any | None:
        """What ``keep`` stored for ``stage`` last time (for a stage that
        resumes from its last result rather than looking results up)."""
        return self._old.get(stage, {}).get("latest")

    def keep(self, stage: str, value: Any) -> None:
        if self.path is not None and value is not None:
            self._new[stage] = {"latest": value}

    def note(self) -> str:
        """One line for the build log."""
        if self.refused:
            return "results cache not used (see the warning): every record was checked and tagged"
        if self.path is None:
            return "results cache off: every record was checked and tagged"
        total = self.hits + self.misses
        return (f"results cache: {self.hits:,} of {total:,} checks and taggings reused, "
                f"{self.misses:,} run")

    def save(self) -> None:
        """Write this build's entries (atomically); a cache that cannot be
        written is only a slower next build."""
        if self.path is None or self._new == self._old:
            return  # off, or nothing changed since the last build
        data = {"format": _FORMAT, "fingerprint": self.fingerprint, "stages": self._new}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".results-", suffix=".json")
            os.chmod(temporary, 0o644)  # like any other file of the working copy
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                # dumps, not dump: only dumps uses the C encoder.
                out.write(json.dumps(data, separators=(",", ":"), ensure_ascii=False))
            os.replace(temporary, self.path)
        except OSError:
            try:
                os.unlink(temporary)
            except (OSError, UnboundLocalError):
                pass
