"""Stage 1, load: read record files and split YAML front matter from the body.

Loading never trusts a file: odd files (not UTF-8, empty, binary, too large,
links out of the repository) become problems, and YAML is parsed so that every
key keeps its line number for ``path:line`` messages.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem
from .schema import MAX_RECORD_BYTES

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff"}
# Files in the records folder that are not records.
IGNORED_NAMES = {"readme.md", ".gitkeep", ".gitignore"}

_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


class _RecordYamlLoader(yaml.SafeLoader):
    """Safe YAML without YAML 1.1 surprises: ``10:00`` stays a time string
    instead of becoming the sexagesimal number 600."""

    def compose_node(self, parent, index):
        # Aliases share a value without copying it, so nested ones (a "billion
        # laughs" bomb) load instantly but explode in anything that reads them.
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in records; write the value out",
                self.peek_event().start_mark)
        return super().compose_node(parent, index)


_RecordYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            # Dates stay strings too, so the validator can report a bad date with its line.
    if tag != "tag:yaml.org,2002:timestamp"
    and not (tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
             and regexp.pattern.find(":") != -1)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
if getattr(yaml, "CSafeLoader", None) is not None:
    class _FastRecordYamlLoader(yaml.CSafeLoader):
        """The same resolvers on libyaml's parser (no alias guard: see parse_front_matter)."""

    _FastRecordYamlLoader.yaml_implicit_resolvers = _RecordYamlLoader.yaml_implicit_resolvers
else:  # PyYAML built without libyaml
    _FastRecordYamlLoader = None

_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]+(?:[eE][-+][0-9]+)?$")
for _first in "-+0123456789":
    _RecordYamlLoader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, [_first])
for _first in "-+0123456789.":
    _RecordYamlLoader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, [_first])


@dataclass
class SourceFile:
    """One record file as read from disk, before validation."""

    path: str  # as shown to editors: relative to the site's root folder
    text: str
    meta: dict = field(default_factory=dict)
    # Line (1-based, in the file) of each top-level front-matter key.
    key_lines: dict = field(default_factory=dict)
    # Lines of nested values, keyed by (key, index or subkey).
    item_lines: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # file line where the body starts
    has_front_matter: bool = False
    front_matter_ok: bool = True  # False when the YAML could not be read

    def release_text(self) -> None:
        """Drop the file's text once every stage that reads it has run: a
        large build keeps thousands of records in memory until it ends."""
        self.text = self.body = ""

    def line_of(self, key: str, default: int | None = None) -> int:
        return self.key_lines.get(key, default if default is not None else 1)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter text or None, body, first line of body)."""
    if not (text.startswith("---\n") or text.startswith("---\r\n") or text.rstrip("\r\n") == "---"):
        return None, text, 1
    start = text.index("\n") + 1 if "\n" in text else len(text)
    end = _FRONT_MATTER_END.search(text, start)
    if end is None:
        return text[start:], "", text.count("\n") + 2
    front = text[start:end.start()]
    after = end.end()
    if after < len(text) and text[after] == "\r":
        after += 1
    if after < len(text) and text[after] == "\n":
        after += 1
    body_line = text.count("\n", 0, after) + 1
    return front, text[after:], body_line


def parse_front_matter(source: SourceFile, front: str, first_line: int) -> list[Problem]:
    """Parse YAML front matter into ``source.meta`` with line numbers.

    libyaml's parser reads well-formed front matter several times faster; any
    front matter it refuses, or that uses aliases, is read again by the
    pure-Python loader, whose messages (and alias guard) are the ones editors see.
    """
    if _FastRecordYamlLoader is not None and _parse_fast(source, front, first_line):
        return []
    return _parse_checked(source, front, first_line)


def _parse_fast(source: SourceFile, front: str, first_line: int) -> bool:
    """True when libyaml read plain front matter without any doubt."""
    loader = _FastRecordYamlLoader(front)
    try:
        node = loader.get_single_node()
        # An alias is written "*name": front matter without a '*' has none.
        if not isinstance(node, yaml.MappingNode) or ("*" in front and _has_alias(node)):
            return False
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or key in key_lines:
                return False
            key_lines[key] = first_line + key_node.start_mark.line
            _record_item_lines(source, key, value_node, first_line)
        data = loader.construct_document(node)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        source.item_lines.clear()
        return False
    finally:
        loader.dispose()
    source.key_lines = key_lines
    source.meta = data if isinstance(data, dict) else {}
    return True


def _has_alias(root: yaml.Node) -> bool:
    """Whether any node is reached twice: that is what an alias (*name) does."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for pair in node.value:
                stack.extend(pair)
    return False


def _parse_checked(source: SourceFile, front: str, first_line: int) -> list[Problem]:
    problems: list[Problem] = []
    try:
        loader = _RecordYamlLoader(front)
    except yaml.reader.ReaderError as exc:  # the reader refuses control characters up front
        line = first_line + front.count("\n", 0, max(exc.position, 0))
        return _parse_failed(source, [Problem(source.path, line, "front matter holds a control "
                                              f"character (U+{exc.character:04X}) that YAML does not allow")])
    try:
        node = loader.get_single_node()
        if node is None:
            return _parse_failed(source, [Problem(source.path, first_line, "front matter is empty")])
        if not isinstance(node, yaml.MappingNode):
            return _parse_failed(source, [Problem(source.path, first_line,
                            "front matter must be a set of 'key: value' lines")])
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = first_line + key_node.start_mark.line
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                problems.append(Problem(source.path, line, "front-matter keys must be plain words"))
                continue
            if key in seen:
                problems.append(Problem(source.path, line,
                                        f"'{key}' is given twice (first on line {seen[key]})"))
            seen[key] = line
            _record_item_lines(source, key, value_node, first_line)
        source.key_lines = seen
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = first_line + (mark.line if mark else 0)
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return _parse_failed(source, [Problem(source.path, line, f"front matter is not valid YAML: {reason}")])
    except (ValueError, TypeError) as exc:  # e.g. an unhashable mapping key
        return _parse_failed(source, [Problem(source.path, first_line, f"front matter has a value YAML cannot read: {exc}")])
    except RecursionError:
        return _parse_failed(source, [Problem(source.path, first_line, "front matter is nested too deeply")])
    finally:
        loader.dispose()
    source.meta = data if isinstance(data, dict) else {}
    return problems


def _parse_failed(source: SourceFile, problems: list[Problem]) -> list[Problem]:
    source.front_matter_ok = False
    return problems


def _record_item_lines(source: SourceFile, key: str, node, first_line: int) -> None:
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            source.item_lines[(key, index)] = first_line + item.start_mark.line
    elif isinstance(node, yaml.MappingNode):
        for sub_key, _ in node.value:
            if isinstance(sub_key, yaml.ScalarNode):
                source.item_lines[(key, sub_key.value)] = first_line + sub_key.start_mark.line


def read_source(path: Path, root: Path, display: str | None = None) -> tuple[SourceFile | None, list[Problem]]:
    """Read one record file safely. Returns (source, problems)."""
    display = display or display_path(path, root)
    if path.is_symlink():
        target = path.resolve()
        try:
            target.relative_to(root.resolve())
        except ValueError:
            return None, [Problem(display, 1, "is a symbolic link to a file outside the repository")]
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, [Problem(display, 1, f"cannot be read: {exc.strerror or exc}")]
    if size > MAX_RECORD_BYTES:
        return None, [Problem(display, 1,
                              f"is {size:,} bytes; a record may be at most {MAX_RECORD_BYTES:,} bytes")]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(display, 1, f"cannot be read: {exc.strerror or exc}")]
    source, problems = parse_source(raw, display)
    return source, problems


def parse_source(raw: bytes, display: str) -> tuple[SourceFile | None, list[Problem]]:
    """Decode and split one record given as bytes."""
    if b"\x00" in raw:
        return None, [Problem(display, 1, "is a binary file, not a Markdown record")]
    if not raw.strip():
        return None, [Problem(display, 1, "is empty")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [Problem(display, line, "is not valid UTF-8 text; save it as UTF-8")]
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    source = SourceFile(path=display, text=text)
    front, body, body_line = split_front_matter(text)
    source.body, source.body_line = body, body_line
    if front is None:
        return source, []
    source.has_front_matter = True
    problems = parse_front_matter(source, front, 2)
    if not _FRONT_MATTER_END.search(text, text.index("\n") + 1 if "\n" in text else len(text)):
        problems.append(Problem(display, 1, "front matter is not closed with a '---' line"))
    return source, problems


def find_record_files(records_dir: Path) -> tuple[list[Path], list[Path]]:
    """Markdown records and images in the records folder, in a stable order."""
    records: list[Path] = []
    images: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(records_dir, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name.lower() in IGNORED_NAMES:
                continue
            path = Path(dirpath) / name
            suffix = path.suffix.lower()
            if suffix == ".md":
                records.append(path)
            elif suffix in IMAGE_SUFFIXES:
                images.append(path)
            else:
                records.append(path)  # reported by the validator as unexpected
    return records, images


def load_records(records_dir: Path, root: Path) -> tuple[list[SourceFile], list[Problem]]:
    """Load every record below ``records_dir``; collect every problem."""
    problems: list[Problem] = []
    sources: list[SourceFile] = []
    if not records_dir.is_dir():
        return [], [Problem(display_path(records_dir, root), 1, "the records folder does not exist")]
    files, _images = find_record_files(records_dir)
    # The files are below the records folder: their display paths share its prefix.
    prefix = display_path(records_dir, root)
    prefix = "" if prefix == "." else prefix + "/"
    below = len(str(records_dir)) + 1  # os.walk joined each file's path onto records_dir
    for path in files:
        display = prefix + str(path)[below:].replace(os.sep, "/")
        if path.suffix.lower() != ".md":
            problems.append(Problem(display, 1,
                                    "is not a Markdown record (.md); only records and images "
                                    "belong in the records folder"))
            continue
        source, found = read_source(path, root, display)
        problems += found
        if source is not None:
            sources.append(source)
    return sources, problems


def display_path(path: Path, root: Path) -> str:
    """A path as editors see it: relative to ``root`` where it can be."""
    try:
        return Path(os.path.relpath(path, root)).as_posix()
    except ValueError:
        return path.as_posix()
