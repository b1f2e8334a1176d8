"""MkDocs adapter for the portal: each handler turns one MkDocs event into a
call to the domain code in ``portal/`` and hands back what MkDocs expects.

    on_config     read the force's settings; forget the last build (serve reuses this module)
    on_pre_build  load, validate, check anonymisation and tag the records;
                  any problem stops the build here, before site/ is touched
    on_files      add the generated pages and data files
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

# The hook is imported by file path; the domain package sits beside hooks/.
_REPO = Path(__file__).resolve().parent.parent
if str(_REPO) not in sys.path:
    sys.path.insert(0, str(_REPO))

from portal import pipeline, publish, render  # noqa: E402
from portal.problems import RecordsInvalid  # noqa: E402
from portal.settings import load_settings  # noqa: E402

log = logging.getLogger("mkdocs.plugins.portal")
_state: dict = {}


def on_config(config):
    _state.clear()
    root = Path(config.config_file_path).resolve().parent
    try:
        _state["settings"] = load_settings(root, config.site_url or "")
    except RecordsInvalid as exc:
        raise PluginError(exc.report()) from None
    config.extra["portal"] = _state  # read by the macros on hand-written pages
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
    return files
