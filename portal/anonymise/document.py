"""A record's full text, split into what is scanned and what is metadata.

The check reports FILE lines and columns, so instead of cutting the text up it
builds same-length "views" of it: characters that must not be scanned (YAML
keys, structural fields such as `id:` and `meeting:`, the reviewers'
exceptions) are replaced by spaces, keeping every offset and line break.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .rules import Rules

try:  # libyaml is much faster; its marks count characters, like the pure loader's
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader



class _NodeLoader(_Loader):
    """Composes nodes for their positions and values only, never constructing
    them: resolving each scalar's tag (a regular expression per value, in
    Python) is skipped, as nothing here reads the tags."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG


EXCEPTIONS_KEY = "anonymisation_exceptions"
EXCEPTION_FIELDS = ("rule", "text", "reason", "reviewer")
_FRONT_MATTER_RE = re.compile(r"\A(\ufeff?)---[ \t]*\r?\n")
_FRONT_MATTER_END_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)

# Places in Markdown/HTML where a link target or a file name sits: names in
# them are written with hyphens or underscores ("callum-reid-court.jpg").
# Each with the substrings that must be present for it to be worth running.
_FILE_SUFFIXES = ("jpg", "jpeg", "png", "gif", "webp", "tif", "svg", "heic", "pdf", "doc", "xls", "mp4",
                  "mov", "md", "markdown", "htm")
_TARGET_RES = (
    (("](",), re.compile(r"\]\(\s*<?([^)\s>]+)")),              # [text](target) and ![alt](file)
    (("]:",), re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$", re.MULTILINE)),  # [ref]: target
    (("=",), re.compile(r"""\b(?:src|href|srcset|poster)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)),
    (("://",), re.compile(r"https?://[^\s<>()\"']+")),
    (tuple("." + s for s in _FILE_SUFFIXES),
     re.compile(r"[\w.-]+\.(?:jpe?g|png|gif|webp|tiff?|svg|heic|pdf|docx?|xlsx?|mp4|mov|md|markdown|html?)\b",
                re.IGNORECASE)),
)
# Each list of substrings as one search, true exactly when one of them
# occurs: the search stops only at their first characters ("]", "=", ":",
# "."), where a test per substring reads the whole record once each.
_TARGET_TRIGGERS = tuple(re.compile("|".join(map(re.escape, triggers))) for triggers, _ in _TARGET_RES)
_TARGET_SEPARATORS = str.maketrans({c: " " for c in "-_./%+=?&#~:"})


@dataclass
class ExceptionEntry:
    """One item of `anonymisation_exceptions`, with where it sits in the file."""

    number: int
    offset: int
    rule: str | None = None
    text: str | None = None
    reason: str | None = None
    reviewer: str | None = None
    problems: list[str] = field(default_factory=list)


@dataclass
class Document:
    text: str
    view: str  # the text with metadata blanked out
    exceptions: list[ExceptionEntry]
    exceptions_offset: int | None  # where `anonymisation_exceptions:` is, if anywhere
    exceptions_problem: str | None = None  # the whole block is malformed

    def target_view(self) -> str:
        """Only link targets and file names, with separators turned into spaces
        so "daniel-price.jpg" reads as "daniel price jpg". Empty if there are none."""
        view = self.view
        lower = view.lower()
        spans = []
        for trigger, (_, pattern) in zip(_TARGET_TRIGGERS, _TARGET_RES):
            if trigger.search(lower):
                for match in pattern.finditer(view):
                    spans.append(match.span(1 if match.groups() else 0))
        if not spans:
            return ""
        chars = list(_NOT_LINE_BREAK_RE.sub(" ", view))
        for start, end in spans:
            chars[start:end] = view[start:end].translate(_TARGET_SEPARATORS)
        return "".join(chars)


_NOT_LINE_BREAK_RE = re.compile(r"[^\r\n]")


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with every character inside the spans, except line breaks, a space."""
    pieces = []
    done = 0
    for start, end in sorted(spans):
        start = max(start, done)
        if end <= start:
            continue
        pieces.append(text[done:start])
        part = text[start:end]
        pieces.append(_NOT_LINE_BREAK_RE.sub(" ", part) if "\n" in part or "\r" in part else " " * len(part))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _node_span(node: yaml.Node, base: int) -> tuple[int, int]:
    return base + node.start_mark.index, base + node.end_mark.index


def _key_spans(node: yaml.Node, spans: list[tuple[int, int]], base: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            spans.append(_node_span(key, base))
            _key_spans(value, spans, base)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _key_spans(item, spans, base)


def _scalar(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.ScalarNode):
        value = node.value.strip()
        return value or None
    return None


def _parse_exceptions(node: yaml.Node, base: int) -> tuple[list[ExceptionEntry], str | None]:
    if isinstance(node, yaml.ScalarNode) and node.value.strip() in ("", "~", "null"):
        return [], None
    if not isinstance(node, yaml.SequenceNode):
        return [], "anonymisation_exceptions must be a list of entries with rule, text, reason and reviewer"
    entries = []
    for number, item in enumerate(node.value, start=1):
        entry = ExceptionEntry(number=number, offset=base + item.start_mark.index)
        if not isinstance(item, yaml.MappingNode):
            entry.problems.append("is not a mapping of rule, text, reason and reviewer")
            entries.append(entry)
            continue
        for key_node, value_node in item.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key in EXCEPTION_FIELDS:
                setattr(entry, key, _scalar(value_node))
        for name in EXCEPTION_FIELDS:
            if getattr(entry, name) is None:
                entry.problems.append(f"has no {name}")
        entries.append(entry)
    return entries, None


def parse(text: str, rules: Rules) -> Document:
    """Split off YAML front matter if there is well-formed front matter; a
    record without it, or with broken YAML, is scanned whole as plain text."""
    plain = Document(text=text, view=text, exceptions=[], exceptions_offset=None)
    opening = _FRONT_MATTER_RE.match(text)
    if not opening:
        return plain
    closing = _FRONT_MATTER_END_RE.search(text, opening.end())
    if not closing:
        return plain
    base = opening.end()
    try:
        root = yaml.compose(text[base:closing.start()], Loader=_NodeLoader)
    except yaml.YAMLError:
        return plain
    blank = [(0, base), (closing.start(), closing.end())]  # what is metadata, not text
    entries: list[ExceptionEntry] = []
    exceptions_offset = None
    problem = None
    if isinstance(root, yaml.MappingNode):
        _key_spans(root, blank, base)
        for key, value in root.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name == EXCEPTIONS_KEY:
                exceptions_offset = base + key.start_mark.index
                entries, problem = _parse_exceptions(value, base)
            if name in rules.record_fields:
                blank.append(_node_span(value, base))
    return Document(text=text, view=_blanked(text, blank), exceptions=entries,
                    exceptions_offset=exceptions_offset, exceptions_problem=problem)
