"""Command line of the anonymisation check (scripts/check.py).

Exit status: 0 when no unaccepted error (with --strict: no unaccepted error or
warning), 1 when there is one, 2 on a usage error or unreadable input.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .engine import InputError, check_paths, check_text, count_files
from .findings import FORMATS, format_findings, has_failure
from .rules import RulesError, load_rules

STDIN_PATH = "-"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors; keep it, without traceback
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="check.py",
        description="Check records for personal data before they are published.",
        epilog="Exit status: 0 no errors, 1 errors found (or warnings with --strict), "
               "2 usage error or unreadable input.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="a Markdown record, a folder (searched recursively for records and "
                             "images), or - for standard input")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="output format (default: text)")
    parser.add_argument("--strict", action="store_true",
                        help="fail on warnings too, unless a reviewer has accepted them")
    parser.add_argument("--config", type=Path, default=None, metavar="DIR",
                        help="folder of allowlists and settings (default: config/anonymise)")
    return parser


def main(argv: Sequence[str] | None = None, *, stdin: TextIO | None = None,
         stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    args = build_parser().parse_args(argv)
    try:
        rules = load_rules(args.config)
        findings = []
        files = 0
        file_paths = [p for p in args.paths if p != STDIN_PATH]
        if STDIN_PATH in args.paths:
            findings += check_text(stdin.read(), STDIN_PATH, rules=rules)
            files += 1
        if file_paths:
            findings += check_paths(file_paths, rules=rules)
            files += count_files(file_paths)
    except (InputError, RulesError) as exc:
        print(f"check.py: {exc}", file=stderr)
        return 2
    except UnicodeDecodeError:
        print("check.py: standard input is not UTF-8 text", file=stderr)
        return 2
    except OSError as exc:
        print(f"check.py: cannot read input ({exc.strerror or exc})", file=stderr)
        return 2
    stdout.write(format_findings(findings, args.format, files=files))
    return 1 if has_failure(findings, strict=args.strict) else 0
