"""JSON Schema of the published ``data/dilemmas.json``, built from the record
schema so the two cannot drift apart."""
from __future__ import annotations

import json

from .schema import ID_PATTERN, STATUSES

_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_TEXT = {"type": "string"}
_IDS = {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN.pattern}}


def dilemmas_schema() -> dict:
    public_statuses = [s.id for s in STATUSES.values() if s.public]
    dilemma = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "status", "meeting", "themes", "first_published",
                     "last_updated", "url"],
        "properties": {
            "id": {"type": "string", "pattern": ID_PATTERN.pattern,
                   "description": "Stable public reference; never reused."},
            "title": _TEXT,
            "status": {"enum": public_statuses},
            "status_label": _TEXT,
            "meeting": {**_DATE, "description": "Date (and id) of the meeting."},
            "themes": _IDS,
            "theme_names": {"type": "array", "items": _TEXT},
            "principles": {"type": "object", "additionalProperties": _IDS},
            "summary": _TEXT,
            "scenario": _TEXT,
            "questions": _TEXT,
            "outcome": {**_TEXT, "description": "Empty until the panel approves its outcome."},
            "response": {**_TEXT, "description": "Empty until the record is closed."},
            "follow_up": _TEXT,
            "withdrawn_reason": _TEXT,
            "first_published": _DATE,
            "last_updated": _DATE,
            "related": _IDS,
            "url": {"type": "string"},
            "path": {"type": "string"},
        },
    }
    meeting = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "date", "subject", "dilemmas"],
        "properties": {
            "id": _DATE, "date": _DATE, "title": _TEXT, "subject": _TEXT,
            "start": _TEXT, "end": _TEXT, "dilemmas": _IDS,
            "url": {"type": "string"}, "path": {"type": "string"},
        },
    }
    theme = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "name", "description"],
        "properties": {"id": _TEXT, "name": _TEXT, "description": _TEXT, "url": _TEXT},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "dilemmas.schema.json",
        "title": "Published dilemmas of an ethics panel",
        "type": "object",
        "additionalProperties": False,
        "required": ["version", "meetings", "themes", "dilemmas"],
        "properties": {
            "$schema": _TEXT,
            "version": {"const": 1},
            "publisher": _TEXT,
            "licence": {"type": "object", "properties": {"name": _TEXT, "url": _TEXT}},
            "meetings": {"type": "array", "items": meeting},
            "themes": {"type": "array", "items": theme},
            "dilemmas": {"type": "array", "items": dilemma},
        },
    }


def dilemmas_schema_json() -> str:
    return json.dumps(dilemmas_schema(), indent=2) + "\n"
