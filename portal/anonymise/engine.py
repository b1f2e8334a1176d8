"""The check: run every detector over a record and turn hits into findings.

Steps for one record:
1. split off front matter and blank what is metadata (document.py);
2. run each registered detector over the text, and the name detector also
   over link targets and file names;
3. drop hits inside allowlisted terms, and hits inside a larger hit;
4. apply the reviewers' exceptions (rule + exact text);
5. escalate quasi-identifiers when several kinds meet in one record;
6. build masked Findings with file line and column.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from .detectors.base import ERROR, WARNING, Detector, Hit, Scan
from .document import Document, ExceptionEntry, parse
from .findings import AcceptedException, Finding, sort_findings
from .readable import readable
from .registry import detectors, rule_ids
from .rules import Rules, load_rules
from .text import LineIndex, mask, normalise_space

MARKDOWN_SUFFIXES = (".md", ".markdown")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp")
SKIPPED_FOLDERS = frozenset({".git", ".venv", "venv", "node_modules", "__pycache__", "site"})


class InputError(OSError):
    """A path that does not exist or cannot be read as UTF-8 text."""


@dataclass(frozen=True)
class Located:
    """A hit with its matched text, kept inside the engine only."""

    hit: Hit
    text: str


def scan_text(text: str, rules: Rules) -> list[Located]:
    """Every hit in the text that survives the allowlists and overlaps, with its
    matched text. Internal: callers outside the engine get Findings.

    The detectors read the text as a reader would see it (readable.py: HTML
    character references decoded, invisible characters dropped); each hit is
    then placed back on the text as written."""
    shown = readable(text)
    main = Scan(text if shown is None else shown.text, rules)
    hits: list[Hit] = []
    for detector in detectors():
        hits.extend(detector.find(main))
    if _target_detectors():
        hits.extend(_target_hits(main.text, rules))
    hits = _without_nested([h for h in hits if h.end > h.start and not main.is_allowed(h.start, h.end)])
    if shown is not None:
        hits = [replace(h, start=shown.original_start(h.start), end=shown.original_end(h.end)) for h in hits]
    return [Located(h, text[h.start:h.end]) for h in hits]


@lru_cache(maxsize=1)
def _target_detectors() -> tuple[Detector, ...]:
    """The detectors that also run over link targets and file names."""
    return tuple(d for d in detectors() if getattr(d, "scans_targets", False))


def _target_hits(text: str, rules: Rules) -> list[Hit]:
    targets = Document(text=text, view=text, exceptions=[], exceptions_offset=None).target_view()
    if not targets.strip():
        return []
    scan = Scan(targets, rules)
    found = []
    for detector in _target_detectors():
        found.extend(detector.find(scan))
    return found


def _priority(hit: Hit) -> tuple:
    # Longer first; at equal length a direct identifier beats a quasi one and
    # an error beats a warning.
    return (hit.start, -(hit.end - hit.start), hit.quasi, hit.severity != ERROR, hit.rule)


def _without_nested(hits: list[Hit]) -> list[Hit]:
    """Drop a hit that lies inside another (the email around a name, the date
    of birth around a date); partly overlapping hits are both kept."""
    kept: list[Hit] = []
    max_end = -1
    for hit in sorted(hits, key=_priority):
        if hit.end <= max_end and any(k.start <= hit.start and hit.end <= k.end for k in kept[-50:]):
            continue
        kept.append(hit)
        max_end = max(max_end, hit.end)
    return kept


def _sanitise(text: str, rules: Rules, accepted_text: str) -> str:
    """A reviewer's reason, with the accepted text and any identifier masked."""
    located = scan_text(text, rules)
    for item in sorted(located, key=lambda x: -x.hit.start):
        h = item.hit
        text = text[:h.start] + mask(item.text) + text[h.end:]
    return _without(normalise_space(text), accepted_text)


def _without(text: str, accepted_text: str) -> str:
    """The text with any copy of the accepted (matched) text masked."""
    accepted_text = normalise_space(accepted_text)
    return text.replace(accepted_text, mask(accepted_text)) if accepted_text else text


def _exception_findings(document: Document, index: LineIndex, path: str,
                        used: set[int], known_rules: frozenset[str]) -> list[Finding]:
    findings = []
    if document.exceptions_problem and document.exceptions_offset is not None:
        line, column = index.position(document.exceptions_offset)
        findings.append(Finding(path, line, column, "invalid-exception", ERROR,
                                f"Reviewer exceptions: {document.exceptions_problem}", ""))
    for entry in document.exceptions:
        line, column = index.position(entry.offset)
        problems = list(entry.problems)
        if entry.rule is not None and entry.rule not in known_rules:
            problems.append("names a rule the check does not have")
        masked_text = mask(entry.text) if entry.text else ""
        if problems:
            findings.append(Finding(
                path, line, column, "invalid-exception", ERROR,
                f"Reviewer exception {entry.number} {'; '.join(problems)}: every exception "
                "needs rule, text, reason and reviewer", masked_text))
        elif entry.number not in used:
            findings.append(Finding(
                path, line, column, "unused-exception", WARNING,
                f"Reviewer exception {entry.number} ({entry.rule}) matches nothing in this "
                "record: remove it", masked_text))
    return findings


def _valid_exceptions(document: Document, known_rules: frozenset[str]) -> list[ExceptionEntry]:
    return [e for e in document.exceptions
            if not e.problems and e.rule in known_rules]


@dataclass(frozen=True)
class Analysed:
    """A finding with where its matched text lies (for the evaluation only)."""

    finding: Finding
    start: int
    end: int


def analyse(text: str, path: str = "-", *, rules: Rules | None = None) -> list[Analysed]:
    """check_text, keeping each finding's character span. Findings about the
    exceptions themselves have an empty span at the exception."""
    rules = rules or load_rules()
    document = parse(text, rules)
    index = LineIndex(text)
    located = scan_text(document.view, rules)
    known_rules = rule_ids()
    exceptions = _valid_exceptions(document, known_rules)
    used: set[int] = set()

    accepted_by: dict[int, ExceptionEntry] = {}
    for position, item in enumerate(located):
        candidates = {normalise_space(item.text), *map(normalise_space, item.hit.aliases)}
        for entry in exceptions:
            if entry.rule == item.hit.rule and normalise_space(entry.text or "") in candidates:
                accepted_by[position] = entry
                used.add(entry.number)
                break

    quasi_kinds = {item.hit.rule for position, item in enumerate(located)
                   if item.hit.quasi and position not in accepted_by}
    escalate = len(quasi_kinds) >= rules.escalate_at_kinds

    results = []
    for position, item in enumerate(located):
        hit = item.hit
        severity = rules.severity_overrides.get(hit.rule, hit.severity)
        message = hit.message
        if hit.quasi and escalate and position not in accepted_by:
            severity = ERROR
            message += (f" (error: this record has {len(quasi_kinds)} kinds of quasi-identifier, "
                        f"which together can identify someone)")
        accepted = None
        if position in accepted_by:
            entry = accepted_by[position]
            # The reviewer is shown as written (a handle such as @panel-chair):
            # it names who is accountable, not someone in the record.
            accepted = AcceptedException(entry.rule or "", _sanitise(entry.reason or "", rules, item.text),
                                         _without(normalise_space(entry.reviewer or ""), item.text))
        line, column = index.position(hit.start)
        finding = Finding(path, line, column, hit.rule, severity, message,
                          mask(item.text, keep_tld=hit.rule == "email"), accepted)
        results.append(Analysed(finding, hit.start, hit.end))
    for finding in _exception_findings(document, index, path, used, known_rules):
        offset = index.offset(finding.line, finding.column)
        results.append(Analysed(finding, offset, offset))
    return results


def check_text(text: str, path: str = "-", *, rules: Rules | None = None) -> list[Finding]:
    """Check one record's full text (front matter and body) and return its
    findings, sorted by line and column. Front matter that is absent or not
    valid YAML is scanned as plain text."""
    return sort_findings(a.finding for a in analyse(text, path, rules=rules))


def check_file_name(path: str, rules: Rules) -> tuple[list[Finding], str | None]:
    """Findings for identifiers in a file's name, and the path with them masked."""
    name = Path(path).name
    located = scan_text(name, rules)
    if not located:
        return [], None
    masked_name = name
    for item in sorted(located, key=lambda x: -x.hit.start):
        masked_name = masked_name[:item.hit.start] + mask(item.text) + masked_name[item.hit.end:]
    shown = str(Path(path).with_name(masked_name))
    findings = [Finding(path, 1, 1, item.hit.rule, ERROR if not item.hit.quasi else item.hit.severity,
                        f"In the file name: {item.hit.message}", mask(item.text), None, shown)
                for item in located]
    return findings, shown


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                parts = child.relative_to(path).parts
                if any(part in SKIPPED_FOLDERS or part.startswith(".") for part in parts):
                    continue
                if child.is_file() and child.suffix.lower() in MARKDOWN_SUFFIXES + IMAGE_SUFFIXES:
                    files.append(child)
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{raw}: no such file or folder")
    return files


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None


def check_paths(paths: Iterable[str | Path], *, rules: Rules | None = None) -> list[Finding]:
    """Check files and folders (recursively: Markdown records, and images for
    their metadata). File names are checked too. Raises InputError for a path
    that does not exist or cannot be read."""
    from .images import check_image  # Pillow is only needed when there are images

    rules = rules or load_rules()
    findings: list[Finding] = []
    for path in _expand(paths):
        name_findings, shown = check_file_name(str(path), rules)
        if path.suffix.lower() in IMAGE_SUFFIXES:
            found = check_image(path, rules)
        else:
            found = check_text(read_text(path), str(path), rules=rules)
        if shown:
            found = [replace(f, path_masked=shown) for f in found]
        findings += name_findings + found
    return sort_findings(findings)


def count_files(paths: Iterable[str | Path]) -> int:
    return len(_expand(paths))
