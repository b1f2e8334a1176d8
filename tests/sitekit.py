"""Fixture sites for end-to-end tests: a folder laid out like the repository,
with its own records and settings, built with the real ``mkdocs build``.

The code (hooks/, portal/, overrides/) is linked, not copied, so a fixture
site always runs the code under test; docs/, config/ and mkdocs.yml are
copied so a test may change them.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
LINKED = ("hooks", "portal", "overrides")
COPIED = ("docs", "config", "mkdocs.yml")


@dataclass
class BuildResult:
    returncode: int
    output: str  # stdout and stderr together, as an editor would see them
    site_dir: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def read(self, path: str) -> str:
        return (self.site_dir / path).read_text(encoding="utf-8")

    def all_text(self) -> str:
        """Every text file of the built site, concatenated (for leak checks)."""
        chunks = []
        for path in sorted(self.site_dir.rglob("*")):
            if path.is_file():
                data = path.read_bytes()
                if path.suffix == ".gz":
                    import gzip
                    data = gzip.decompress(data)
                chunks.append(data.decode("utf-8", errors="replace"))
        return "\n".join(chunks)


def make_site(tmp_path: Path, records: dict[str, str] | None = None, *, real_records: bool = True,
              settings: dict | None = None) -> Path:
    """A fixture site in ``tmp_path/site-src``.

    ``records`` maps a path inside the records folder to file text (dedented);
    with ``real_records`` the repository's real records are copied first.
    ``settings`` are merged into config/portal.yml (one level deep).
    """
    root = tmp_path / "site-src"
    root.mkdir(parents=True, exist_ok=True)
    for name in LINKED:
        if (REPO / name).exists() and not (root / name).exists():
            os.symlink(REPO / name, root / name)
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, dirs_exist_ok=True)
        elif source.exists():
            shutil.copy2(source, root / name)
    records_dir = root / "dilemmas"
    if real_records:
        shutil.copytree(REPO / "dilemmas", records_dir, dirs_exist_ok=True)
    records_dir.mkdir(exist_ok=True)
    for relative, text in (records or {}).items():
        path = records_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    if settings:
        update_settings(root, settings)
    return root


def update_settings(root: Path, changes: dict) -> None:
    path = root / "config" / "portal.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key].update(value)
        else:
            data[key] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def build(root: Path, *, strict: bool = True, extra_args: tuple[str, ...] = (),
          site_dir: Path | None = None) -> BuildResult:
    """Run the real ``mkdocs build`` on a fixture site."""
    site_dir = site_dir or root.parent / "built"
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(root / "mkdocs.yml"),
               "--site-dir", str(site_dir), *extra_args]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=600)
    return BuildResult(result.returncode, result.stdout + result.stderr, site_dir)


def dilemma(record_id: str = "2099-001", *, title: str = "A fictional dilemma about a shared phone",
            status: str = "for-discussion", meeting: str = "2023-03-28", extra: str = "",
            body: str | None = None) -> str:
    """Text of a plainly fictional dilemma record for tests."""
    body = body if body is not None else (
        "## Scenario\n\nA fictional officer finds that a shared work phone is used for "
        "personal messages on WhatsApp.\n\n## Questions for the panel\n\nWhat should the "
        "supervisor do?\n")
    return (f"---\ntype: dilemma\nid: {record_id}\ntitle: {title}\nstatus: {status}\n"
            f"meeting: {meeting}\n{extra}---\n\n{body}")


def meeting(date: str = "2099-01-15", *, subject: str = "Fictional test meeting", extra: str = "") -> str:
    return (f"---\ntype: meeting\ndate: {date}\nstart: \"10:00\"\nend: \"12:00\"\n"
            f"subject: {subject}\n{extra}---\n\nA fictional meeting used only by the tests.\n")
