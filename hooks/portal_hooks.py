"""MkDocs adapter for the portal: each handler turns one MkDocs event into a
call to the domain code in ``portal/`` and hands back what MkDocs expects.

    on_config     read the force's settings; forget the last build (serve reuses this module)
    on_pre_build  load, validate, check anonymisation and tag the records;
                  any problem stops the build here, before site/ is touched
    on_files      add the generated pages and data files
    on_post_page / on_post_template
                  complete each page's Content Security Policy with the hashes
                  of the theme's inline scripts and styles
    on_startup    note whether this is `mkdocs serve` (its live-reload script is inline)
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from material.plugins.tags.structure.tag import Tag
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

# The hook is imported by file path; the domain package sits beside hooks/.
_REPO = Path(__file__).resolve().parent.parent
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

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
        taxonomy, _ = pipeline.load_vocabularies(settings)
    except RecordsInvalid as exc:
        raise PluginError(exc.report()) from None
    tags = config.plugins.get("material/tags")
    if tags is not None:  # page tags must be theme names from the taxonomy
        tags.config.tags_allowed = {Tag(name) for name in
                                    sitewide.allowed_tag_names(t.name for t in taxonomy.themes)}
    config.extra["portal"] = _state  # read by the macros and the templates
    return config


def on_pre_build(config):
    try:
        content = pipeline.build_content(_state["settings"])
    except RecordsInvalid as exc:
        raise PluginError(exc.report()) from None
    for line in content.accepted:
        log.info("accepted by a reviewer: %s", line)
    for warning in content.warnings:
        log.warning("%s", warning)
    _state["content"] = content


def on_files(files, config):
    content = _state["content"]
    for src_uri, markdown in render.render_pages(content).items():
        files.append(File.generated(config, src_uri, content=markdown,
                                    inclusion=InclusionLevel.NOT_IN_NAV))
    for dest_uri, data in publish.data_files(content).items():
        files.append(File.generated(config, dest_uri, content=data))
    for image in content.media:
        files.append(File.generated(config, image.dest_uri, abs_src_path=str(image.source)))
    return files


def on_post_page(output, page, config):
    return sitewide.complete_policy(output, untrusted=page.content or "", preview=_preview["serving"])


def on_post_template(output, template_name, config):
    if not template_name.endswith(".html"):
        return output
    return sitewide.complete_policy(output, preview=_preview["serving"])
