"""The check's data: allowlists, gazetteers and settings from config/anonymise/.

A force adapts the check by editing these files, never the code. Each load is
cached by folder and file modification times, so a long-running process (a
`mkdocs serve`) sees edits and a build loads each file once.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from pathlib import Path

import yaml

from .text import Tokens, _compute_key, tokenize, word_key

DEFAULT_CONFIG_DIR = Path(__file__).resolve().parents[2] / "config" / "anonymise"

ALLOW_FILES = ("allow_terms.yml", "places.yml")
DATA_FILES = (*ALLOW_FILES, "ordinary_words.yml", "record_fields.yml", "settings.yml",
              "extra_names.yml", "first_names.txt", "surnames.txt", "frequent_surnames.txt",
              "english_words.txt")
# SCOWL sizes (english_words.txt): 10 = the most common words, 50 = rare ones.
COMMON_WORD_SIZE = 20
AMBIGUOUS_NAME_SIZE = 35
ANY_WORD_SIZE = 50


class RulesError(ValueError):
    """A configuration file is missing or malformed."""


@dataclass(frozen=True, eq=False)
class Rules:
    config_dir: Path
    first_names: frozenset[str]
    surnames: frozenset[str]
    frequent_surnames: frozenset[str]
    # English words and their SCOWL size (english_words.txt).
    word_sizes: Mapping[str, int]
    # Names that are also ordinary words, from ordinary_words.yml.
    ordinary_words: frozenset[str]
    # Allowed terms as (token keys, leading punctuation such as "@"), indexed
    # by their first key, longest first.
    allow_index: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]
    record_fields: frozenset[str]
    escalate_at_kinds: int = 3
    severity_overrides: Mapping[str, str] = field(default_factory=dict)

    def is_first_name(self, key: str) -> bool:
        if key in self.first_names:
            return True
        parts = key.split("-")
        return len(parts) > 1 and all(p in self.first_names for p in parts)

    def is_surname(self, key: str) -> bool:
        if key in self.surnames:
            return True
        parts = key.split("-")
        return len(parts) > 1 and any(p in self.surnames for p in parts)

    def _size(self, key: str) -> int:
        return self.word_sizes.get(key, 1000)

    def is_common(self, key: str) -> bool:
        """One of the most common English words ("price", "ward", "bill")."""
        return self._size(key) <= COMMON_WORD_SIZE or key in self.ordinary_words

    def is_ambiguous_name(self, key: str) -> bool:
        """A first name that is also a fairly common word ("grace", "victor")."""
        return self._size(key) <= AMBIGUOUS_NAME_SIZE or key in self.ordinary_words

    def is_word(self, key: str) -> bool:
        """Any English word in the list, however rare ("scams", "turner")."""
        return self._size(key) <= ANY_WORD_SIZE or key in self.ordinary_words

    def allowed_spans(self, tokens: Tokens, text: str) -> list[tuple[int, int]]:
        """Character spans of the text covered by allowed terms."""
        spans = []
        keys = tokens.keys
        # Only words that begin some allowed term are looked at one by one.
        for i in compress(range(len(keys)), map(self.allow_index.__contains__, keys)):
            for term, lead in self.allow_index[keys[i]]:
                n = len(term)
                if tuple(keys[i:i + n]) == term:
                    start = tokens[i].start
                    if lead and text[max(0, start - len(lead)):start] == lead:
                        start -= len(lead)  # "@leicspolice" covers its "@"
                    spans.append((start, tokens[i + n - 1].end))
                    break
        return spans


def _read_yaml(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RulesError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        raise RulesError(f"{path}: not valid YAML ({exc})") from None


def _entries(path: Path, top_key: str, value_key: str) -> list[str]:
    """Values of a list of {value_key: ..., reason: ...} entries. Every entry
    must give a reason: the lists are reviewed in pull requests."""
    data = _read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get(top_key), list):
        raise RulesError(f"{path}: expected a top-level '{top_key}:' list")
    values = []
    for number, entry in enumerate(data[top_key], start=1):
        if not isinstance(entry, dict) or not str(entry.get(value_key) or "").strip():
            raise RulesError(f"{path}: entry {number} needs a '{value_key}'")
        if not str(entry.get("reason") or "").strip():
            raise RulesError(f"{path}: entry {number} ('{entry[value_key]}') needs a 'reason'")
        values.append(str(entry[value_key]))
    return values


def _lines(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise RulesError(f"{path}: file not found") from None
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _word_list(path: Path) -> frozenset[str]:
    # _compute_key, not word_key: tens of thousands of listed words would fill
    # the word cache meant for the records' own words.
    return frozenset(_compute_key(line) for line in _lines(path))


def _word_sizes(path: Path) -> dict[str, int]:
    sizes = {}
    for line in _lines(path):
        word, _, size = line.rpartition(" ")
        if not word or not size.isdigit():
            raise RulesError(f"{path}: expected 'word size' lines, got {line!r}")
        sizes[_compute_key(word)] = int(size)
    return sizes


def _allow_index(terms: Iterable[str]) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    index: dict[str, set[tuple[tuple[str, ...], str]]] = {}
    for term in terms:
        tokens = tokenize(term)
        if tokens:
            lead = term[:tokens[0].start].strip()
            index.setdefault(tokens[0].key, set()).add((tuple(t.key for t in tokens), lead))
    return {k: tuple(sorted(v, key=lambda entry: (-len(entry[0]), entry))) for k, v in index.items()}


def _extra_names(path: Path) -> tuple[list[str], list[str]]:
    if not path.exists():
        return [], []
    data = _read_yaml(path) or {}
    firsts = _entries(path, "first_names", "name") if data.get("first_names") else []
    lasts = _entries(path, "surnames", "name") if data.get("surnames") else []
    return firsts, lasts


def _settings(path: Path) -> tuple[int, dict[str, str]]:
    data = _read_yaml(path) if path.exists() else {}
    data = data or {}
    threshold = data.get("escalate_quasi_identifiers_at_kinds", 3)
    if not isinstance(threshold, int) or threshold < 1:
        raise RulesError(f"{path}: escalate_quasi_identifiers_at_kinds must be a whole number >= 1")
    overrides = data.get("severity_overrides") or {}
    if not isinstance(overrides, dict) or any(v not in ("error", "warning") for v in overrides.values()):
        raise RulesError(f"{path}: severity_overrides maps rule ids to 'error' or 'warning'")
    return threshold, {str(k): str(v) for k, v in overrides.items()}


@lru_cache(maxsize=8)
def _load(config_dir: Path, _stamp: tuple) -> Rules:
    allowed: list[str] = []
    allowed += _entries(config_dir / "allow_terms.yml", "terms", "term")
    allowed += _entries(config_dir / "places.yml", "places", "term")
    extra_first, extra_last = _extra_names(config_dir / "extra_names.yml")
    threshold, overrides = _settings(config_dir / "settings.yml")
    return Rules(
        config_dir=config_dir,
        first_names=_word_list(config_dir / "first_names.txt") | {word_key(n) for n in extra_first},
        surnames=_word_list(config_dir / "surnames.txt") | {word_key(n) for n in extra_last},
        frequent_surnames=_word_list(config_dir / "frequent_surnames.txt"),
        word_sizes=_word_sizes(config_dir / "english_words.txt"),
        ordinary_words=frozenset(word_key(w) for w in _entries(
            config_dir / "ordinary_words.yml", "words", "word")),
        allow_index=_allow_index(allowed),
        record_fields=frozenset(_entries(config_dir / "record_fields.yml", "fields", "field")),
        escalate_at_kinds=threshold,
        severity_overrides=overrides,
    )


def load_rules(config_dir: Path | str | None = None) -> Rules:
    """The rules in `config_dir` (default: the repository's config/anonymise/).
    Raises RulesError when a file is missing or malformed."""
    folder = Path(config_dir) if config_dir is not None else DEFAULT_CONFIG_DIR
    folder = folder.resolve()
    if not folder.is_dir():
        raise RulesError(f"{folder}: not a folder")
    stamp = tuple((name, (folder / name).stat().st_mtime_ns if (folder / name).exists() else 0)
                  for name in DATA_FILES)
    return _load(folder, stamp)
