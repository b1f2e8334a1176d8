"""Show the themes the portal gives records, and why.

    python scripts/tag.py dilemmas/                    # one line per record
    python scripts/tag.py --explain dilemmas/2023/001.md
    python scripts/tag.py --format json dilemmas/ > themes.json

PATH is a record, any Markdown file (front matter optional) or a folder
(every *.md below it). From front matter it uses `title`, `summary`,
`themes` (an editor's choices) and `rejected_themes`. Exit status: 0 on
success, 2 on a usage error, an unreadable path or a broken taxonomy file.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from anywhere: find `portal`

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
from dataclasses import dataclass  # noqa: E402

from portal.load import parse_source  # noqa: E402
from portal.tagging import TagResult, Taxonomy, TaxonomyError, load_taxonomy, tag_record  # noqa: E402

_HEADING = re.compile(r"^ {0,3}#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
EXIT_OK, EXIT_USAGE = 0, 2


@dataclass
class Tagged:
    path: str
    result: TagResult


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="tag.py", description="Show the themes the portal gives records, and why.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a Markdown file or a folder")
    parser.add_argument("--explain", action="store_true",
                        help="say why each theme was given and which were rejected")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument("--taxonomy", type=Path, help="themes file (default: config/themes.yml)")
    args = parser.parse_args(argv)

    missing = [p for p in args.paths if not Path(p).exists()]
    for path in missing:
        print(f"error: {path}: no such file or folder", file=sys.stderr)
    if missing:
        return EXIT_USAGE
    try:
        taxonomy = load_taxonomy(args.taxonomy)
    except TaxonomyError as exc:
        print(f"error: the taxonomy file is broken - {exc}", file=sys.stderr)
        return EXIT_USAGE

    tagged: list[Tagged] = []
    unreadable = False
    for path in _markdown_files(args.paths):
        record = _tag_file(path, taxonomy)
        if record is None:
            unreadable = True
        else:
            tagged.append(record)

    if args.format == "json":
        print(json.dumps([_as_json(t) for t in tagged], indent=2, ensure_ascii=False))
    else:
        for record in tagged:
            print(_explain(record, taxonomy) if args.explain else _one_line(record))
    return EXIT_USAGE if unreadable else EXIT_OK


def _markdown_files(paths: list[str]) -> list[Path]:
    """Files named on the command line, and *.md files below named folders (hidden ones skipped)."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*.md")
                            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            files.append(path)
    return files


def _tag_file(path: Path, taxonomy: Taxonomy) -> Tagged | None:
    display = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        print(f"error: {display}: cannot be read: {exc.strerror or exc}", file=sys.stderr)
        return None
    source, problems = parse_source(raw, display)
    if source is None:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        return None
    meta, body, body_line = source.meta, source.body, source.body_line
    if source.has_front_matter and not source.front_matter_ok:
        for problem in problems:
            print(f"warning: {problem}", file=sys.stderr)
        print(f"warning: {display}: front matter could not be read; tagging the whole file as text",
              file=sys.stderr)
        meta, body, body_line = {}, source.text, 1
    editor_themes = _theme_list(meta, "themes", display)
    rejected_themes = _theme_list(meta, "rejected_themes", display)
    for theme_id in editor_themes + rejected_themes:
        if theme_id not in taxonomy:
            print(f"warning: {display}: unknown theme '{theme_id}' (not in the taxonomy file)", file=sys.stderr)
    title = meta.get("title") if isinstance(meta.get("title"), str) else _first_heading(body)
    summary = meta.get("summary") if isinstance(meta.get("summary"), str) else ""
    result = tag_record(taxonomy, title=title, summary=summary, body=body, editor_themes=editor_themes,
                        rejected_themes=rejected_themes, body_first_line=body_line)
    if not result.themes:
        print(f"warning: {display}: no theme found; an editor can list themes in front matter "
              f"(themes: [...])", file=sys.stderr)
    return Tagged(display, result)


def _theme_list(meta: dict, key: str, display: str) -> list[str]:
    value = meta.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        print(f"warning: {display}: '{key}' should be a list of theme ids; ignored", file=sys.stderr)
        return []
    return value


def _first_heading(body: str) -> str:
    match = _HEADING.search(body)
    return match.group(1) if match else ""


def _one_line(record: Tagged) -> str:
    return f"{record.path}: {', '.join(record.result.themes) or '(no theme)'}"


def _quote(evidence) -> str:
    place = evidence.where if evidence.line is None else f"{evidence.where}, line {evidence.line}"
    return f'"{evidence.term}" ({place})'


def _explain(record: Tagged, taxonomy: Taxonomy) -> str:
    result = record.result
    lines = [record.path]
    if not result.themes:
        lines.append("  no theme found")
    for theme_id in result.themes:
        theme = taxonomy.get(theme_id)
        lines.append(f"  {theme_id} - {theme.name if theme else 'not in the taxonomy file'}")
        found = [e for e in result.evidence[theme_id] if e.where != "front matter"]
        found_text = ", ".join(_quote(e) for e in found)
        score = result.scores.get(theme_id, 0)
        if theme_id in result.editor:
            lines.append("      listed by an editor in front matter"
                         + (f"; the text also has {found_text}" if found else ""))
        elif theme_id in result.fallback:
            lines.append(f"      best guess (score {score:g}; no theme reached its threshold): found {found_text}")
        else:
            needed = theme.threshold if theme else taxonomy.threshold
            lines.append(f"      found {found_text} (score {score:g}, {needed:g} needed)")
    for theme_id in result.rejected:
        if theme_id in result.overruled:
            evidence = ", ".join(_quote(e) for e in result.overruled[theme_id])
            lines.append(f"  {theme_id} - rejected by an editor (the text has {evidence})")
        else:
            lines.append(f"  {theme_id} - rejected by an editor (the tagger would not have given it anyway)")
    return "\n".join(lines)


def _as_json(record: Tagged) -> dict:
    result = record.result
    return {
        "path": record.path,
        "themes": result.themes,
        "automatic": result.automatic,
        "editor": result.editor,
        "rejected": result.rejected,
        "best_guess": result.fallback,
        "evidence": {theme: [e.as_dict() for e in items] for theme, items in result.evidence.items()},
    }


if __name__ == "__main__":
    sys.exit(main())
