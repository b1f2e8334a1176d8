"""Problems found in records, reported as ``path:line: message``.

Every stage collects problems instead of stopping at the first one, so an
editor sees everything that needs fixing in one run.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    severity: str = "error"  # "error" stops the build; "warning" stops a --strict build
    column: int = 0  # 1-based when known
    rule: str = ""  # for anonymisation findings: the detector's id

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.column else f"{self.path}:{self.line}"
        if self.rule:  # the anonymisation check's format: path:line:col: severity rule-id message
            return f"{where}: {self.severity} {self.rule} {self.message}"
        prefix = "" if self.severity == "error" else "warning: "
        return f"{where}: {prefix}{self.message}"


class RecordsInvalid(Exception):
    """Raised with every error-level problem found, never just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{count} {noun} in the panel's records:"]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "warning"]
