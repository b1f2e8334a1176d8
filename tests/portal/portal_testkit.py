"""Fixture records and sites shared by the portal's page tests and browser
tests. Every record here is plainly fictional (meetings in 2024 and 2099)."""
from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path

import yaml

from sitekit import BuildResult, build, make_site

# Text that must never reach the public site: a draft, an outcome that is not
# approved yet, and a force response drafted before the record is closed.
DRAFT_TEXT = "fictional draft wording that stays private"
UNAPPROVED_OUTCOME = "fictional outcome wording awaiting approval"
UNPUBLISHED_RESPONSE = "fictional response wording awaiting closure"

MEETING_2024 = """\
---
type: meeting
date: 2024-06-11
start: "14:00"
end: "16:00"
title: Ethics and Transparency Panel
subject: Fictional test dilemmas
report_of: Chief Constable
author_role: Head of Professional Standards
purpose: >-
  The purpose of this fictional report is to seek members' views on the
  scenarios in the appendix.
recommendations: >-
  It is recommended that members discuss the fictional scenarios.
appendices:
  - Appendix A – Fictional scenarios
---

## Commentary

A fictional commentary used only by the tests.
"""

MEETING_2099 = """\
---
type: meeting
date: 2099-01-15
start: "10:00"
end: "12:00"
subject: A fictional future meeting
status: scheduled
---

A fictional meeting that has not happened yet.
"""


def _dilemma(record_id: str, title: str, status: str, front: str, body: str) -> str:
    return (f"---\ntype: dilemma\nid: {record_id}\ntitle: {title}\nstatus: {status}\n"
            f"meeting: 2024-06-11\n{front}---\n\n{body}")


CLOSED = _dilemma(
    "2024-001", "Sharing body-worn video footage with a community group", "closed",
    "themes: [community-trust]\n"
    "principles: {code_of_ethics: [courage], nolan: [openness]}\n"
    "summary: Whether to show unredacted footage to a community group to rebuild trust.\n"
    "outcome_approved: 2024-07-02\nresponse_date: 2024-09-10\n",
    "## Scenario\n\nA fictional community group asks to see footage of an arrest. "
    "Showing it might rebuild trust but could expose bystanders.\n\n"
    "## Questions for the panel\n\nShould the footage be shown, and on what terms?\n\n"
    "## Panel outcome\n\nThe panel advised showing a redacted version with an independent "
    "observer present.\n\n"
    "## Force response\n\nThe force agreed and wrote a protocol for community viewings.\n\n"
    "## Follow-up\n\nThe protocol was reviewed after six months and kept.\n")

OUTCOME_PUBLISHED = _dilemma(
    "2024-002", "A supervisor asked to overlook a colleague's minor dishonesty", "outcome-published",
    "themes: [integrity-and-conflicts]\noutcome_approved: 2024-07-02\n",
    "## Scenario\n\nA fictional supervisor learns that a colleague rounded up overtime claims.\n\n"
    "## Questions for the panel\n\nWhat should the supervisor do?\n\n"
    "## Panel outcome\n\nThe panel advised that the claims be corrected and the matter recorded.\n\n"
    f"## Force response\n\n{UNPUBLISHED_RESPONSE}.\n")

DISCUSSED = _dilemma(
    "2024-003", "Using a drone over a protest camp", "discussed",
    "themes: [public-order-and-protest]\n",
    "## Scenario\n\nA fictional protest camp has been set up on open land. Officers want to "
    "use a drone to watch for disorder.\n\n"
    "## Questions for the panel\n\nIs filming the camp proportionate?\n\n"
    f"## Panel outcome\n\n{UNAPPROVED_OUTCOME}.\n")

WITHDRAWN = _dilemma(
    "2024-004", "A withdrawn fictional dilemma", "withdrawn",
    "themes: [custody]\nstatus_reason: Withdrawn at the submitter's request before the meeting.\n",
    "## Scenario\n\nA fictional scenario that was withdrawn from the agenda.\n")

DRAFT = _dilemma(
    "2024-005", "A draft that is never published", "draft", "",
    f"## Scenario\n\n{DRAFT_TEXT}.\n")

SPECIAL_TITLE = _dilemma(
    "2024-006", "'Sharing \"quotes\" & claims online, and why a < b matters'", "for-discussion",
    "themes: [social-media]\n",
    "## Scenario\n\nA fictional officer reposts a claim online with the word "
    "zebracrossing in it.\n\n## Questions for the panel\n\nWhat should happen?\n")

FICTIONAL_RECORDS = {
    "2024-06-11/meeting.md": MEETING_2024,
    "2024-06-11/2024-001.md": CLOSED,
    "2024-06-11/2024-002.md": OUTCOME_PUBLISHED,
    "2024-06-11/2024-003.md": DISCUSSED,
    "2024-06-11/2024-004.md": WITHDRAWN,
    "2024-06-11/2024-005.md": DRAFT,
    "2024-06-11/2024-006.md": SPECIAL_TITLE,
    "2099-01-15/meeting.md": MEETING_2099,
}

# The site is served below this folder, as on a host with a path prefix
# (site_url https://example.org/ethics-panel/), so the 404 page's absolute
# links work when served locally.
SITE_PREFIX = "ethics-panel"


def build_portal_site(base: Path, records: dict | None = None, *, real_records: bool = True,
                      settings: dict | None = None) -> BuildResult:
    """The real records plus the fictional ones, built strictly into
    ``base/serve/ethics-panel``. Fails the calling test if the build fails."""
    root = make_site(base, FICTIONAL_RECORDS if records is None else records,
                     real_records=real_records, settings=settings)
    site_dir = base / "serve" / SITE_PREFIX
    result = build(root, site_dir=site_dir)
    assert result.ok, result.output
    return result


_SHARED: dict[str, BuildResult] = {}


def shared_portal_site(tmp_path_factory) -> BuildResult:
    """The default fixture site, built once per test process and shared by
    the page tests and the browser tests."""
    if "site" not in _SHARED:
        _SHARED["site"] = build_portal_site(tmp_path_factory.mktemp("portal-site"))
    return _SHARED["site"]


# -- many records, for the page-weight test ---------------------------------------------
_WORDS = ("officer", "supervisor", "community", "footage", "message", "group", "record",
          "search", "custody", "protest", "phone", "account", "colleague", "claim", "video")


def many_records(count: int, theme_ids: list[str], *, per_meeting: int = 25) -> dict[str, str]:
    """``count`` published, plainly fictional dilemmas with realistic title and
    summary lengths (what the explorer lists), spread over meetings and years.
    Their bodies are short: only the list's weight is measured."""
    records: dict[str, str] = {}
    statuses = ("for-discussion", "discussed", "outcome-published", "closed")
    numbers: dict[int, int] = {}
    first = dt.date(2010, 1, 12)
    for index in range(count):
        date = first + dt.timedelta(days=56 * (index // per_meeting))
        folder = date.isoformat()
        if index % per_meeting == 0:
            records[f"{folder}/meeting.md"] = (
                f"---\ntype: meeting\ndate: {folder}\nsubject: Fictional dilemmas\n---\n\n"
                "A fictional meeting.\n")
        numbers[date.year] = numbers.get(date.year, 0) + 1
        record_id = f"{date.year}-{numbers[date.year]:03d}"
        status = statuses[index % len(statuses)]
        words = " ".join(_WORDS[(index + k) % len(_WORDS)] for k in range(5))
        extra = ""
        body = (f"## Scenario\n\nA fictional {words} scenario.\n\n"
                "## Questions for the panel\n\nWhat should be done?\n")
        if status in ("outcome-published", "closed"):
            extra += f"outcome_approved: {(date + dt.timedelta(days=14)).isoformat()}\n"
            body += "\n## Panel outcome\n\nA fictional outcome.\n"
        if status == "closed":
            extra += f"response_date: {(date + dt.timedelta(days=40)).isoformat()}\n"
            body += "\n## Force response\n\nA fictional response.\n"
        themes = sorted({theme_ids[index % len(theme_ids)], theme_ids[(index * 7 + 3) % len(theme_ids)]})
        records[f"{folder}/{record_id}.md"] = (
            f"---\ntype: dilemma\nid: {record_id}\n"
            f"title: A fictional dilemma about a {words} and what the force should do next\n"
            f"status: {status}\nmeeting: {folder}\nthemes: [{', '.join(themes)}]\n"
            f"summary: A fictional summary of about two hundred characters that says what the "
            f"{words} dilemma is about, what the panel was asked and why it matters to the public.\n"
            f"{extra}---\n\n{body}")
    return records


def theme_ids_of(repo: Path) -> list[str]:
    data = yaml.safe_load((repo / "config" / "themes.yml").read_text(encoding="utf-8"))
    return [theme["id"] for theme in data["themes"]]


# -- reading built pages --------------------------------------------------------------
def article(html: str) -> str:
    """The page's main content (what MkDocs rendered from Markdown plus the
    theme's title and tags), without header, navigation and footer."""
    match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
    assert match, "the page has no main content"
    return match.group(1)


def text_of(html: str) -> str:
    """Visible text, tags removed and whitespace collapsed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', " ", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
