#!/usr/bin/env python3
"""Validate every record against the schema and the taxonomy, as the build does.

    python scripts/validate.py [--root .] [--strict]

Loads the records folder of config/portal.yml, checks every record (fields,
dates, ids, statuses and what each status needs, meetings, themes and
principles from config/themes.yml and config/principles.yml), and checks that
no public record still carries an editor's placeholder ("[Title to review]",
"[Editor: ...]"). Prints `path:line: message` for each problem and exits 1
when there is an error (with --strict, also a warning). The anonymisation
check is separate: scripts/check.py.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).absolute().parent.parent  # not resolved: a linked scripts/ serves its own site
sys.path.insert(0, str(ROOT))

try:
    import yaml  # noqa: F401
except ImportError:  # run by a bare python (say, from a pre-commit hook): use the project's .venv
    venv_python = ROOT / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if venv_python.exists() and Path(sys.executable).resolve() != venv_python.resolve():
        os.execv(str(venv_python), [str(venv_python), *sys.argv])
    sys.exit("validate.py: PyYAML is missing; run `python3 dev.py build` once to set up .venv/")

from portal.load import load_records  # noqa: E402
from portal.pipeline import load_vocabularies, vocabulary_of  # noqa: E402
from portal.problems import Problem, RecordsInvalid, errors  # noqa: E402
from portal.settings import load_settings  # noqa: E402
from portal.validate import validate_records  # noqa: E402


def validate(root: Path) -> list[Problem]:
    settings = load_settings(root)
    taxonomy, principles = load_vocabularies(settings)
    sources, problems = load_records(settings.records_dir, settings.root)
    _, found = validate_records(sources, vocabulary_of(taxonomy, principles))
    return sorted(problems + found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the site's folder (where mkdocs.yml is)")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument("paths", nargs="*", help="ignored: every record is validated, because "
                        "records refer to each other (meetings, ids)")
    args = parser.parse_args(argv)
    try:
        problems = validate(args.root)
    except RecordsInvalid as exc:
        problems = exc.problems
    for problem in problems:
        print(problem)
    failed = errors(problems) or (args.strict and problems)
    if failed:
        count = len(errors(problems)) if not args.strict else len(problems)
        print(f"validate.py: {count} problem{'s' if count != 1 else ''} to fix", file=sys.stderr)
        return 1
    print("validate.py: every record is valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
