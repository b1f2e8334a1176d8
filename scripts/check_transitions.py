#!/usr/bin/env python3
"""Check how a pull request changes the records, compared with the base branch.

    python scripts/check_transitions.py [--base origin/main] [--records-dir dilemmas] [--format text|github]

A status may not move backwards without a new `status_reason` (`withdrawn` is
always allowed); a record's id may not change; a record that has been public
may not be deleted (withdraw it instead). Prints `path:line: message` for each
problem (with `--format github`, also an inline annotation) and exits 1 when
there is one, 2 when the base cannot be read.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.load import load_records  # noqa: E402
from portal.transitions import (  # noqa: E402
    RevisionError, check_transitions, resolve_base, sources_at_revision, states_from_sources,
)


def github_annotation(problem) -> str:
    """A workflow command GitHub shows inline on the pull request's diff."""
    def escape(value: str, *, property_value: bool = False) -> str:
        value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return value.replace(":", "%3A").replace(",", "%2C") if property_value else value
    return (f"::error file={escape(problem.path, property_value=True)},line={problem.line},"
            f"title={escape('Status transition', property_value=True)}::{escape(problem.message)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="origin/main", help="the branch the pull request goes into")
    parser.add_argument("--records-dir", default="dilemmas", type=Path)
    parser.add_argument("--root", default=Path.cwd(), type=Path,
                        help="the site's root folder, inside a git repository (default: here)")
    parser.add_argument("--format", choices=("text", "github"), default="text")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    records_dir = args.records_dir if args.records_dir.is_absolute() else root / args.records_dir
    try:
        base = resolve_base(root, args.base)
        before = states_from_sources(sources_at_revision(root, base, records_dir))
    except RevisionError as exc:
        print(f"check_transitions.py: {exc}", file=sys.stderr)
        return 2
    sources, _load_problems = load_records(records_dir, root)  # the validator reports those
    after = states_from_sources(sources)
    problems = check_transitions(before, after)
    for problem in problems:
        print(problem)
        if args.format == "github":
            print(github_annotation(problem))
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        print(f"check_transitions.py: {len(problems)} {noun} compared with {args.base}", file=sys.stderr)
        return 1
    print(f"check_transitions.py: {len(after)} records checked against {args.base} "
          f"({base[:12]}): no problem")
    return 0


if __name__ == "__main__":
    sys.exit(main())
