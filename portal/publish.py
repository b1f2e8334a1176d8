"""Stage 6, publish: the machine-readable files of the site.

Only published records appear, with the sections their status allows: the
same rule as the pages (``Dilemma.public_sections``), so a draft or an
unapproved outcome cannot reach a data file either.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from xml.sax.saxutils import escape as xml_escape

from .content import PortalContent
from .data_schema import dilemmas_schema_json
from .records import Dilemma
from .render import Groups, dilemma_uri, meeting_uri, page_url, public_url, theme_uri

DATA_VERSION = 1
CSV_COLUMNS = ("id", "title", "status", "status_label", "meeting", "themes", "principles",
               "summary", "first_published", "last_updated", "url")


def dilemma_record(content: PortalContent, dilemma: Dilemma) -> dict:
    sections = dict(dilemma.public_sections) if dilemma.status != "withdrawn" else {}
    return {
        "id": dilemma.id,
        "title": dilemma.title,
        "status": dilemma.status,
        "status_label": dilemma.status_info.label,
        "meeting": dilemma.meeting_id,
        "themes": list(dilemma.themes),
        "theme_names": [content.themes[t].name for t in dilemma.themes if t in content.themes],
        "principles": {k: list(v) for k, v in dilemma.principles.items()},
        "summary": dilemma.summary,
        "scenario": sections.get("scenario", ""),
        "questions": sections.get("questions", ""),
        "outcome": sections.get("outcome", ""),
        "response": sections.get("response", ""),
        "follow_up": sections.get("follow-up", ""),
        "withdrawn_reason": dilemma.status_reason if dilemma.status == "withdrawn" else "",
        "first_published": dilemma.first_published.isoformat(),
        "last_updated": dilemma.last_updated.isoformat(),
        "related": list(dilemma.related),
        "url": public_url(content, dilemma_uri(dilemma.id)),
        "path": page_url(dilemma_uri(dilemma.id)),
    }


def dilemmas_json(content: PortalContent) -> str:
    settings = content.settings
    groups = Groups.of(content)
    payload = {
        "$schema": "dilemmas.schema.json",
        "version": DATA_VERSION,
        "publisher": f"{settings.force_name} {settings.panel_name}",
        "licence": {"name": settings.licence_name, "url": settings.licence_url},
        "meetings": [
            {"id": m.id, "date": m.date.isoformat(), "title": m.title or settings.panel_name,
             "subject": m.subject, "start": m.start, "end": m.end,
             "dilemmas": [d.id for d in groups.by_meeting.get(m.id, [])],
             "url": public_url(content, meeting_uri(m.id)), "path": page_url(meeting_uri(m.id))}
            for m in content.records.meetings_newest_first
        ],
        "themes": [
            {"id": t.id, "name": t.name, "description": t.description,
             "url": public_url(content, theme_uri(t.id))}
            for t in content.themes.values()
        ],
        "dilemmas": [dilemma_record(content, d) for d in groups.published],
    }
    return json_document(payload)


def json_document(payload: dict) -> str:
    """JSON with each item of a top-level list on a line of its own: easy to
    read and to compare line by line, and written by the C encoder (``indent``
    would use the pure-Python one, a sizeable part of a large build)."""
    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    parts = []
    for key, value in payload.items():
        if isinstance(value, list) and value:
            items = ",\n".join("    " + dump(item) for item in value)
            parts.append(f"  {dump(key)}: [\n{items}\n  ]")
        else:
            parts.append(f"  {dump(key)}: {dump(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def dilemmas_csv(content: PortalContent) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for dilemma in content.records.published_dilemmas:
        row = dilemma_record(content, dilemma)
        writer.writerow([
            row["id"], _csv_safe(row["title"]), row["status"], row["status_label"], row["meeting"],
            ";".join(row["themes"]),
            ";".join(f"{k}:{p}" for k, v in row["principles"].items() for p in v),
            _csv_safe(row["summary"]), row["first_published"], row["last_updated"], row["url"],
        ])
    return buffer.getvalue()


def _csv_safe(text: str) -> str:
    """Stop spreadsheet programs running a cell as a formula (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


FEED_SIZE = 50
FEED_SUMMARY_CHARS = 400
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """Text safe inside an XML element or a double-quoted attribute."""
    return xml_escape(_XML_INVALID.sub("", str(text)), {'"': "&quot;"})


def _shorten(text: str, limit: int = FEED_SUMMARY_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "\u2026"


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def feed_summary(dilemma: Dilemma) -> str:
    if dilemma.status == "withdrawn":
        return f"Withdrawn. {dilemma.status_reason}".strip()
    return _shorten(dilemma.summary or dict(dilemma.public_sections).get("scenario", ""))


def atom_feed(content: PortalContent) -> str:
    """An Atom feed (RFC 4287) of the newest and most recently updated
    dilemmas. Each entry's id is a tag URI (RFC 4151) made from the dilemma's
    permanent reference, so it stays the same when the site moves or the
    record changes; ``updated`` tells feed readers that it changed."""
    settings = content.settings
    base = settings.site_url or "/"
    dilemmas = sorted(content.records.published_dilemmas,
                      key=lambda d: (d.last_updated, d.id), reverse=True)[:FEED_SIZE]
    updated = max((d.last_updated for d in dilemmas), default=dt.date(2000, 1, 1))
    title = f"{settings.force_name} {settings.panel_name}: dilemmas"
    entries = []
    for d in dilemmas:
        url = public_url(content, dilemma_uri(d.id))
        categories = [(d.status, d.status_info.label)]
        categories += [(t, content.themes[t].name) for t in d.themes if t in content.themes]
        entries.append(
            "  <entry>\n"
            f"    <id>{_xml_text(tag_uri(settings, 'dilemma', d.id))}</id>\n"
            f"    <title>{_xml_text(d.title)}</title>\n"
            f'    <link rel="alternate" type="text/html" href="{_xml_text(url)}"/>\n'
            f"    <published>{_timestamp(d.first_published)}</published>\n"
            f"    <updated>{_timestamp(d.last_updated)}</updated>\n"
            + "".join(f'    <category term="{_xml_text(term)}" label="{_xml_text(label)}"/>\n'
                      for term, label in categories)
            + f"    <summary>{_xml_text(feed_summary(d))}</summary>\n"
            "  </entry>\n"
        )
    rights = f"  <rights>{_xml_text(settings.licence_name)}</rights>\n" if settings.licence_name else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">\n'
        f"  <id>{_xml_text(tag_uri(settings, 'feed', 'dilemmas'))}</id>\n"
        f"  <title>{_xml_text(title)}</title>\n"
        f"  <subtitle>New and updated dilemmas, with the panel's outcomes and the force's "
        f"responses.</subtitle>\n"
        f'  <link rel="self" type="application/atom+xml" href="{_xml_text(base)}feed.xml"/>\n'
        f'  <link rel="alternate" type="text/html" href="{_xml_text(base)}dilemmas/"/>\n'
        f"  <updated>{_timestamp(updated)}</updated>\n"
        f"  <author><name>{_xml_text(settings.panel_name)}</name></author>\n"
        + rights
        + "".join(entries)
        + "</feed>\n"
    )


def tag_uri(settings, kind: str, ident: str) -> str:
    """A stable Atom id that survives a change of host name (RFC 4151): the
    authority is made from the force's short name, the date is fixed."""
    label = re.sub(r"[^a-z0-9]+", "-", settings.force_short_name.lower()).strip("-") or "panel"
    return f"tag:{label}.ethics-panel,2023:{kind}/{ident}"


def data_files(content: PortalContent) -> dict[str, str]:
    """Every machine-readable file: site path -> text."""
    return {
        "data/dilemmas.json": dilemmas_json(content),
        "data/dilemmas.schema.json": dilemmas_schema_json(),
        "data/dilemmas.csv": dilemmas_csv(content),
        "feed.xml": atom_feed(content),
    }
