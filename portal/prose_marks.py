"""Record prose in the generated pages, marked so that the HTML the site
generator makes of it can be checked against the safe subset (``safety``).

The render stage puts marks into each page's Markdown that carry a number
chosen afresh for every build. The site generator converts each page once;
the build then finds the marks in the page's HTML, checks each record's
stretch with ``safety.check_html(..., rendered=True)`` and removes the marks.
So the build checks the HTML it publishes, and no record is converted twice.

A mark is a *boundary*: the HTML from one boundary to the next is one
record's prose (a boundary naming the record) or the portal's own (an end
boundary). Where the portal already writes an element next to the prose, the
boundary is an attribute of it (``start_attribute``, ``start_heading``,
``end_attribute``): the status note before a dilemma's sections and the
progress list after them, the heading of each item of a panel paper. That
costs the converter nothing; elsewhere the boundary is an HTML comment
(``mark``, ``start_comment``, ``end_comment``), which costs it as much as a paragraph.

A stretch holds all of one record's prose on a page, with the portal's
section headings between (plain headings pass the check) and, where the page
needs them, a few elements of the portal's own: those carry the build's
number in an attribute (``own``), are left out of the check and lose the
attribute afterwards.

A record cannot forge or hide a mark: records may not contain HTML comments
(both layers of ``safety`` refuse them) and cannot know the number. The
boundaries must come back in the page's HTML exactly as they went into its
Markdown, in the same order, or the page is itself a problem: a record that
swallowed a boundary (an unclosed block of raw HTML, say) fails the build
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
_END = "-"  # the value of an end boundary: no record's prose follows it
_COMMENT_OPENING = "<!-- portal-prose "  # then the token, the value and " -->"
_ATTRIBUTE_OPENING = ' data-portal-prose="'  # then the token, the value and '"'
_OWN_OPENING = ' data-portal-own="'  # then the token and '"'
# Any build's marks (token: hex digits), to take them out of a page's Markdown.
_ANY_VALUE = r'[0-9a-f]+ (?:[0-9]+|-)'
_ANY_COMMENT = re.compile(rf"{re.escape(_COMMENT_OPENING)}{_ANY_VALUE} -->\n\n?")
_ANY_HEADING_ATTRIBUTE = re.compile(rf' \{{:{re.escape(_ATTRIBUTE_OPENING)}{_ANY_VALUE}" \}}')
_ANY_ATTRIBUTE = re.compile(rf'{re.escape(_ATTRIBUTE_OPENING)}{_ANY_VALUE}"|{re.escape(_OWN_OPENING)}[0-9a-f]+"')


def without_marks(markdown: str) -> str:
    """A page's Markdown as the public sees it once converted: no marks, no own attributes."""
    return _ANY_ATTRIBUTE.sub("", _ANY_HEADING_ATTRIBUTE.sub("", _ANY_COMMENT.sub("", markdown)))


@dataclass
class ProseMarks:
    """The marks of one build. The ``mark``/``start_*``/``end_*`` methods are
    called while pages are rendered; ``check_page`` for each page's HTML once
    it is converted."""

    token: str = field(default_factory=lambda: secrets.token_hex(8))
    origins: list[str] = field(default_factory=list)  # record paths, by number
    _numbers: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        token = self.token
        # In Markdown, every boundary shows as "<token> <number or ->"; own
        # attributes as "<token>" followed by a quote.
        self._in_markdown = re.compile(rf"{token} ([0-9]+|-)")
        # In HTML: a comment (removed whole) or an attribute (removed from its
        # tag), found by the token: a pattern that starts with it is searched
        # for quickly, where one that starts with either form is tried at every
        # character of the page (half a second at 5,000 records).
        self._in_html = re.compile(rf'{token} ([0-9]+|-)(?: -->\n?|")')
        self._own_attribute = f'{_OWN_OPENING}{token}"'
        self._own_tag = re.compile(rf"<[^<>]*{self._own_attribute}>")

    def _number(self, path: str) -> int:
        number = self._numbers.get(path)
        if number is None:
            number = self._numbers[path] = len(self.origins)
            self.origins.append(path)
        return number

    # -- while rendering ------------------------------------------------------------
    def mark(self, text: str, path: str) -> str:
        """``text`` between two comment boundaries, as a Markdown block of its own
        (where the portal writes no element of its own on either side)."""
        return f"{self.start_comment(path)}\n{text.strip()}\n\n{self.end_comment()}"

    def start_comment(self, path: str) -> str:
        """A block after which the prose of ``path`` follows (where no element
        of the portal's precedes it)."""
        return f"{_COMMENT_OPENING}{self.token} {self._number(path)} -->\n"

    def start_attribute(self, path: str) -> str:
        """For a start tag of the portal's own: the prose of ``path`` follows its element."""
        return f'{_ATTRIBUTE_OPENING}{self.token} {self._number(path)}"'

    def start_heading(self, path: str) -> str:
        """For the end of a Markdown heading of the portal's own (attribute list):
        the prose of ``path`` follows the heading."""
        return f" {{:{self.start_attribute(path)} }}"

    def end_attribute(self) -> str:
        """For a start tag of the portal's own: the prose before it ends there."""
        return f'{_ATTRIBUTE_OPENING}{self.token} {_END}"'

    def end_comment(self) -> str:
        """A block that ends the prose before it (where no element of the portal's follows)."""
        return f"{_COMMENT_OPENING}{self.token} {_END} -->\n"

    def own(self, start_tag: str) -> str:
        """A start tag of the portal's own inside a stretch of prose (``<p class=...>``)."""
        return f"{start_tag[:-1]}{self._own_attribute}>"

    # -- once converted -------------------------------------------------------------
    def check_page(self, html: str, markdown: str, page_path: str,
                   root: Path) -> tuple[str, list[Problem]]:
        """The page's HTML without the marks, and every problem in its marked prose."""
        expected = self._in_markdown.findall(markdown)
        if not expected:
            return html, []
        spans, kept, position = [], [], 0
        for match in self._in_html.finditer(html):
            comment = not match.group(0).endswith('"')
            opening = _COMMENT_OPENING if comment else _ATTRIBUTE_OPENING
            start = match.start() - len(opening)
            if not html.startswith(opening, start):  # the token, but not in a mark the portal wrote
                spans.append(None)
                continue
            spans.append(_boundary_span(html, match.group(1), start, match.end(), comment))
            kept.append(html[position:start])
            position = match.end()
        kept.append(html[position:])
        intact = (None not in spans and [value for value, _, _ in spans] == expected
                  and expected[-1] == _END)
        problems: list[Problem] = []
        if intact:
            for (value, _, stretch_start), (_, stretch_end, _) in zip(spans, spans[1:]):
                if value != _END:
                    stretch = html[stretch_start:stretch_end]
                    if self._own_attribute in stretch:
                        stretch = self._own_tag.sub("", stretch)
                    problems += _problems_in(stretch, self.origins[int(value)], root)
        cleaned = "".join(kept).replace(self._own_attribute, "")
        if not intact or self.token in cleaned:
            # Some prose ran past a boundary: say which records the page shows.
            shown = sorted({self.origins[int(n)] for n in expected if n != _END})
            problems += [Problem(path, 1, f"the record's text on page '{page_path}' could not be told "
                                          "apart from the page around it once converted (is a block "
                                          "of raw HTML or a list left unclosed?)") for path in shown]
        return cleaned, sorted(set(problems))


# A tag as the converter writes the portal's own: every attribute quoted, no
# '<', '>' or '"' inside a value. A boundary attribute counts only in such a tag.
_PORTAL_TAG = re.compile(r'<[a-z][a-z0-9]*(?: [a-z][a-z0-9-]*="[^"<>]*")*>')


def _boundary_span(html: str, value: str, start: int, end: int,
                   comment: bool) -> tuple[str, int, int] | None:
    """(value, where the stretch before it ends, where the stretch after it
    begins) of the mark at ``html[start:end]``, or None where it is not a
    boundary the portal wrote: an attribute outside a well-formed tag (text a
    record's unclosed markup swallowed), or a mark inside a tag still open."""
    if not comment:  # an attribute: the boundary is its whole tag
        start, end = html.rfind("<", 0, start), html.find(">", end) + 1
        if start < 0 or not end or not _PORTAL_TAG.fullmatch(html, start, end):
            return None
    if html.rfind("<", 0, start) > html.rfind(">", 0, start):
        return None
    return value, start, end


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
