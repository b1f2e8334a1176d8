"""What the pipeline hands to the render and publish stages."""
from __future__ import annotations

from dataclasses import dataclass, field

from .problems import Problem
from .prose_marks import ProseMarks
from .records import Dilemma, RecordSet
from .settings import Settings


@dataclass(frozen=True)
class ThemeInfo:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class PrincipleInfo:
    id: str
    name: str
    description: str
    framework: str
    framework_name: str


@dataclass
class PortalContent:
    settings: Settings
    records: RecordSet
    themes: dict[str, ThemeInfo]  # taxonomy order
    principles: dict[tuple[str, str], PrincipleInfo]  # (framework, id) -> info
    # Warnings that do not stop a build but fail a --strict one.
    warnings: list[Problem] = field(default_factory=list)
    # Accepted anonymisation findings, shown to reviewers in the build log.
    accepted: list[str] = field(default_factory=list)
    # Images the published pages show (portal.media.MediaFile).
    media: list = field(default_factory=list)
    # How much of the checking and tagging the results cache saved, for the build log.
    cache_note: str = ""
    # List entries of dilemmas, made once per build (render.dilemma_item).
    list_items: dict = field(default_factory=dict, repr=False, compare=False)
    # Marks around record prose in the generated pages, for the check of their HTML.
    prose: ProseMarks = field(default_factory=ProseMarks)

    def dilemmas_with_theme(self, theme_id: str) -> list[Dilemma]:
        return [d for d in self.records.published_dilemmas if theme_id in d.themes]

    def principle_names(self, chosen: dict[str, list[str]]) -> list[str]:
        names = []
        for framework, ids in chosen.items():
            for principle_id in ids:
                info = self.principles.get((framework, principle_id))
                if info:
                    names.append(f"{info.name} ({info.framework_name})")
        return names
