#!/usr/bin/env python3
"""Build the site atomically: into a temporary folder beside the output, then
swap it into place only when the build succeeded, so a failed build never
leaves a half-built or empty site/ behind.

    python scripts/build.py [--site-dir site] [--config-file mkdocs.yml] [--no-strict]

Strict by default: a warning (say, a possible quasi-identifier that no
reviewer has accepted) stops the build.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(config_file: Path, site_dir: Path, strict: bool = True) -> int:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    try:
        command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config_file),
                   "--site-dir", str(staging)]
        if strict:
            command.append("--strict")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run(command, env=env)
        if result.returncode != 0:
            print(f"build.py: the build failed; {site_dir} was left as it was.", file=sys.stderr)
            return result.returncode
        publish(staging, site_dir)
        print(f"build.py: built the site into {site_dir}")
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def publish(staging: Path, site_dir: Path) -> None:
    """Swap the new build in with two renames; the old site is removed after."""
    retired = None
    if site_dir.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-old-", dir=site_dir.parent))
        retired.rmdir()
        site_dir.rename(retired)
    staging.rename(site_dir)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--site-dir", type=Path, default=None,
                        help="where the site goes (default: site/ beside mkdocs.yml)")
    parser.add_argument("--no-strict", action="store_true", help="let warnings through")
    args = parser.parse_args(argv)
    site_dir = args.site_dir or args.config_file.resolve().parent / "site"
    return build(args.config_file, site_dir, strict=not args.no_strict)


if __name__ == "__main__":
    sys.exit(main())
