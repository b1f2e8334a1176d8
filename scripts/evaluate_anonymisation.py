"""Precision and recall of the anonymisation check on the labelled corpus.

    python scripts/evaluate_anonymisation.py [--quiet] [CORPUS.yml ...]

By default evaluates tests/anonymise/corpus/cases.yml (the development slice)
and heldout.yml (written before tuning) separately. Exits 1 when a target is
missed: recall 100% on structured identifiers, at least 95% on names, and no
error-level finding on any hard negative (the seed's dilemmas included).
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse

from portal.anonymise.evaluation import CORPUS_DIR, evaluate, format_report, load_corpus

DEFAULT_SLICES = (CORPUS_DIR / "cases.yml", CORPUS_DIR / "heldout.yml")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path, default=list(DEFAULT_SLICES),
                        help="corpus YAML files (default: the development and held-out slices)")
    parser.add_argument("--quiet", action="store_true",
                        help="print only the tables, not each miss and unexpected finding")
    args = parser.parse_args(argv)
    failures = []
    for path in args.corpora:
        report = evaluate(load_corpus(path), path.name)
        text = format_report(report)
        if args.quiet:
            text = "\n".join(line for line in text.splitlines() if not line.startswith("  "))
        print(text)
        print()
        failures += report.target_failures()
    for failure in failures:
        print(f"TARGET MISSED: {failure}")
    if not failures:
        print("All targets met.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
