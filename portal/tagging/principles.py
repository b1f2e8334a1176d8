"""Ethical principles a dilemma can be linked to (config/principles.yml).

Grouped by framework: the College of Policing Code of Ethics (2024) and the
Seven Principles of Public Life (Nolan). Framework ids are the keys editors
use under ``principles:`` in a record's front matter.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ._datafile import (
    KEBAB_ID, KEBAB_RULE, Problems, line_of, mapping, peek, read_document, scalar, text_value,
)

DEFAULT_PRINCIPLES = Path(__file__).resolve().parents[2] / "config" / "principles.yml"
# Framework ids are front-matter keys, so they use underscores, not hyphens.
_FRAMEWORK_ID = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
_FILE_KEYS = ("frameworks",)
_FRAMEWORK_KEYS = ("id", "name", "description", "source", "principles")
_PRINCIPLE_KEYS = ("id", "name", "description")


@dataclass(frozen=True)
class Principle:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    description: str
    principles: tuple[Principle, ...]
    source: str = ""  # where the public can read the framework in full

    def get(self, principle_id: str) -> Principle | None:
        return next((p for p in self.principles if p.id == principle_id), None)


@dataclass(frozen=True)
class Principles:
    frameworks: tuple[Framework, ...]
    path: Path | None = None

    def framework(self, framework_id: str) -> Framework:
        for framework in self.frameworks:
            if framework.id == framework_id:
                return framework
        raise KeyError(framework_id)

    @property
    def ids_by_framework(self) -> dict[str, tuple[str, ...]]:
        """Framework id -> its principle ids, in order: the vocabulary editors may use."""
        return {f.id: tuple(p.id for p in f.principles) for f in self.frameworks}


def load_principles(path: Path | None = None) -> Principles:
    """Read and check a principles file; raise TaxonomyError listing every problem."""
    path = Path(path) if path is not None else DEFAULT_PRINCIPLES
    problems = Problems(path)
    root = read_document(path, problems)
    problems.raise_if_any()
    if not isinstance(root, yaml.MappingNode) or not isinstance(peek(root, "frameworks"), yaml.SequenceNode):
        problems.add(line_of(root) if root is not None else 1, "the file must have a 'frameworks:' list")
        problems.raise_if_any()
    keys = mapping(root, problems, _FILE_KEYS)
    frameworks: list[Framework] = []
    framework_lines: dict[str, int] = {}
    for node in keys["frameworks"].value:
        framework = _read_framework(node, framework_lines, problems)
        if framework is not None:
            frameworks.append(framework)
    problems.raise_if_any()
    return Principles(frameworks=tuple(frameworks), path=path)


def _read_id(node: yaml.Node, what: str, pattern: re.Pattern, rule: str, seen: dict[str, int],
             problems: Problems) -> tuple[str | None, str]:
    """(id or None if unusable, label for messages)."""
    id_node = peek(node, "id")
    raw = scalar(id_node) if isinstance(id_node, yaml.ScalarNode) else None
    if not isinstance(raw, str) or not raw:
        label = f"{what} on line {line_of(node)}"
        problems.at(node, f"{label} has no 'id'")
        return None, label
    label = f"{what} '{raw}'"
    if not pattern.match(raw):
        problems.at(id_node, f"{what} id '{raw}' must be {rule}")
        return None, label
    if raw in seen:
        problems.at(id_node, f"{what} id '{raw}' is already used on line {seen[raw]}")
        return None, label
    seen[raw] = line_of(id_node)
    return raw, label


def _read_framework(node: yaml.Node, seen: dict[str, int], problems: Problems) -> Framework | None:
    if not isinstance(node, yaml.MappingNode):
        problems.at(node, "each framework must be a set of 'key: value' lines")
        return None
    framework_id, label = _read_id(node, "framework", _FRAMEWORK_ID,
                                   "lower-case words joined by underscores", seen, problems)
    keys = mapping(node, problems, _FRAMEWORK_KEYS, label)
    name, description = text_value(keys.get("name")), text_value(keys.get("description"))
    for key, value in (("name", name), ("description", description)):
        if value is None:
            problems.at(keys.get(key) or node, f"{label} has no '{key}'")
    source = text_value(keys.get("source")) or ""
    items = keys.get("principles")
    if not isinstance(items, yaml.SequenceNode) or not items.value:
        problems.at(items or node, f"{label}: 'principles' must list at least one principle")
        return None
    principles: list[Principle] = []
    principle_lines: dict[str, int] = {}
    for item in items.value:
        principle = _read_principle(item, principle_lines, problems)
        if principle is not None:
            principles.append(principle)
    if framework_id is None or name is None or description is None or len(principles) != len(items.value):
        return None
    return Framework(id=framework_id, name=name, description=description,
                     principles=tuple(principles), source=source)


def _read_principle(node: yaml.Node, seen: dict[str, int], problems: Problems) -> Principle | None:
    if not isinstance(node, yaml.MappingNode):
        problems.at(node, "each principle must be a set of 'key: value' lines (id, name, description)")
        return None
    principle_id, label = _read_id(node, "principle", KEBAB_ID, KEBAB_RULE, seen, problems)
    keys = mapping(node, problems, _PRINCIPLE_KEYS, label)
    name, description = text_value(keys.get("name")), text_value(keys.get("description"))
    for key, value in (("name", name), ("description", description)):
        if value is None:
            problems.at(keys.get(key) or node, f"{label} has no '{key}'")
    if principle_id is None or name is None or description is None:
        return None
    return Principle(id=principle_id, name=name, description=description)
