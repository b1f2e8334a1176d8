"""The portal's settings for one force, read from ``config/portal.yml``.

Everything force-specific (names, contact, colours, data files) lives in that
file so another force can adopt the portal without touching code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem, RecordsInvalid

SETTINGS_FILE = Path("config") / "portal.yml"


@dataclass(frozen=True)
class Settings:
    root: Path
    force_name: str
    force_short_name: str
    oversight_body: str
    panel_name: str
    panel_about: str
    contact_name: str
    contact_url: str
    contact_email: str
    repository_url: str
    records_dir: Path
    themes_file: Path
    principles_file: Path
    anonymisation_dir: Path
    colours: dict = field(default_factory=dict)
    licence_name: str = ""
    licence_url: str = ""
    site_url: str = ""


_REQUIRED = {
    ("force", "name"),
    ("panel", "name"),
    ("panel", "about"),
    ("contact", "name"),
}


def load_settings(root: Path, site_url: str = "") -> Settings:
    """Read ``config/portal.yml`` below ``root`` (the folder of mkdocs.yml)."""
    root = Path(root).resolve()
    path = root / SETTINGS_FILE
    display = str(SETTINGS_FILE)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise RecordsInvalid([Problem(display, 1, "the portal's settings file is missing")])
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        raise RecordsInvalid([Problem(display, line, f"not valid YAML: {getattr(exc, 'problem', exc)}")])
    if not isinstance(data, dict):
        raise RecordsInvalid([Problem(display, 1, "must be a mapping of settings")])

    problems = []
    for section, key in sorted(_REQUIRED):
        value = (data.get(section) or {}).get(key) if isinstance(data.get(section), dict) else None
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(display, 1, f"setting '{section}.{key}' is required"))
    if problems:
        raise RecordsInvalid(problems)

    force, panel = data["force"], data["panel"]
    contact = data.get("contact") or {}
    licence = data.get("licence") or {}
    return Settings(
        root=root,
        force_name=force["name"].strip(),
        force_short_name=str(force.get("short_name") or force["name"]).strip(),
        oversight_body=str(force.get("oversight_body") or "").strip(),
        panel_name=panel["name"].strip(),
        panel_about=" ".join(panel["about"].split()),
        contact_name=contact["name"].strip(),
        contact_url=str(contact.get("url") or "").strip(),
        contact_email=str(contact.get("email") or "").strip(),
        repository_url=str(data.get("repository_url") or "").strip().rstrip("/"),
        records_dir=root / str(data.get("records_dir") or "dilemmas"),
        themes_file=root / str(data.get("themes_file") or "config/themes.yml"),
        principles_file=root / str(data.get("principles_file") or "config/principles.yml"),
        anonymisation_dir=root / str(data.get("anonymisation_dir") or "config/anonymise"),
        colours=dict(data.get("colours") or {}),
        licence_name=str(licence.get("name") or "").strip(),
        licence_url=str(licence.get("url") or "").strip(),
        site_url=site_url.rstrip("/") + "/" if site_url else "",
    )
