"""Shared helpers for the anonymisation tests (a module of its own: every test
folder has a conftest.py, so importing "conftest" would be ambiguous)."""
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from portal.anonymise import check_text, load_rules  # noqa: F401  (conftest imports load_rules from here)
from portal.anonymise.engine import analyse

SEED_PAPER = REPO_ROOT.parent / "shared" / "seeds" / "000_a655b0c0e04f42eb.txt"


def found(text: str, rules=None) -> list[tuple[str, str, str]]:
    """(rule, severity, matched text) for every unaccepted finding in text."""
    return [(a.finding.rule, a.finding.severity, text[a.start:a.end])
            for a in analyse(text, "test.md", rules=rules) if a.finding.counts]


def rules_found(text: str, rules=None) -> set[str]:
    return {f.rule for f in check_text(text, "test.md", rules=rules) if f.counts}


def errors(text: str, rules=None) -> list[tuple[str, str]]:
    return [(rule, matched) for rule, severity, matched in found(text, rules) if severity == "error"]
