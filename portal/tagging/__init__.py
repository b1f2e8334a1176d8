"""Themes, principles and related dilemmas for the portal's records.

Stable API (the build hook and scripts/tag.py use only these names)::

    load_taxonomy(path=None) -> Taxonomy          # config/themes.yml by default
    load_principles(path=None) -> Principles      # config/principles.yml by default
    tag_record(taxonomy, *, title, summary, body, editor_themes=(), rejected_themes=(),
               body_first_line=1) -> TagResult
    related_records([(id, themes, text), ...], limit=5) -> {id: [id, ...]}

A broken data file raises TaxonomyError, whose ``problems`` are
``path:line: message`` strings. Nothing here imports MkDocs.
"""
from ._datafile import TaxonomyError
from .principles import Framework, Principle, Principles, load_principles
from .related import related_records
from .tagger import Evidence, TagResult, tag_record
from .taxonomy import Signal, Taxonomy, Theme, load_taxonomy

__all__ = [
    "Evidence", "Framework", "Principle", "Principles", "Signal", "TagResult", "Taxonomy",
    "TaxonomyError", "Theme", "load_principles", "load_taxonomy", "related_records", "tag_record",
]
