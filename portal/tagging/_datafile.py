"""Reading the YAML data files (themes, principles) so every value keeps its line.

Reviewers edit these files by hand, so a mistake must be reported as
``path:line: message``, all problems at once, and the build must stop.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

# libyaml's parser when installed (several times faster); same nodes and marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
KEBAB_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEBAB_RULE = "lower-case words joined by hyphens"


class TaxonomyError(Exception):
    """A data file (config/themes.yml or config/principles.yml) is broken.

    ``problems`` lists every problem found, each as ``path:line: message``.
    """

    def __init__(self, problems: list[str]):
        self.problems = problems
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"{len(problems)} {noun}:\n" + "\n".join(f"  {p}" for p in problems))


class Problems:
    """Collects problems in one file; raises them together, in line order."""

    def __init__(self, path: Path):
        self.path = path
        self._found: list[tuple[int, str]] = []

    def add(self, line: int, message: str) -> None:
        self._found.append((line, message))

    def at(self, node: yaml.Node, message: str) -> None:
        self.add(line_of(node), message)

    def raise_if_any(self) -> None:
        if self._found:
            ordered = sorted(self._found, key=lambda item: item[0])  # stable: same-line order kept
            raise TaxonomyError([f"{self.path}:{line}: {message}" for line, message in ordered])


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def read_document(path: Path, problems: Problems) -> yaml.Node | None:
    """Parse ``path`` into a YAML node tree (or record why it cannot be read)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.add(1, "file not found")
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.add(1, f"cannot be read: {getattr(exc, 'strerror', None) or exc}")
        return None
    loader = _LOADER(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problems.add(line, f"not valid YAML: {exc.problem or exc.context}")
    except yaml.YAMLError as exc:
        problems.add(1, f"not valid YAML: {exc}")
    finally:
        loader.dispose()
    return None


def peek(node: yaml.Node, key: str) -> yaml.Node | None:
    """The value node of ``key`` in a mapping node, without any checks."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value_node
    return None


def mapping(node: yaml.Node, problems: Problems, allowed: tuple[str, ...], label: str = "") -> dict[str, yaml.Node]:
    """Keys of a mapping node -> value nodes; unknown and repeated keys are problems."""
    prefix = f"{label}: " if label else ""
    found: dict[str, yaml.Node] = {}
    first_line: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, str):
            problems.at(key_node, f"{prefix}keys must be plain words")
            continue
        if key in first_line:
            problems.at(key_node, f"'{key}' is given twice (first on line {first_line[key]})")
            continue
        first_line[key] = line_of(key_node)
        if key not in allowed:
            problems.at(key_node, f"{prefix}unknown key '{key}' (expected one of: {', '.join(allowed)})")
            continue
        found[key] = value_node
    return found


def scalar(node: yaml.Node) -> Any:
    """The Python value of a scalar node, with YAML's usual types (numbers, booleans)."""
    if not isinstance(node, yaml.ScalarNode):
        return node  # callers treat a non-scalar as the wrong type
    return yaml.constructor.SafeConstructor().construct_object(node)


def text_value(node: yaml.Node | None) -> str | None:
    """A non-empty string, or None."""
    if node is None:
        return None
    value = scalar(node)
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def positive_number(node: yaml.Node) -> float | None:
    value = scalar(node)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        return None
    return float(value)
