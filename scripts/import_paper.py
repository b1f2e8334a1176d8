#!/usr/bin/env python3
"""Import a panel paper: its meeting record and one draft dilemma per numbered dilemma.

    python scripts/import_paper.py PAPER [--records-dir dilemmas] [--dry-run]

PAPER is the paper as text or Markdown (.txt, .md) or as a Word document
(.docx). The meeting record gets the date and times, subject, "report of",
the author's ROLE (never the name or contact details), purpose,
recommendations and appendices. Each numbered dilemma in the appendices
becomes a `draft` record: its paragraph is the scenario and its closing
question goes under "Questions for the panel"; its title, taken from the
first sentence, is marked [Title to review]; the appendix heading sets its
themes when it names a theme of config/themes.yml.

Running it again changes nothing: a record already in the folder for the same
meeting with the same (or lightly edited) text is reported as unchanged.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.importer import ImportRefused, import_paper  # noqa: E402
from portal.load import display_path  # noqa: E402
from portal.problems import RecordsInvalid  # noqa: E402
from portal.settings import load_settings  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paper", type=Path, help="the paper: .txt, .md or .docx")
    parser.add_argument("--records-dir", type=Path, default=None,
                        help="the records folder (default: records_dir of config/portal.yml)")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the site's folder, whose config/ gives the theme taxonomy")
    parser.add_argument("--dry-run", action="store_true", help="say what would be created; write nothing")
    args = parser.parse_args(argv)
    try:
        settings = load_settings(args.root)
        themes_file, records_dir = settings.themes_file, settings.records_dir
    except RecordsInvalid:
        themes_file, records_dir = None, args.root / "dilemmas"
    records_dir = args.records_dir or records_dir
    if not args.paper.is_file():
        print(f"import_paper.py: {args.paper} is not a file", file=sys.stderr)
        return 1
    try:
        plan = import_paper(args.paper, records_dir, themes_file=themes_file, dry_run=args.dry_run)
    except ImportRefused as exc:
        print(f"import_paper.py: {exc}", file=sys.stderr)
        return 1
    for action in plan.actions:
        what = action.record_id if action.kind == "dilemma" else f"meeting of {action.record_id}"
        detail = f": {action.note}" if action.note else ""
        print(f"{action.state} {display_path(action.path, Path.cwd())} ({what}){detail}")
    for note in plan.paper.notes:
        print(f"note: {note}")
    made = sum(1 for a in plan.actions if a.state != "unchanged")
    if made and not args.dry_run:
        print("Next: review each title marked [Title to review] and the anonymisation of every "
              "scenario, then run: python3 dev.py check " + display_path(records_dir, Path.cwd()))
    elif not made:
        print("Nothing new: every record of this paper is already in the records folder.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
