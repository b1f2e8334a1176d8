#!/usr/bin/env python3
"""Start a new dilemma record: a draft with the next free id for the meeting's year.

    python scripts/new.py --meeting 2024-06-11 --title "A short, neutral title" [--records-dir dilemmas]
                          [--create-meeting [--subject "Ethical dilemmas"]]

The record is written to <records-dir>/<meeting date>/<id>.md with status
`draft` and placeholders marked "[Editor: ...]" to replace. Ids are never
reused: every id in the records folder (drafts and withdrawn ones included)
and in its git history counts as used. The meeting record must exist; with
--create-meeting a minimal scheduled one is created. Nothing is overwritten.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.importer import ImportRefused, scaffold_dilemma  # noqa: E402
from portal.load import display_path  # noqa: E402
from portal.problems import RecordsInvalid  # noqa: E402
from portal.settings import load_settings  # noqa: E402


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date written YYYY-MM-DD") from None


def default_records_dir() -> Path:
    try:
        return load_settings(ROOT).records_dir
    except RecordsInvalid:
        return ROOT / "dilemmas"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meeting", required=True, type=iso_date, help="date of the panel meeting, YYYY-MM-DD")
    parser.add_argument("--title", required=True, help="a short, neutral title that identifies no one")
    parser.add_argument("--records-dir", type=Path, default=None,
                        help="the records folder (default: records_dir of config/portal.yml)")
    parser.add_argument("--create-meeting", action="store_true",
                        help="create a minimal scheduled meeting record when there is none for that date")
    parser.add_argument("--subject", default="Ethical dilemmas",
                        help="subject of a meeting record made with --create-meeting")
    args = parser.parse_args(argv)
    records_dir = args.records_dir or default_records_dir()
    try:
        created = scaffold_dilemma(records_dir, args.meeting, args.title,
                                   create_meeting=args.create_meeting, subject=args.subject)
    except ImportRefused as exc:
        print(f"new.py: {exc}", file=sys.stderr)
        return 1
    for item in created:
        print(f"created {display_path(item.path, Path.cwd())}" + (f" ({item.record_id})" if item.kind == "dilemma" else
                                               " (meeting record: add its times and subject)"))
    print("Next: write the scenario and the questions in place of the [Editor: ...] placeholders, "
          "then run: python3 dev.py check " + display_path(created[-1].path, Path.cwd()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
