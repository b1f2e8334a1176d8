"""Shared checks for the hostile-input tests: a failed build must say
``path:line: message``, show no traceback and publish nothing."""
from __future__ import annotations

import re

from sitekit import BuildResult


def assert_failed_cleanly(result: BuildResult, *expected: str) -> None:
    assert result.returncode != 0, f"the build should have failed:\n{result.output}"
    assert "Traceback" not in result.output, result.output
    for text in expected:
        assert text in result.output, f"missing {text!r} in:\n{result.output}"
    published = [p for p in result.site_dir.rglob("*")
                 if p.is_file()] if result.site_dir.exists() else []
    assert not [p for p in published if p.suffix in (".html", ".json", ".xml", ".csv", ".gz")], \
        "a failed build must publish nothing"


def problem_lines(result: BuildResult, path: str) -> list[str]:
    """The ``path:line: message`` lines the build printed for one record."""
    return [line.strip() for line in result.output.splitlines()
            if re.match(rf"\s*{re.escape(path)}:\d+(:\d+)?: ", line)]
