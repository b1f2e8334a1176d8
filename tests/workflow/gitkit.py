"""Throwaway git repositories for the workflow tests, isolated from any
user or system git configuration, with fixed authors and dates."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

IDENTITY = {
    "GIT_AUTHOR_NAME": "Fictional Editor", "GIT_AUTHOR_EMAIL": "editor@example.com",
    "GIT_COMMITTER_NAME": "Fictional Editor", "GIT_COMMITTER_EMAIL": "editor@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}


def git_env(**extra: str) -> dict:
    return {**os.environ, **IDENTITY, **extra}


class Repo:
    def __init__(self, path: Path, *, init: bool = True):
        self.path = Path(path)
        if init:
            self.path.mkdir(parents=True, exist_ok=True)
            self.git("init", "-q", "-b", "main")

    def git(self, *args: str, date: str = "2024-01-01T12:00:00+00:00", check: bool = True,
            input: str | None = None) -> str:
        result = subprocess.run(["git", *args], cwd=self.path, capture_output=True, text=True,
                                input=input, env=git_env(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date))
        if check and result.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    def write(self, relative: str, text: str) -> Path:
        path = self.path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def commit(self, message: str, date: str = "2024-01-01T12:00:00+00:00") -> str:
        self.git("add", "-A", date=date)
        self.git("commit", "-q", "--allow-empty", "-m", message, date=date)
        return self.git("rev-parse", "HEAD").strip()


def dilemma(record_id: str, status: str = "for-discussion", *, meeting: str = "2099-01-15",
            title: str = "A fictional dilemma about a shared phone", extra: str = "",
            scenario: str = "A fictional officer finds that a shared work phone is used for personal messages.",
            outcome: str = "") -> str:
    body = f"## Scenario\n\n{scenario}\n\n## Questions for the panel\n\nWhat should the supervisor do?\n"
    if outcome:
        body += f"\n## Panel outcome\n\n{outcome}\n"
    return (f"---\ntype: dilemma\nid: {record_id}\ntitle: {title}\nstatus: {status}\n"
            f"meeting: {meeting}\n{extra}---\n\n{body}")


def meeting(date: str = "2099-01-15") -> str:
    return (f"---\ntype: meeting\ndate: {date}\nstart: \"10:00\"\nend: \"12:00\"\n"
            "subject: Fictional test meeting\n---\n\nA fictional meeting used only by the tests.\n")
