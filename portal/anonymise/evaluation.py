"""Precision and recall of the check on a labelled corpus.

A corpus file is YAML: `cases:`, each with `id`, `text` and `expect`, a list
of `{kind: "exact text"}` labels (`[]` for a hard negative; `negative: true`
marks a case that must give no error but may expect warnings). A label counts
as found when a finding of that kind overlaps an occurrence of its text; for
a direct identifier the finding must be an error (a warning would not stop a
build), for a quasi-identifier a warning is what is expected.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .engine import analyse
from .rules import Rules, load_rules

CORPUS_DIR = Path(__file__).resolve().parents[2] / "tests" / "anonymise" / "corpus"
NAME_KINDS = frozenset({"person-name"})
QUASI_KINDS = frozenset({"quasi-age", "quasi-date", "quasi-place", "quasi-court-sentence"})
STRUCTURED_RECALL_TARGET = 1.0
NAME_RECALL_TARGET = 0.95


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    expect: tuple[tuple[str, str], ...]
    source: str
    marked_negative: bool = False

    @property
    def negative(self) -> bool:
        """A hard negative: must give no error. It may still expect warnings."""
        return self.marked_negative or not self.expect


@dataclass
class KindScore:
    labels: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def recall(self) -> float | None:
        return self.found / self.labels if self.labels else None

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None


@dataclass
class Report:
    name: str
    cases: int = 0
    negatives: int = 0
    kinds: dict[str, KindScore] = field(default_factory=lambda: defaultdict(KindScore))
    misses: list[str] = field(default_factory=list)  # "case-id: kind"
    false_positives: list[str] = field(default_factory=list)  # "case-id: rule (severity)"
    negative_errors: list[str] = field(default_factory=list)
    negative_warnings: int = 0

    def total(self, kinds: frozenset[str] | None = None, exclude: frozenset[str] = frozenset()) -> KindScore:
        total = KindScore()
        for kind, score in self.kinds.items():
            if (kinds is None or kind in kinds) and kind not in exclude:
                total.labels += score.labels
                total.found += score.found
                total.predicted += score.predicted
                total.correct += score.correct
        return total

    def target_failures(self) -> list[str]:
        failures = []
        for kind, score in sorted(self.kinds.items()):
            if score.recall is None or kind in QUASI_KINDS:
                continue
            target = NAME_RECALL_TARGET if kind in NAME_KINDS else STRUCTURED_RECALL_TARGET
            if score.recall < target:
                failures.append(f"{self.name}: recall for {kind} is {score.recall:.1%}, target {target:.0%}")
        if self.negative_errors:
            failures.append(f"{self.name}: {len(self.negative_errors)} error-level finding(s) "
                            "on hard negatives")
        return failures


def load_corpus(path: Path) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = []
    for raw in data["cases"]:
        labels = []
        for label in raw.get("expect") or []:
            (kind, text), = label.items()
            labels.append((str(kind), str(text)))
        cases.append(Case(str(raw["id"]), str(raw["text"]), tuple(labels), path.name,
                          bool(raw.get("negative", False))))
    ids = [c.id for c in cases]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ValueError(f"{path}: duplicate case ids {sorted(duplicates)}")
    return cases


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    spans = []
    start = text.find(needle)
    while start != -1:
        spans.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    return spans


def _counts_as_detection(kind: str, severity: str) -> bool:
    return kind in QUASI_KINDS or severity == "error"


def evaluate(cases: list[Case], name: str, rules: Rules | None = None) -> Report:
    rules = rules or load_rules()
    report = Report(name)
    for case in cases:
        report.cases += 1
        results = [a for a in analyse(case.text, case.id, rules=rules) if a.finding.counts]
        if case.negative:
            report.negatives += 1
            for a in results:
                if a.finding.severity == "error":
                    report.negative_errors.append(f"{case.id}: {a.finding.rule}")
                else:
                    report.negative_warnings += 1
        labels = []
        for kind, text in case.expect:
            spans = _occurrences(case.text, text)
            if not spans:
                raise ValueError(f"{case.id}: expected text {text!r} is not in the case text")
            labels.append((kind, spans))
        for kind, spans in labels:
            score = report.kinds[kind]
            score.labels += 1
            if any(a.finding.rule == kind and _counts_as_detection(kind, a.finding.severity)
                   and a.start < e and s < a.end for a in results for s, e in spans):
                score.found += 1
            else:
                report.misses.append(f"{case.id}: {kind}")
        for a in results:
            score = report.kinds[a.finding.rule]
            score.predicted += 1
            if any(kind == a.finding.rule and a.start < e and s < a.end for kind, spans in labels
                   for s, e in spans):
                score.correct += 1
            else:
                report.false_positives.append(f"{case.id}: {a.finding.rule} ({a.finding.severity})")
    return report


def _percent(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.1%}"


def format_report(report: Report) -> str:
    lines = [f"== {report.name}: {report.cases} cases, {report.negatives} hard negatives ==",
             f"{'kind':28} {'labels':>6} {'found':>6} {'recall':>7} {'flagged':>8} {'precision':>9}"]
    for kind, score in sorted(report.kinds.items()):
        lines.append(f"{kind:28} {score.labels:6d} {score.found:6d} {_percent(score.recall):>7} "
                     f"{score.predicted:8d} {_percent(score.precision):>9}")
    for title, total in (
            ("structured identifiers", report.total(exclude=NAME_KINDS | QUASI_KINDS)),
            ("people's names", report.total(NAME_KINDS)),
            ("quasi-identifiers", report.total(QUASI_KINDS)),
            ("overall (direct identifiers)", report.total(exclude=QUASI_KINDS)),
            ("overall (everything)", report.total())):
        lines.append(f"{title:28} {total.labels:6d} {total.found:6d} {_percent(total.recall):>7} "
                     f"{total.predicted:8d} {_percent(total.precision):>9}")
    lines.append(f"error-level findings on hard negatives: {len(report.negative_errors)}"
                 f" (warnings: {report.negative_warnings})")
    for item in report.negative_errors:
        lines.append(f"  negative with error: {item}")
    for item in report.misses:
        lines.append(f"  missed: {item}")
    for item in report.false_positives:
        lines.append(f"  unexpected finding: {item}")
    return "\n".join(lines)
