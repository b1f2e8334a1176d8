"""The theme taxonomy (config/themes.yml): loading, checking, looking up.

Everything theme-specific lives in the data file, so another force adopts
the portal by editing that file alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ._datafile import (
    KEBAB_ID, KEBAB_RULE, Problems, line_of, mapping, peek, positive_number, read_document,
    scalar, text_value,
)
from .matching import Matcher, TermSyntaxError, parse_term

DEFAULT_TAXONOMY = Path(__file__).resolve().parents[2] / "config" / "themes.yml"
DEFAULT_THRESHOLD = 2.0
# When no theme reaches its threshold, the best-scoring theme is still given as
# a best guess if it reaches this score (see tagger.py). 0 switches it off.
DEFAULT_FALLBACK_THRESHOLD = 1.5
# A signal found in the title counts this many times its weight.
DEFAULT_TITLE_WEIGHT = 1.0

_FILE_KEYS = ("threshold", "fallback_threshold", "title_weight", "themes")
_THEME_KEYS = ("id", "name", "description", "signals", "threshold")
_SIGNAL_KEYS = ("term", "pattern", "weight", "match_case")


@dataclass(frozen=True)
class Signal:
    """A word, phrase or pattern that suggests a theme."""

    text: str
    kind: str  # "term" or "pattern"
    weight: float = 1.0
    match_case: bool = False
    line: int = 0


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    description: str
    signals: tuple[Signal, ...]
    threshold: float  # the score (sum of weights of distinct signals found) that tags a record
    line: int = 0


@dataclass(frozen=True)
class Taxonomy:
    themes: tuple[Theme, ...]
    threshold: float = DEFAULT_THRESHOLD
    path: Path | None = None
    fallback_threshold: float = DEFAULT_FALLBACK_THRESHOLD  # 0: no fallback
    title_weight: float = DEFAULT_TITLE_WEIGHT
    _by_id: dict[str, Theme] = field(default_factory=dict, repr=False, compare=False)
    _matcher: Matcher | None = field(default=None, repr=False, compare=False)
    # Signal index (as numbered by the matcher) -> (theme id, weight), for scoring.
    _signal_table: tuple[tuple[str, float], ...] = field(default=(), repr=False, compare=False)
    # For the tagger: (theme id, threshold) and theme id -> position, in taxonomy order.
    _thresholds: tuple[tuple[str, float], ...] = field(default=(), repr=False, compare=False)
    _order: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        owners = [(position, signal) for position, theme in enumerate(self.themes)
                  for signal in theme.signals]
        object.__setattr__(self, "_by_id", {theme.id: theme for theme in self.themes})
        object.__setattr__(self, "_thresholds", tuple((theme.id, theme.threshold) for theme in self.themes))
        object.__setattr__(self, "_order", {theme_id: position for position, theme_id in enumerate(self.ids)})
        object.__setattr__(self, "_signal_table",
                           tuple((self.themes[position].id, signal.weight) for position, signal in owners))
        object.__setattr__(self, "_matcher", Matcher(
            [(signal.kind, signal.text, signal.match_case, position, signal.weight)
             for position, signal in owners]))

    @property
    def ids(self) -> tuple[str, ...]:
        """Theme ids in taxonomy order: the vocabulary editors may use."""
        return tuple(theme.id for theme in self.themes)

    def __getitem__(self, theme_id: str) -> Theme:
        return self._by_id[theme_id]

    def __contains__(self, theme_id: object) -> bool:
        return theme_id in self._by_id

    def get(self, theme_id: str) -> Theme | None:
        return self._by_id.get(theme_id)


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """Read and check a taxonomy file; raise TaxonomyError listing every problem."""
    path = Path(path) if path is not None else DEFAULT_TAXONOMY
    problems = Problems(path)
    root = read_document(path, problems)
    problems.raise_if_any()
    if not isinstance(root, yaml.MappingNode) or peek(root, "themes") is None:
        problems.add(line_of(root) if root is not None else 1, "the file must have a 'themes:' list")
        problems.raise_if_any()
    keys = mapping(root, problems, _FILE_KEYS)
    threshold = DEFAULT_THRESHOLD
    if "threshold" in keys:
        threshold = positive_number(keys["threshold"]) or DEFAULT_THRESHOLD
        if positive_number(keys["threshold"]) is None:
            problems.at(keys["threshold"], "'threshold' must be a number above 0")
    fallback = DEFAULT_FALLBACK_THRESHOLD
    if "fallback_threshold" in keys:
        value = scalar(keys["fallback_threshold"])
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            problems.at(keys["fallback_threshold"], "'fallback_threshold' must be a number, 0 or above")
        else:
            fallback = float(value)
    title_weight = DEFAULT_TITLE_WEIGHT
    if "title_weight" in keys:
        title_weight = positive_number(keys["title_weight"]) or DEFAULT_TITLE_WEIGHT
        if positive_number(keys["title_weight"]) is None:
            problems.at(keys["title_weight"], "'title_weight' must be a number above 0")
    themes_node = keys.get("themes")
    if not isinstance(themes_node, yaml.SequenceNode) or not themes_node.value:
        problems.at(themes_node or root, "'themes' must be a list of themes")
        problems.raise_if_any()
    themes: list[Theme] = []
    id_lines: dict[str, int] = {}
    for theme_node in themes_node.value:
        theme = _read_theme(theme_node, threshold, id_lines, problems)
        if theme is not None:
            themes.append(theme)
    problems.raise_if_any()
    return Taxonomy(themes=tuple(themes), threshold=threshold, path=path, fallback_threshold=fallback,
                    title_weight=title_weight)


def _read_theme(node: yaml.Node, default_threshold: float, id_lines: dict[str, int],
                problems: Problems) -> Theme | None:
    if not isinstance(node, yaml.MappingNode):
        problems.at(node, "each theme must be a set of 'key: value' lines (id, name, description, signals)")
        return None
    id_node = peek(node, "id")
    raw_id = scalar(id_node) if isinstance(id_node, yaml.ScalarNode) else None
    label = f"theme '{raw_id}'" if isinstance(raw_id, str) and raw_id else f"theme on line {line_of(node)}"
    keys = mapping(node, problems, _THEME_KEYS, label)
    ok = True
    if not isinstance(raw_id, str) or not raw_id:
        problems.at(node, f"{label} has no 'id'")
        ok = False
    else:
        if not KEBAB_ID.match(raw_id):
            problems.at(id_node, f"theme id '{raw_id}' must be {KEBAB_RULE}, e.g. 'use-of-force'")
            ok = False
        if raw_id in id_lines:
            problems.at(id_node, f"theme id '{raw_id}' is already used on line {id_lines[raw_id]}")
            ok = False
        else:
            id_lines[raw_id] = line_of(id_node)
    name = text_value(keys.get("name"))
    description = text_value(keys.get("description"))
    for key, value in (("name", name), ("description", description)):
        if value is None:
            problems.at(keys.get(key) or node, f"{label} has no '{key}'")
            ok = False
    threshold = default_threshold
    if "threshold" in keys:
        threshold = positive_number(keys["threshold"]) or default_threshold
        if positive_number(keys["threshold"]) is None:
            problems.at(keys["threshold"], f"{label}: 'threshold' must be a number above 0")
            ok = False
    signals = _read_signals(keys.get("signals"), node, label, problems)
    if signals is None:
        ok = False
    if not ok:
        return None
    return Theme(id=raw_id, name=name, description=description, signals=tuple(signals),
                 threshold=threshold, line=line_of(node))


def _read_signals(node: yaml.Node | None, theme_node: yaml.Node, label: str,
                  problems: Problems) -> list[Signal] | None:
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        problems.at(node or theme_node, f"{label}: 'signals' must list at least one term or pattern")
        return None
    signals: list[Signal] = []
    seen: dict[tuple[str, str, bool], int] = {}
    ok = True
    for item in node.value:
        signal = _read_signal(item, label, problems)
        if signal is None:
            ok = False
            continue
        identity = (signal.kind, signal.text if signal.match_case else signal.text.lower(), signal.match_case)
        if identity in seen:
            problems.at(item, f"{label}: {signal.kind} '{signal.text}' is already listed on line {seen[identity]}")
            ok = False
            continue
        seen[identity] = signal.line
        signals.append(signal)
    return signals if ok else None


def _read_signal(node: yaml.Node, label: str, problems: Problems) -> Signal | None:
    line = line_of(node)
    if isinstance(node, yaml.ScalarNode):
        text = scalar(node)
        if isinstance(text, bool):
            problems.at(node, f"{label}: YAML reads the term {node.value} as yes/no; "
                              f"put it in quotes: '{node.value}'")
            return None
        if not isinstance(text, str):
            text = str(text)  # e.g. a bare number such as 999
        return _checked_term(text, 1.0, False, node, label, problems, line)
    if not isinstance(node, yaml.MappingNode):
        problems.at(node, f"{label}: a signal is a term, or a mapping with 'term' or 'pattern'")
        return None
    keys = mapping(node, problems, _SIGNAL_KEYS, f"{label}: signal")
    if "term" in keys and "pattern" in keys:
        problems.at(node, f"{label}: a signal has either 'term' or 'pattern', not both")
        return None
    if "term" not in keys and "pattern" not in keys:
        problems.at(node, f"{label}: a signal needs a 'term' or a 'pattern'")
        return None
    weight = 1.0
    if "weight" in keys:
        weight = positive_number(keys["weight"])
        if weight is None:
            problems.at(keys["weight"], f"{label}: signal 'weight' must be a number above 0")
            return None
    match_case = False
    if "match_case" in keys:
        match_case = scalar(keys["match_case"])
        if not isinstance(match_case, bool):
            problems.at(keys["match_case"], f"{label}: 'match_case' must be true or false")
            return None
    if "term" in keys:
        text = scalar(keys["term"])
        if isinstance(text, bool):
            written = keys["term"].value
            problems.at(keys["term"], f"{label}: YAML reads the term {written} as yes/no; "
                                      f"put it in quotes: term: '{written}'")
            return None
        if not isinstance(text, (str, int)):
            problems.at(keys["term"], f"{label}: 'term' must be text")
            return None
        return _checked_term(str(text), weight, match_case, keys["term"], label, problems, line)
    pattern = scalar(keys["pattern"])
    if not isinstance(pattern, str) or not pattern:
        problems.at(keys["pattern"], f"{label}: 'pattern' must be text")
        return None
    try:
        compiled = re.compile(pattern, 0 if match_case else re.IGNORECASE)
    except re.error as exc:
        problems.at(keys["pattern"], f"{label}: signal has a bad pattern '{pattern}': {exc}")
        return None
    if compiled.fullmatch(""):
        problems.at(keys["pattern"], f"{label}: pattern '{pattern}' matches empty text, "
                                     "so it would match everywhere")
        return None
    return Signal(text=pattern, kind="pattern", weight=weight, match_case=match_case, line=line)


def _checked_term(text: str, weight: float, match_case: bool, node: yaml.Node, label: str,
                  problems: Problems, line: int) -> Signal | None:
    if match_case and "*" in text:
        problems.at(node, f"{label}: term '{text}': a match_case term cannot use '*'")
        return None
    try:
        parse_term(text)
    except TermSyntaxError as exc:
        problems.at(node, f"{label}: term '{text}' {exc}" if str(exc).startswith("has ")
                    else f"{label}: term '{text}': {exc}")
        return None
    return Signal(text=" ".join(text.split()), kind="term", weight=weight, match_case=match_case, line=line)
