"""Record prose in the generated pages, marked so that the HTML the site
generator makes of it can be checked against the safe subset (``safety``).

The render stage inserts each record's prose between two HTML comments that
carry a number chosen afresh for every build. The site generator converts
each page once; the build then finds every marked stretch in the page's HTML,
checks it with ``safety.check_html(..., rendered=True)`` and removes the marks.
So the build checks the HTML it publishes, and no record is converted twice.

A stretch holds all of one record's prose on a page, with the portal's
section headings between (plain headings pass the check) and, where the page
needs them, a few elements of the portal's own: those carry the build's
number in an attribute (``own``), are left out of the check and lose the
attribute afterwards. One stretch per record keeps the marks few: each costs
the converter as much as a paragraph.

A record cannot forge or hide a mark: records may not contain HTML comments
(both layers of ``safety`` refuse them) and cannot know the number. A page
whose marks do not all come back in pairs is itself a problem, so a record
that swallowed a mark (an unclosed block of raw HTML, say) fails the build
instead of escaping the check.

Command-line checks have no site generator: they convert each record
themselves (``safety.check_rendered``), which finds the same problems.
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from .load import read_source
from .problems import Problem
from .safety import check_html, find_line

_PLAIN_LINK_CLASS = "headerlink"  # the permalink the table of contents adds to a heading
# Any build's marks and own attributes (token: 16 hex digits), to take them out.
_ANY_MARK = re.compile(r"<!-- /?portal-prose [0-9a-f]+ [0-9]+ -->\n\n?")
_ANY_OWN_ATTRIBUTE = re.compile(r' data-portal-own="[0-9a-f]+"')


def without_marks(markdown: str) -> str:
    """A page's Markdown as the public sees it once converted: no marks, no own attributes."""
    return _ANY_OWN_ATTRIBUTE.sub("", _ANY_MARK.sub("", markdown))


@dataclass
class ProseMarks:
    """The marks of one build. ``mark`` is called while pages are rendered;
    ``check_page`` for each page's HTML once it is converted."""

    token: str = field(default_factory=lambda: secrets.token_hex(8))
    origins: list[str] = field(default_factory=list)  # record paths, by stretch number
    _numbers: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._opening = f"<!-- portal-prose {self.token} "
        self._stretch = re.compile(rf"<!-- portal-prose {self.token} (\d+) -->(.*?)"
                                   rf"<!-- /portal-prose {self.token} \1 -->\n?", re.DOTALL)
        self._own_attribute = f' data-portal-own="{self.token}"'
        self._own_tag = re.compile(rf"<[^<>]*{self._own_attribute}>")

    def mark(self, text: str, path: str) -> str:
        """``text`` between marks, as a Markdown block of its own; ``path``: its record file."""
        number = self._numbers.get(path)
        if number is None:
            number = self._numbers[path] = len(self.origins)
            self.origins.append(path)
        return (f"<!-- portal-prose {self.token} {number} -->\n\n{text.strip()}\n\n"
                f"<!-- /portal-prose {self.token} {number} -->\n")

    def own(self, start_tag: str) -> str:
        """A start tag of the portal's own inside a stretch of prose (``<p class=...>``)."""
        return f"{start_tag[:-1]}{self._own_attribute}>"

    def check_page(self, html: str, markdown: str, page_path: str,
                   root: Path) -> tuple[str, list[Problem]]:
        """The page's HTML without the marks, and every problem in its marked prose."""
        opened = markdown.count(self._opening)
        if not opened:
            return html, []
        problems: list[Problem] = []
        found = 0
        for match in self._stretch.finditer(html):
            found += 1
            path = self.origins[int(match.group(1))]
            problems += _problems_in(self._own_tag.sub("", match.group(2)), path, root)
        cleaned = self._stretch.sub(r"\2", html).replace(self._own_attribute, "")
        if found != opened or self.token in cleaned:
            # Some prose ran past its end mark: say which records the page shows.
            shown = sorted({self.origins[int(n)] for n in
                            re.findall(rf"portal-prose {self.token} (\d+)", markdown)})
            problems += [Problem(path, 1, f"the record's text on page '{page_path}' could not be told "
                                          "apart from the page around it once converted (is a block "
                                          "of raw HTML or a list left unclosed?)") for path in shown]
        return cleaned, sorted(set(problems))


def _problems_in(html: str, path: str, root: Path) -> list[Problem]:
    issues = check_html(html, rendered=True, allowed_link_classes={_PLAIN_LINK_CLASS})
    if not issues:
        return []
    # Rare: read the record again to point at the line that caused the problem.
    source, _ = read_source(root / path, root, path)
    body_line = source.body_line if source else 1
    body_lines = source.body.split("\n") if source else []
    problems, seen = [], set()
    for issue in issues:
        if issue.message in seen:  # one report of each kind per record
            continue
        seen.add(issue.message)
        line = body_line - 1 + find_line(body_lines, issue.needle)
        problems.append(Problem(path, line, issue.message + " (found in the converted HTML)"))
    return problems
