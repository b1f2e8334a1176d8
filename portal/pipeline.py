"""The whole flow for one build, stage by stage:

    load -> validate -> check anonymisation -> tag -> (render, publish)

``build_content`` runs the first four stages and either returns everything
the render and publish stages need, or raises ``RecordsInvalid`` listing
every problem. Nothing here knows about MkDocs.

Each record's safety problems, anonymisation findings and themes depend only
on its text (and on the code and rules), so they are kept between builds in
``results_cache``: a build checks and tags only what changed.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path

from . import anonymise, history, safety, tagging
from .content import PortalContent, PrincipleInfo, ThemeInfo
from .load import SourceFile, load_records
from .media import MediaFile, published_media
from .problems import Problem, RecordsInvalid, errors
from .records import RecordSet
from .results_cache import CACHE_FILE, ResultsCache, text_key
from .settings import SETTINGS_FILE, Settings, load_settings
from .validate import Vocabulary, validate_records

RELATED_LIMIT = 5


def build_content(settings: Settings, *, convert_check: bool = True, vocabularies=None) -> PortalContent:
    """``convert_check=False`` when the caller checks the HTML of every page it
    publishes (``prose_marks``, as the build does), so that no record is
    converted twice. ``vocabularies``: ``load_vocabularies(settings)``, if the
    caller has it already (compiling the taxonomy's matchers takes a while)."""
    taxonomy, principles = vocabularies or load_vocabularies(settings)
    vocabulary = vocabulary_of(taxonomy, principles)
    cache = ResultsCache.open(settings.root, [settings.anonymisation_dir, settings.themes_file,
                                              settings.principles_file])
    try:
        sources, problems = load_records(settings.records_dir, settings.root)      # 1. load
        if cache.refused:
            problems.append(Problem(CACHE_FILE.as_posix(), 1, "the results cache is committed to the "
                                    "repository, so it was not used: remove it from git (it belongs "
                                    "to the machine that built the site)", severity="warning"))

        # Each record's text is hashed once: the safety and anonymisation results share the key.
        keys = {source.path: text_key(source.text) for source in sources}
        checked: list[SourceFile] = []  # the records validation checked for safety

        def safety_problems(source: SourceFile, convert: bool) -> list[Problem]:
            return _cached_problems(cache, f"safety-convert-{convert}", keys[source.path], source,
                                    lambda: safety.check_source(source, convert=convert))

        def check_safety(source: SourceFile) -> list[Problem]:
            checked.append(source)
            return safety_problems(source, convert_check)

        def stop(problems: list[Problem]):
            if not convert_check:  # a failed build lists everything, as the command-line check does
                problems += {p for source in checked for p in safety_problems(source, True)} - set(problems)
            raise RecordsInvalid(problems)

        records, found = validate_records(sources, vocabulary, check_safety)        # 2. validate
        problems += found
        if errors(problems):
            stop(problems)
        media, found = published_media(records, settings.root)
        problems += found

        findings, accepted = check_anonymisation(settings, records, media, cache, keys)  # 3. check
        problems += findings
        if errors(problems):
            stop(problems)

        problems += tag_records(taxonomy, records, cache)                           # 4. tag
        add_history(settings, records, cache)
    finally:
        cache.save()  # also after a failure: the next run rechecks only what changed
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
        cache_note=cache.note(),
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


def check_anonymisation(settings: Settings, records: RecordSet, media: list[MediaFile],
                        cache: ResultsCache, keys: dict[str, str]) -> tuple[list[Problem], list[str]]:
    """Scan every record and image that will be published. Drafts are never
    published, so they do not block a build; editors check them with
    scripts/check.py. ``keys``: each record's ``text_key``, by path."""
    # The rules are read only if a record is not in the cache.
    rules = functools.cache(lambda: anonymise.load_rules(settings.anonymisation_dir))

    problems: list[Problem] = []
    accepted: list[str] = []
    published_sources = [m.source for m in records.meetings.values()]
    published_sources += [d.source for d in records.dilemmas.values() if d.is_public]
    findings = []
    for source in sorted(published_sources, key=lambda s: s.path):
        findings += cache.remember(
            "anonymise", keys[source.path],
            lambda: anonymise.check_text(source.text, source.path, rules=rules()),
            encode=lambda found: [_finding_fields(f) for f in found],
            decode=lambda stored: [_finding_from(fields, source.path) for fields in stored])
    if media:
        findings += anonymise.check_paths([m.source for m in media], rules=rules())
    for finding in findings:
        if finding.accepted is not None:
            accepted.append(anonymise.format_findings([finding], "text").splitlines()[0])
            continue
        # The finding carries only a masked form of what it matched.
        problems.append(Problem(_relative(finding.display_path, settings.root), finding.line,
                                f"{finding.message} [{finding.masked}]", severity=finding.severity,
                                column=finding.column, rule=finding.rule))
    return problems, accepted


def tag_records(taxonomy, records: RecordSet, cache: ResultsCache) -> list[Problem]:
    """Stage 4: themes, and related dilemmas, for public records."""
    problems: list[Problem] = []
    public = records.published_dilemmas
    for dilemma in public:
        scenario_text = "\n\n".join(text for _, text in dilemma.public_sections)
        inputs = dict(title=dilemma.title, summary=dilemma.summary, body=scenario_text,
                      editor_themes=dilemma.editor_themes, rejected_themes=dilemma.rejected_themes)
        # The site shows the themes, and which are a best guess; the evidence
        # behind them is for editors (scripts/tag.py), so the build neither
        # keeps nor caches it.
        dilemma.themes, dilemma.best_guess_themes = cache.remember(
            "tags", text_key(inputs), lambda: _themes_of(tagging.tag_record(taxonomy, **inputs)),
            encode=list, decode=_decode_themes)
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


def _cached_problems(cache: ResultsCache, stage: str, key: str, source: SourceFile,
                     compute) -> list[Problem]:
    return cache.remember(
        stage, key, compute,
        encode=lambda found: [[p.line, p.message, p.severity, p.column, p.rule] for p in found],
        decode=lambda stored: [Problem(source.path, int(line), str(message), str(severity), int(column),
                                       str(rule)) for line, message, severity, column, rule in stored])


def _finding_fields(finding: anonymise.Finding) -> dict:
    fields = dataclasses.asdict(finding)
    del fields["path"]  # the same text in another file gives the same findings
    return fields


def _finding_from(fields: dict, path: str) -> anonymise.Finding:
    accepted = fields["accepted"]
    return anonymise.Finding(
        path=path, line=int(fields["line"]), column=int(fields["column"]), rule=str(fields["rule"]),
        severity=str(fields["severity"]), message=str(fields["message"]), masked=str(fields["masked"]),
        accepted=None if accepted is None else anonymise.AcceptedException(
            str(accepted["rule"]), str(accepted["reason"]), str(accepted["reviewer"])),
        path_masked=fields["path_masked"])


def _themes_of(result: tagging.TagResult) -> tuple[list[str], list[str]]:
    return list(result.themes), list(result.fallback)


def _decode_themes(stored: list) -> tuple[list[str], list[str]]:
    themes, best_guess = stored
    if not isinstance(themes, list) or not isinstance(best_guess, list) or not set(best_guess) <= set(themes):
        raise TypeError("themes must be two lists, the best guesses among the themes")
    return [str(theme) for theme in themes], [str(theme) for theme in best_guess]


def add_history(settings: Settings, records: RecordSet, cache: ResultsCache) -> None:
    """Dates from git (first published, outcome added, last updated), each
    linked to its change. Outside a git checkout there is no history. The
    cache keeps the history read by the last build, so that only the commits
    since are read."""
    found = history.load_history(settings.root, settings.records_dir, settings.repository_url,
                                 previous=cache.latest("history"))
    cache.keep("history", found.state())
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
