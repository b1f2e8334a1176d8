"""The text as a reader sees it, for records written (on purpose or not) in a
way the detectors would otherwise read past.

A browser shows ``jane&#64;example.com`` as an email address, draws nothing
for a zero-width space inside "Kw\u200bame", shows ``07700&nbsp;900123`` as a
phone number and drops the backslash of Markdown's ``\\@``; YAML turns
``"\\x40"`` in a double-quoted value into "@". The check reads the text as
shown: `readable()` makes that text, and maps each offset in it back to the
file, so that findings keep the file's own line and column.
"""
from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass

# Characters a page shows as nothing (format characters, joiners, bidi
# controls, variation selectors, the soft hyphen). portal/safety.py drops the
# same ones before comparing record ids.
_INVISIBLE = ("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
              "\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff")
INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
# Spaces other than the ASCII one: patterns written for "07700 900123" expect it.
_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
# Anything that may need rewriting: one character-class search (fast, in C)
# tells most records apart, which need nothing.
_TRIGGER_RE = re.compile(f"[{_INVISIBLE}{_SPACES}&\\\\]")
_HIDDEN_RE = re.compile(
    f"(?P<invisible>[{_INVISIBLE}])"
    f"|(?P<space>[{_SPACES}])"
    r"|(?P<reference>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<code>\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}))"  # YAML's escapes
    r"|(?P<escape>\\[!-/:-@\[-`{-~])"  # Markdown's backslash before punctuation
)


@dataclass(frozen=True)
class Readable:
    """A rewritten text, and where each stretch of it came from.

    `starts[i]` is where stretch i begins in `text` and `origins[i]` where it
    begins in the original; `lengths[i]` is its length in the original, and
    `copied[i]` says whether it is copied unchanged (else it is one rewritten
    piece, such as "@" for "&#64;"). Removed characters have no stretch."""

    text: str
    starts: list[int]
    origins: list[int]
    lengths: list[int]
    copied: list[bool]

    def original_start(self, offset: int) -> int:
        i = bisect.bisect_right(self.starts, offset) - 1
        if self.copied[i]:
            return self.origins[i] + offset - self.starts[i]
        return self.origins[i]

    def original_end(self, offset: int) -> int:
        """Where a span ending (exclusively) at `offset` ends in the original."""
        i = bisect.bisect_right(self.starts, offset - 1) - 1
        if self.copied[i]:
            return self.origins[i] + offset - self.starts[i]
        return self.origins[i] + self.lengths[i]


def _shown(match: re.Match[str]) -> str:
    """What a reader sees in place of the match."""
    kind = match.lastgroup
    token = match.group()
    if kind == "invisible":
        return ""
    if kind == "space":
        return " "
    if kind == "escape":
        return token[1]
    if kind == "code":
        try:
            shown = chr(int(token[2:], 16))
        except (ValueError, OverflowError):
            return token
    else:
        shown = html.unescape(token)
        if shown == token:  # not a reference HTML knows: shown as written
            return token
    if INVISIBLE_RE.fullmatch(shown):
        return ""
    if shown.isspace():
        return " "
    return shown


def readable(text: str) -> Readable | None:
    """The text as shown, or None when it is already (most records)."""
    if _TRIGGER_RE.search(text) is None:
        return None
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    lengths: list[int] = []
    copied: list[bool] = []
    size = 0

    def add(piece: str, origin: int, length: int, unchanged: bool) -> None:
        nonlocal size
        if piece:
            pieces.append(piece)
            starts.append(size)
            origins.append(origin)
            lengths.append(length)
            copied.append(unchanged)
            size += len(piece)

    done = 0
    for match in _HIDDEN_RE.finditer(text):
        shown = _shown(match)
        if shown == match.group():
            continue
        add(text[done:match.start()], done, match.start() - done, True)
        add(shown, match.start(), match.end() - match.start(), False)
        done = match.end()
    if done == 0:  # nothing that needed rewriting
        return None
    add(text[done:], done, len(text) - done, True)
    if not pieces:  # the whole text was invisible
        return Readable("", [0], [0], [len(text)], [False])
    return Readable("".join(pieces), starts, origins, lengths, copied)
