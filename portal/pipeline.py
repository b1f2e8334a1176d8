"""The whole flow for one build, stage by stage:

    load -> validate -> check anonymisation -> tag -> (render, publish)

``build_content`` runs the first four stages and either returns everything
the render and publish stages need, or raises ``RecordsInvalid`` listing
every problem. Nothing here knows about MkDocs.
"""
from __future__ import annotations

import re
from pathlib import Path

from . import anonymise, history, tagging
from .content import PortalContent, PrincipleInfo, ThemeInfo
from .load import load_records
from .media import MediaFile, published_media
from .problems import Problem, RecordsInvalid, errors
from .records import RecordSet
from .settings import SETTINGS_FILE, Settings, load_settings
from .validate import Vocabulary, validate_records

RELATED_LIMIT = 5


def build_content(settings: Settings) -> PortalContent:
    taxonomy, principles = load_vocabularies(settings)
    vocabulary = vocabulary_of(taxonomy, principles)

    sources, problems = load_records(settings.records_dir, settings.root)          # 1. load
    records, found = validate_records(sources, vocabulary)                          # 2. validate
    problems += found
    if errors(problems):
        raise RecordsInvalid(problems)
    media, found = published_media(records, settings.root)
    problems += found

    findings, accepted = check_anonymisation(settings, records, media)              # 3. check
    problems += findings
    if errors(problems):
        raise RecordsInvalid(problems)

    problems += tag_records(taxonomy, records)                                      # 4. tag
    add_history(settings, records)
    for source in sources:  # rendering needs the sections, not the raw files
        source.release_text()

    content = PortalContent(
        settings=settings,
        records=records,
        themes={t.id: ThemeInfo(t.id, t.name, t.description) for t in taxonomy.themes},
        principles={
            (framework, p.id): PrincipleInfo(p.id, p.name, p.description, framework,
                                             _framework_name(principles, framework))
            for framework, items in _frameworks(principles) for p in items
        },
        warnings=sorted(problems),
        accepted=accepted,
        media=media,
    )
    return content


def vocabulary_of(taxonomy, principles) -> Vocabulary:
    """The ids records may use, from the taxonomy and the principles."""
    return Vocabulary(
        themes=set(taxonomy.ids),
        principles={framework: {p.id for p in items} for framework, items in _frameworks(principles)},
    )


def load_vocabularies(settings: Settings):
    """The theme taxonomy and the principles, or every problem in them."""
    try:
        taxonomy = tagging.load_taxonomy(settings.themes_file)
        principles = tagging.load_principles(settings.principles_file)
    except tagging.TaxonomyError as exc:
        raise RecordsInvalid([_problem_from_line(line, settings.root) for line in exc.problems]) from None
    return taxonomy, principles


def check_anonymisation(settings: Settings, records: RecordSet,
                        media: list[MediaFile]) -> tuple[list[Problem], list[str]]:
    """Scan every record and image that will be published. Drafts are never
    published, so they do not block a build; editors check them with
    scripts/check.py."""
    rules = anonymise.load_rules(settings.anonymisation_dir)
    problems: list[Problem] = []
    accepted: list[str] = []
    published_sources = [m.source for m in records.meetings.values()]
    published_sources += [d.source for d in records.dilemmas.values() if d.is_public]
    findings = []
    for source in sorted(published_sources, key=lambda s: s.path):
        findings += anonymise.check_text(source.text, source.path, rules=rules)
    if media:
        findings += anonymise.check_paths([m.source for m in media], rules=rules)
    for finding in findings:
        if finding.accepted is not None:
            accepted.append(anonymise.format_findings([finding], "text").splitlines()[0])
            continue
        # The finding carries only a masked form of what it matched.
        problems.append(Problem(_relative(finding.display_path, settings.root), finding.line,
                                f"{finding.message} [{finding.masked}]", severity=finding.severity,
                                column=finding.column, rule=finding.rule))
    return problems, accepted


def tag_records(taxonomy, records: RecordSet) -> list[Problem]:
    """Stage 4: themes with evidence, and related dilemmas, for public records."""
    problems: list[Problem] = []
    public = records.published_dilemmas
    for dilemma in public:
        scenario_text = "\n\n".join(text for _, text in dilemma.public_sections)
        result = tagging.tag_record(
            taxonomy, title=dilemma.title, summary=dilemma.summary, body=scenario_text,
            editor_themes=dilemma.editor_themes, rejected_themes=dilemma.rejected_themes,
        )
        dilemma.themes = list(result.themes)
        dilemma.theme_evidence = result.evidence
        if not dilemma.themes and dilemma.status != "withdrawn":
            problems.append(Problem(dilemma.path, dilemma.source.line_of("title"),
                                    "no theme was found for this dilemma; add 'themes' to its "
                                    "front matter", severity="warning"))
    related = tagging.related_records(
        [(d.id, d.themes, d.public_text) for d in public if d.status != "withdrawn"],
        limit=RELATED_LIMIT,
    )
    for dilemma in public:
        dilemma.related = list(related.get(dilemma.id, []))
    return problems


def add_history(settings: Settings, records: RecordSet) -> None:
    """Dates from git (first published, outcome added, last updated), each
    linked to its change. Outside a git checkout there is no history."""
    found = history.load_history(settings.root, settings.records_dir, settings.repository_url)
    for dilemma in records.published_dilemmas:
        dilemma.history = found.for_record(dilemma.path)


def content_for(root: Path, site_url: str = "") -> PortalContent:
    """Settings plus content for the site whose mkdocs.yml is in ``root``."""
    return build_content(load_settings(root, site_url))


def _relative(path: str, root: Path) -> str:
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            return candidate.relative_to(root).as_posix()
        except ValueError:
            return path
    return path


def _frameworks(principles):
    return [(framework.id, framework.principles) for framework in principles.frameworks]


def _framework_name(principles, framework_id: str) -> str:
    for framework in principles.frameworks:
        if framework.id == framework_id:
            return framework.name
    return framework_id


def _problem_from_line(report: str, root: Path) -> Problem:
    """A 'path:line: message' line from a data file's check, as a problem."""
    match = re.match(r"^(.*?):(\d+): (.*)$", report, re.DOTALL)
    if match is None:
        return Problem(str(SETTINGS_FILE), 1, report)
    return Problem(_relative(match.group(1), root), int(match.group(2)), match.group(3))
