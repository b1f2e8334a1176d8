"""Images placed beside records.

An image is published only when a published section of a published record
shows it, so a picture referenced by a draft (or by an unapproved outcome)
never reaches the site. The anonymisation gate checks its file name and its
metadata (EXIF, GPS) before that.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .load import IMAGE_SUFFIXES
from .problems import Problem
from .records import RecordSet

_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
_SAFE_NAME = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*\.(?:jpe?g|png|gif|webp)$")


@dataclass(frozen=True)
class MediaFile:
    source: Path  # on disk
    dest_uri: str  # in the site
    record_path: str


def image_references(text: str) -> list[str]:
    return _MARKDOWN_IMAGE.findall(text) + _HTML_IMAGE.findall(text)


def published_media(records: RecordSet, root: Path) -> tuple[list[MediaFile], list[Problem]]:
    """Images the published pages show, or problems explaining why not."""
    media: dict[str, MediaFile] = {}
    problems: list[Problem] = []
    for dilemma in records.published_dilemmas:
        folder = (root / dilemma.path).parent
        for _, text in dilemma.public_sections:
            for target in image_references(text):
                if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
                    problems.append(Problem(dilemma.path, dilemma.source.body_line,
                                            "images must be files beside the record, not web "
                                            "addresses (the site loads nothing from other hosts)"))
                    continue
                name = PurePosixPath(target).name
                if target != name or not _SAFE_NAME.match(name):
                    problems.append(Problem(dilemma.path, dilemma.source.body_line,
                                            f"image {name!r}: put images in the record's own folder "
                                            "and name them with lower-case letters, digits, - or _"))
                    continue
                source = folder / name
                if not source.is_file() or source.is_symlink() or source.suffix.lower() not in IMAGE_SUFFIXES:
                    problems.append(Problem(dilemma.path, dilemma.source.body_line,
                                            f"image {name!r} is not in the record's folder"))
                    continue
                dest = f"dilemmas/{name}"
                existing = media.get(dest)
                if existing and existing.source != source:
                    problems.append(Problem(dilemma.path, dilemma.source.body_line,
                                            f"image {name!r} has the same name as one used by "
                                            f"{existing.record_path}; rename one of them"))
                    continue
                media[dest] = MediaFile(source, dest, dilemma.path)
    return list(media.values()), problems
