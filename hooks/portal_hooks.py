"""MkDocs adapter for the portal: each handler turns one MkDocs event into a
call to the domain code in ``portal/`` and hands back what MkDocs expects.

    on_config     read the force's settings; forget the last build (serve reuses this module)
    on_pre_build  load, validate, check anonymisation and tag the records;
                  any problem stops the build here, before site/ is touched
    on_files      add the generated pages and data files
    on_page_markdown
                  render the macros of hand-written pages that opt in
    on_page_content
                  check the HTML made of each record's prose against the safe
                  subset (the records are converted only once, here)
    on_env        after every page is converted and before any is written:
                  stop the build if that check found anything
    on_post_build / on_build_error
                  remove the folder the data files were written to; let the
                  objects frozen in on_pre_build and on_files be collected again
    on_post_page / on_post_template
                  complete each page's Content Security Policy with the hashes
                  of the theme's inline scripts and styles
    on_startup    note whether this is `mkdocs serve` (its live-reload script is inline)
"""
from __future__ import annotations

import gc
import logging
import shutil
import sys
import tempfile
from pathlib import Path

from material.plugins.tags.structure.tag import Tag
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

# The hook is imported by file path; the domain package sits beside hooks/.
_REPO = Path(__file__).resolve().parent.parent
for _folder in (_REPO, _REPO / "hooks"):  # portal/, and portal_macros beside this file
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))

import portal_macros  # noqa: E402  (beside this file)
from portal import pipeline, publish, render, sitewide  # noqa: E402
from portal.problems import RecordsInvalid  # noqa: E402
from portal.settings import load_settings  # noqa: E402

log = logging.getLogger("mkdocs.plugins.portal")
_state: dict = {}
_preview = {"serving": False}  # set once per process: `mkdocs serve` or a build


def on_startup(command, dirty):
    _preview["serving"] = command == "serve"


@event_priority(100)  # before the tags plugin reads tags_allowed in its on_config
def on_config(config):
    _state.clear()
    root = Path(config.config_file_path).resolve().parent
    try:
        _state["settings"] = settings = load_settings(root, config.site_url or "")
        _state["colour_css"] = sitewide.colour_css(settings)  # read by overrides/main.html
        _state["vocabularies"] = vocabularies = pipeline.load_vocabularies(settings)  # reused by on_pre_build
        taxonomy = vocabularies[0]
    except RecordsInvalid as exc:
        raise PluginError(exc.report()) from None
    tags = config.plugins.get("material/tags")
    if tags is not None:  # page tags must be theme names from the taxonomy
        tags.config.tags_allowed = {Tag(name) for name in
                                    sitewide.allowed_tag_names(t.name for t in taxonomy.themes)}
    config.extra["portal"] = _state  # read by the templates
    return config


def on_pre_build(config):
    try:
        content = pipeline.build_content(_state["settings"], convert_check=False,
                                         vocabularies=_state.pop("vocabularies"))
    except RecordsInvalid as exc:
        raise PluginError(exc.report()) from None
    log.info("%s", content.cache_note)
    for line in content.accepted:
        log.info("accepted by a reviewer: %s", line)
    for warning in content.warnings:
        log.warning("%s", warning)
    _state["content"] = content
    _state["theme_ids"] = {theme.name: theme.id for theme in content.themes.values()}  # partials/tags.html
    _state["converted_problems"] = set()
    gc.freeze()  # the records live until the build ends (see on_files)


def on_files(files, config):
    content = _state["content"]
    for src_uri, markdown in render.render_pages(content).items():
        files.append(File.generated(config, src_uri, content=markdown,
                                    inclusion=InclusionLevel.NOT_IN_NAV))
    # Data files go to disk at once, for MkDocs to copy: held in memory they
    # would stay there until the build ends (the JSON alone is 13 MB at 5,000 records).
    _state["data_dir"] = data_dir = Path(tempfile.mkdtemp(prefix="portal-data-"))
    for dest_uri, data in publish.data_files(content).items():
        target = data_dir / dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(data, encoding="utf-8", newline="")
        files.append(File.generated(config, dest_uri, abs_src_path=str(target)))
    for image in content.media:
        files.append(File.generated(config, image.dest_uri, abs_src_path=str(image.source)))
    # The records, the generated pages and MkDocs' own set-up live until the
    # build ends. Freezing them keeps Python's cycle collector from walking
    # them again and again while MkDocs makes thousands of pages (2 CPU
    # seconds at 5,000 records); they are unfrozen when the build ends.
    gc.collect()
    gc.freeze()
    return files


def on_page_markdown(markdown, page, config, files):
    """Macros in the hand-written pages that ask for them (``portal_macros``)."""
    if page.meta.get(portal_macros.OPT_IN) is not True:
        return markdown
    source = Path(page.file.abs_src_path or "")
    try:
        text = source.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    except OSError:
        text = ""
    offset = text[:len(text) - len(markdown)].count("\n") if text.endswith(markdown) else 0
    try:
        return portal_macros.render_page(markdown, page.meta, page.file.src_uri, _state["content"], config,
                                         shown_path=f"{Path(config.docs_dir).name}/{page.file.src_uri}",
                                         line_offset=offset)
    except portal_macros.MacroError as exc:
        raise PluginError(str(exc)) from None


def on_page_content(html, page, config, files):
    content = _state["content"]
    cleaned, problems = content.prose.check_page(html, page.markdown or "", page.file.src_uri,
                                                 content.settings.root)
    _state["converted_problems"].update(problems)
    return cleaned


@event_priority(110)  # before the tags plugin writes tags.json in its on_env (priority 100)
def on_env(env, config, files):
    if _state["converted_problems"]:
        raise PluginError(RecordsInvalid(list(_state["converted_problems"])).report())
    return env


def on_post_build(config):
    _end_of_build()


def on_build_error(error):
    _end_of_build()


def _end_of_build():
    gc.unfreeze()  # `mkdocs serve` builds again in this process: let this build's objects go
    if "data_dir" in _state:
        shutil.rmtree(_state.pop("data_dir"), ignore_errors=True)


def on_post_page(output, page, config):
    return sitewide.complete_policy(output, untrusted=page.content or "", preview=_preview["serving"])


def on_post_template(output, template_name, config):
    if not template_name.endswith(".html"):
        return output
    return sitewide.complete_policy(output, preview=_preview["serving"])
