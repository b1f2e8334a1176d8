"""Hostile-input checks for records: no active content, no look-alike ids.

Records arrive through pull requests from many hands, and their Markdown is
published as HTML. These pure functions decide what a record may contain;
the validator turns what they find into ``path:line: message`` problems.

What a record may contain (the documented safe subset):

* Markdown, including tables, definition lists and admonitions.
* Raw HTML only from ``ALLOWED_TAGS``, with only the attributes in
  ``ALLOWED_ATTRIBUTES`` (no ``id``, ``name``, ``class`` or ``style``: they
  could disguise a record as part of the site or clobber the site's scripts).
* Links (Markdown or HTML) only to ``http:``, ``https:`` and ``mailto:``
  addresses or to relative paths; images only from relative paths, so that
  no visitor's browser is sent to another site.

Everything else is an error: ``<script>``, ``<iframe>``, ``<object>``,
``<embed>``, ``<style>``, ``<link>``, ``<meta>``, ``<form>``, ``<base>``,
``<svg>``, ``<math>``, event handlers (``onclick=``), ``style=``, HTML
comments (they are published in the page source, where no reviewer reads
them), attribute lists that set anything but a few harmless attributes, and
``javascript:``, ``vbscript:``, ``data:`` or any other address scheme however
it is disguised (mixed case, character references, spaces or control
characters inside the scheme).

Two layers find these. The source scan reads the record as written and gives
exact lines. The rendered check inspects the HTML that Python-Markdown makes
of the body, so a trick that fools the source scan is still caught; its line
is found by searching the source, or is the first line of the body. The
command-line checks convert each record themselves (``check_rendered``, with
the site's extensions); the build checks the HTML of the pages it publishes
instead (``prose_marks``), so that no record is converted twice.
"""
from __future__ import annotations

import bisect
import functools
import html
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Invisible characters make two ids differ without looking different; the
# anonymisation check drops the same ones to read a record as shown.
from .anonymise.readable import INVISIBLE_RE
from .problems import Problem

# -- the safe subset ---------------------------------------------------------------
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q",
    "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
GLOBAL_ATTRIBUTES = frozenset({"title", "lang", "dir", "markdown"})  # markdown: md_in_html
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "blockquote": frozenset({"cite"}), "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}), "ins": frozenset({"cite", "datetime"}),
    "time": frozenset({"datetime"}),
    "td": frozenset({"colspan", "rowspan", "headers"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "abbr"}),
    "col": frozenset({"span"}), "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "reversed", "type"}), "li": frozenset({"value"}),
    "details": frozenset({"open"}),
}
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# Attribute lists ({: ... }) may set only these: ids and classes would let a
# record pose as part of the site, anything else could carry behaviour.
ATTRIBUTE_LIST_KEYS = frozenset({"title", "lang", "dir", "alt", "width", "height"})

# What Python-Markdown itself adds to converted HTML, allowed only in the
# rendered check: heading ids (toc), admonition classes, table alignment.
_GENERATED_TAGS = frozenset({"h1", "h2"})
_ADMONITION_CLASSES = frozenset({
    "admonition", "admonition-title", "note", "abstract", "summary", "tldr", "info", "todo",
    "tip", "hint", "important", "success", "check", "done", "question", "help", "faq",
    "warning", "caution", "attention", "failure", "fail", "missing", "danger", "error",
    "bug", "example", "quote", "cite",
})
_TABLE_ALIGN = re.compile(r"^text-align: (left|right|center);$")
_STACK_MARGIN = 150
MARKDOWN_EXTENSIONS = ("toc", "attr_list", "md_in_html", "tables", "def_list", "admonition")

_DANGER_REASONS = {
    "script": "it would run code in readers' browsers",
    "iframe": "it would embed another page", "frame": "it would embed another page",
    "frameset": "it would embed another page",
    "object": "it would embed active content", "embed": "it would embed active content",
    "applet": "it would embed active content",
    "style": "it would restyle the whole site", "link": "it would load files from elsewhere",
    "meta": "it could redirect readers or change how the page is read",
    "base": "it would redirect every link on the page",
    "form": "it could collect readers' data", "input": "it could collect readers' data",
    "button": "it could collect readers' data", "textarea": "it could collect readers' data",
    "select": "it could collect readers' data",
    "svg": "SVG can carry scripts", "math": "MathML can carry scripts",
    "template": "it can smuggle markup past checks", "noscript": "it can smuggle markup past checks",
}


@dataclass(frozen=True)
class Issue:
    """Something unsafe, at a 1-based line of the text that was checked."""

    line: int
    message: str
    # Text to look for in the source when the line is not known (rendered check).
    needle: str = field(default="", compare=False)


# -- addresses -----------------------------------------------------------------------
# Characters a browser ignores or strips inside a URL, plus invisible ones that
# would hide a scheme from a reviewer; all are removed before the scheme is read.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f-\x9f\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u180e"
                        r"\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufeff\uffa0]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def _decode_references(value: str) -> str:
    """Character references decoded until nothing changes (a browser decodes
    once; decoding more often can only find more, never less)."""
    for _ in range(4):
        decoded = html.unescape(value)
        if decoded == value:
            break
        value = decoded
    return value


def url_problem(url: str, *, image: bool = False) -> str | None:
    """Why ``url`` may not appear in a record, or None when it may."""
    cleaned = _URL_NOISE.sub("", _decode_references(url)).replace("\\", "/")
    cleaned = unicodedata.normalize("NFKC", cleaned).lower()
    match = _SCHEME.match(cleaned)
    if match and match.group(1) not in SAFE_SCHEMES:
        scheme = match.group(1)
        why = "it would run code" if scheme in ("javascript", "vbscript", "livescript") else (
            "it can carry code or files" if scheme == "data" else "only http, https and mailto "
                                                                 "addresses are allowed")
        return f"a '{scheme}:' address is not allowed ({why})"
    if image and (match or cleaned.startswith("//")):
        return ("an image must be a file in the records folder: one from another site would "
                "send every reader's browser there")
    return None


# -- HTML ------------------------------------------------------------------------------
class _HtmlChecker(HTMLParser):
    """Collects issues in HTML. ``rendered`` allows what Python-Markdown adds."""

    def __init__(self, rendered: bool = False, allowed_link_classes: frozenset[str] = frozenset()):
        super().__init__(convert_charrefs=False)
        self.rendered = rendered
        self.allowed_link_classes = allowed_link_classes
        self.issues: list[Issue] = []

    def add(self, message: str, needle: str = "") -> None:
        self.issues.append(Issue(self.getpos()[0], message, needle))

    def handle_starttag(self, tag, attrs):
        self.check_element(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self.check_element(tag, attrs)

    def check_element(self, tag: str, attrs) -> None:
        allowed = tag in ALLOWED_TAGS or (self.rendered and tag in _GENERATED_TAGS)
        if not allowed:
            reason = _DANGER_REASONS.get(tag, "only a small set of formatting elements is allowed")
            self.add(f"HTML element <{_shown(tag)}> is not allowed in a record: {reason}",
                     needle=f"<{tag}")
            return
        permitted = GLOBAL_ATTRIBUTES | ALLOWED_ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.add(f"event-handler attribute '{_shown(name)}' on <{tag}> is not allowed: "
                         "it would run code in readers' browsers", needle=name)
            elif name == "style":
                if not (self.rendered and tag in ("th", "td") and _TABLE_ALIGN.match(value)):
                    self.add(f"'style' attribute on <{tag}> is not allowed: records may not "
                             "restyle or cover the page", needle="style")
            elif name in ("id", "name"):
                if self.rendered and tag.startswith("h"):
                    if value.startswith("_"):
                        self.add("a heading may not start with '_': its anchor would clash with "
                                 "the site's own elements", needle=value.lstrip("_")[:20])
                else:
                    self.add(f"'{name}' attribute on <{tag}> is not allowed: it could clash with "
                             "the site's own elements", needle=name)
            elif name == "class":
                if tag == "a" and value in self.allowed_link_classes and \
                        (dict(attrs).get("href") or "").startswith("#"):
                    continue  # a permalink the site's converter adds to a heading
                if not (self.rendered and set(value.split()) <= _ADMONITION_CLASSES):
                    self.add(f"'class' attribute on <{tag}> is not allowed: it could make a record "
                             "look like part of the site", needle=value.split()[-1] if value.split() else "")
            elif name not in permitted:
                self.add(f"attribute '{_shown(name)}' on <{tag}> is not allowed", needle=name)
            elif name in URL_ATTRIBUTES:
                problem = url_problem(value, image=(tag == "img" and name == "src"))
                if problem:
                    self.add(f"<{tag} {name}>: {problem}", needle=value.strip()[:12])

    def handle_comment(self, data):
        self.add("HTML comments are not allowed: they are published in the page source, "
                     "where no reviewer reads them")

    def handle_decl(self, decl):
        self.add("HTML declarations (<!...>) are not allowed in a record")

    def unknown_decl(self, data):
        self.add("HTML declarations (<![...]>) are not allowed in a record")

    def handle_pi(self, data):
        self.add("processing instructions (<?...>) are not allowed in a record")

    def handle_data(self, data):
        # html.parser hands back what it could not read as a tag as text; a
        # browser might still read it as one.
        if re.search(r"<[A-Za-z/!?]", data):
            self.add("unfinished HTML tag: close it with '>' or write '&lt;' for a '<' sign",
                     needle="<")


# Most converted prose is plain text in elements of the safe subset written
# with no attributes, plus (in converted HTML) headings with their anchors and
# permalinks. Once those are taken out, text with no '<' left cannot hold any
# issue, so the parser is not needed (the build checks tens of thousands of
# stretches of prose). Anything else takes the parser's path.
_BARE_TAG = re.compile("</?(?:" + "|".join(sorted(ALLOWED_TAGS, key=len, reverse=True)) + ")>")
_HEADING_WITH_ANCHOR = re.compile(r'<h[1-6] id="[A-Za-z0-9][\w-]*">|</h[12]>')
_PERMALINK = re.compile(r'<a class="(?P<css>[\w-]+)" href="#[\w-]+" title="[^"<>&]*">')


def _plainly_safe(text: str, rendered: bool, allowed_link_classes) -> bool:
    rest = _BARE_TAG.sub("", text)
    if "<" in rest and rendered:
        rest = _HEADING_WITH_ANCHOR.sub("", rest)
        if allowed_link_classes:
            rest = _PERMALINK.sub(lambda m: "" if m.group("css") in allowed_link_classes else m.group(0), rest)
    return "<" not in rest


def check_html(text: str, *, rendered: bool = False,
               allowed_link_classes: frozenset[str] | set[str] = frozenset()) -> list[Issue]:
    """Issues in an HTML (or Markdown with raw HTML) text, by line of ``text``.
    ``allowed_link_classes``: classes the site's converter puts on in-page links
    (a heading's permalink), allowed only there."""
    if _plainly_safe(text, rendered, allowed_link_classes):
        return []
    return parse_html_issues(text, rendered=rendered, allowed_link_classes=allowed_link_classes)


def parse_html_issues(text: str, *, rendered: bool = False,
                      allowed_link_classes: frozenset[str] | set[str] = frozenset()) -> list[Issue]:
    """``check_html`` always through the parser (the reference for its fast path)."""
    checker = _HtmlChecker(rendered=rendered, allowed_link_classes=frozenset(allowed_link_classes))
    try:
        checker.feed(text)
        checker.close()
    except Exception as exc:  # html.parser is lenient; anything it cannot take fails closed
        checker.issues.append(Issue(1, f"the HTML in this record cannot be read safely ({type(exc).__name__})"))
    return checker.issues


def _shown(name: str) -> str:
    name = "".join(c if c.isprintable() else "?" for c in name)
    return name if len(name) <= 30 else name[:27] + "..."


# -- Markdown --------------------------------------------------------------------------
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*)>")
_EMAIL_AUTOLINK = re.compile(r"<(?:mailto:)?[^\s<>@/]+@[^\s<>@/]+>")
_REFERENCE = re.compile(r"^[ ]{0,3}\[([^\[\]\n]+)\]:[ \t]*\n?[ \t]*(<[^>\n]*>|\S+)", re.MULTILINE)
_ATTRIBUTE_TOKEN = re.compile(r"""[^ =}\n]+="[^"\n]*"|[^ =}\n]+='[^'\n]*'|[^ =}\n]+=[^ =}\n]+|[^ =}\n]+""")


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


class _Lines:
    """Line numbers of offsets in one text, found by bisection (a record may hold
    thousands of links)."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, index: int) -> int:
        return bisect.bisect_right(self.starts, index)


def _link_destination(text: str, start: int) -> str:
    """Everything between an inline link's '(' (just before ``start``) and its
    balancing ')': the destination and any title. Spaces are kept; the address
    check ignores them, as browsers ignore tabs and newlines inside a URL."""
    depth, index, limit = 0, start, min(len(text), start + 512)
    while index < limit:
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        elif char == "\n" and text.startswith("\n", index + 1):
            break  # a blank line ends the paragraph, and the link with it
        index += 1
    destination = text[start:index].strip()
    if destination.startswith("<") and ">" in destination:
        destination = destination[1:destination.index(">")]
    return destination.replace("\\", "")


def _is_image(text: str, bracket_close: int) -> bool:
    """Whether the link text ending at ``bracket_close`` (a ']') opens with '!['."""
    depth = 0
    for index in range(bracket_close, max(-1, bracket_close - 2000), -1):
        char = text[index]
        if char == "]" and (index == 0 or text[index - 1] != "\\"):
            depth += 1
        elif char == "[" and (index == 0 or text[index - 1] != "\\"):
            depth -= 1
            if depth == 0:
                return index > 0 and text[index - 1] == "!"
    return False


def check_markdown_source(text: str) -> list[Issue]:
    """Issues in Markdown as written, by line of ``text`` (exact lines)."""
    issues: list[Issue] = []
    # Inline code is shown as text, never run: blank it, keeping every line.
    scan = _CODE_SPAN.sub(_blank, text)
    lines = _Lines(scan)

    for match in _AUTOLINK.finditer(scan):
        problem = url_problem(match.group(1))
        if problem:
            issues.append(Issue(lines.at(match.start()), f"link <...>: {problem}"))
    scan = _AUTOLINK.sub(_blank, scan)
    scan = _EMAIL_AUTOLINK.sub(_blank, scan)

    references: dict[str, str] = {}
    for match in _REFERENCE.finditer(scan):
        destination = match.group(2)
        if destination.startswith("<") and destination.endswith(">"):
            destination = destination[1:-1]
        references[match.group(1).strip().lower()] = destination
        problem = url_problem(destination)
        if problem:
            issues.append(Issue(lines.at(match.start(2)),
                                f"link reference [{_shown(match.group(1))}]: {problem}"))

    for match in re.finditer(r"\]\(", scan):
        destination = _link_destination(scan, match.end())
        image = _is_image(scan, match.start())
        problem = url_problem(destination, image=image)
        if problem:
            what = "image" if image else "link"
            issues.append(Issue(lines.at(match.start()), f"{what}: {problem}"))

    # Images by reference: ![alt][ref], ![ref][] and ![ref].
    for match in re.finditer(r"!\[([^\]\n]*)\](?:\[([^\]\n]*)\])?", scan):
        label = (match.group(2) or match.group(1)).strip().lower()
        if label in references:
            problem = url_problem(references[label], image=True)
            if problem and "image" in problem:
                issues.append(Issue(lines.at(match.start()), f"image: {problem}"))

    blanked = list(scan)
    for match in re.finditer(r"\{:?", scan):
        # Read tokens as attr_list does: up to the first '}' outside quotes.
        tokens, position = [], match.end()
        while position < len(scan):
            if scan[position] == " ":
                position += 1
                continue
            token = _ATTRIBUTE_TOKEN.match(scan, position)
            if not token:
                break
            tokens.append(token.group(0))
            position = token.end()
        risky = [t for t in tokens if "=" in t or re.match(r"[#.][^#.]", t)]  # not "{...}"
        line = lines.at(match.start())
        for token in risky:
            key = token.split("=", 1)[0]
            if token.startswith("#"):
                issues.append(Issue(line, "attribute list sets an id ({: #...}): records may not; "
                                          "it could clash with the site's own elements"))
            elif token.startswith("."):
                issues.append(Issue(line, "attribute list sets a class ({: .name}): records may "
                                          "not; it could make a record look like part of the site"))
            elif key.lower() not in ATTRIBUTE_LIST_KEYS:
                reason = ("it would run code in readers' browsers" if key.lower().startswith("on")
                          else "attribute lists may set only " + ", ".join(sorted(ATTRIBUTE_LIST_KEYS)))
                issues.append(Issue(line, f"attribute list sets '{_shown(key)}': {reason}"))
        if risky:  # its values are not HTML: keep them out of the HTML scan
            blanked[match.start():position + 1] = [
                c if c == "\n" else " " for c in scan[match.start():position + 1]]
    scan = "".join(blanked)

    for match in _UNCLOSED_TAG.finditer(scan):
        issues.append(Issue(lines.at(match.start()), "unfinished HTML tag: close it with '>' or "
                                                     "write '&lt;' for a '<' sign"))
    scan = _UNCLOSED_TAG.sub(_blank, scan)
    for match in re.finditer(r"^ {0,3}#{1,6}[ \t]+_", scan, re.MULTILINE):
        issues.append(Issue(lines.at(match.start()), "a heading may not start with '_': its anchor "
                                                     "would clash with the site's own elements"))

    issues += check_html(scan)
    return issues


def check_rendered(text: str, extensions=MARKDOWN_EXTENSIONS) -> list[Issue]:
    """Issues in the HTML that Python-Markdown makes of ``text``. Lines are found by
    searching ``text`` for what was flagged; 1 when it cannot be found."""
    # Run with less stack than the build will have when it renders the page, so
    # a record that only just converts here cannot crash the build later.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit - _STACK_MARGIN, 200))
    try:
        converted = _converter(tuple(extensions)).reset().convert(text)
    except RecursionError:
        return [Issue(find_line(text.split("\n"), ""), "the Markdown converter cannot read this record: lists, quotes or "
                         "definitions are nested too deeply or run on too long")]
    except Exception as exc:  # a record that breaks the converter is not published
        return [Issue(find_line(text.split("\n"), ""), f"the record's Markdown cannot be converted ({type(exc).__name__})")]
    finally:
        sys.setrecursionlimit(limit)
    issues = []
    lines = text.split("\n")
    for issue in check_html(converted, rendered=True):
        issues.append(Issue(find_line(lines, issue.needle), issue.message))
    return issues


@functools.lru_cache(maxsize=4)
def _converter(extensions: tuple[str, ...]):
    """One Python-Markdown converter per set of extensions, reused (reset) for
    every record: building one costs more than converting a record."""
    import markdown  # only here: the rest of this module needs nothing outside the stdlib

    return markdown.Markdown(extensions=list(extensions))


def find_line(lines: list[str], needle: str) -> int:
    """The first line holding ``needle``, else the first line with any text."""
    needle = needle.strip().lower()
    if needle:
        for number, line in enumerate(lines, start=1):
            if needle in line.lower():
                return number
    return next((number for number, line in enumerate(lines, start=1) if line.strip()), 1)


# Limits that keep Python-Markdown (and these checks) quick. It reads an
# unclosed '[' or '<', or brackets nested inside brackets, by scanning the
# rest of the paragraph, so a hostile record of them would stall the build for
# hours; very deep lists or quotes crash it. Real records stay far below.
MAX_PARAGRAPH_CHARS = 12_000
MAX_SIGNS = {"[": 3000, "<": 3000, "{": 300, "`": 3000}
MAX_OPEN_PER_PARAGRAPH = 20  # unclosed '[' or '<', and '[' nested inside '['
MAX_HEADINGS = 100
MAX_QUOTE_DEPTH = 10
MAX_INDENT = 64
# Python-Markdown reads a run of definitions ("Term" then ": definition") by
# recursion, one level or two per definition: 500 in a row exhaust Python's
# stack. The build converts each page only once, so this limit, not a trial
# conversion, keeps such a record from crashing it.
MAX_DEFINITIONS = 150
_DEFINITION_LINE = re.compile(r"^ {0,3}:[ \t]", re.MULTILINE)
_UNCLOSED_TAG = re.compile(r"<[A-Za-z/!?][^<>]*(?=<|$)")


def check_structure(text: str) -> list[Issue]:
    """Issues with the size and shape of ``text`` that would make converting it slow
    or crash the converter. Linear in the length of the text."""
    issues: list[Issue] = []
    for sign, limit in MAX_SIGNS.items():
        count = text.count(sign)
        if count > limit:
            first = text.find(sign, 0)
            issues.append(Issue(text.count("\n", 0, first) + 1,
                                f"the record has {count:,} '{sign}' signs; at most {limit:,} are "
                                "allowed (more would stall the build)"))
    definitions = _DEFINITION_LINE.findall(text)
    if len(definitions) > MAX_DEFINITIONS:
        first = _DEFINITION_LINE.search(text).start()
        issues.append(Issue(text.count("\n", 0, first) + 1,
                            f"the Markdown converter cannot read this record: it has "
                            f"{len(definitions):,} definitions (lines starting with ':'); at most "
                            f"{MAX_DEFINITIONS} are allowed"))
    headings = 0
    reported: set[str] = set()  # each kind of deep nesting is reported once
    paragraph: list[str] = []
    paragraph_start = 1
    lines = text.split("\n")
    for number, line in enumerate(lines + [""], start=1):
        stripped = line.strip()
        if not stripped:
            if paragraph:
                issues += _paragraph_shape(paragraph_start, "\n".join(paragraph))
            paragraph = []
            continue
        if not paragraph:
            paragraph_start = number
        paragraph.append(line)
        if stripped.startswith("#"):
            headings += 1
            if headings == MAX_HEADINGS + 1:
                issues.append(Issue(number, f"the record has more than {MAX_HEADINGS} headings"))
        depth = len(re.match(r"[> \t]*", line).group(0).replace(" ", "").replace("\t", ""))
        if depth > MAX_QUOTE_DEPTH and "quote" not in reported:
            reported.add("quote")
            issues.append(Issue(number, f"quotes are nested {depth} deep; at most "
                                        f"{MAX_QUOTE_DEPTH} levels are allowed"))
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        if indent > MAX_INDENT and "indent" not in reported:
            reported.add("indent")
            issues.append(Issue(number, f"the line is indented by {indent} spaces; at most "
                                        f"{MAX_INDENT} are allowed (lists nested this deep cannot "
                                        "be converted)"))
    return issues[:20]


def _paragraph_shape(start: int, paragraph: str) -> list[Issue]:
    if len(paragraph) > MAX_PARAGRAPH_CHARS:
        return [Issue(start, f"the paragraph starting here is {len(paragraph):,} characters long; "
                             f"at most {MAX_PARAGRAPH_CHARS:,} are allowed: split it with blank lines")]
    depth = deepest = 0
    for char in re.findall(r"(?<!\\)[\[\]]", paragraph):
        if char == "[":
            depth += 1
            deepest = max(deepest, depth)
        elif depth:
            depth -= 1
    unclosed_tags = len(_UNCLOSED_TAG.findall(paragraph))
    if max(deepest, depth, unclosed_tags) > MAX_OPEN_PER_PARAGRAPH:
        return [Issue(start, "the paragraph starting here has too many unclosed or nested '[' "
                             f"or '<' signs (at most {MAX_OPEN_PER_PARAGRAPH}); more would stall "
                             "the build")]
    return []


def check_body(text: str, *, convert: bool = True) -> list[Issue]:
    """Both layers, after the shape checks that keep them quick. The rendered
    check speaks only when the source scan found nothing, so an editor is not
    told the same thing twice. ``convert=False`` leaves the rendered check to a
    caller that checks the HTML it publishes (``prose_marks``)."""
    issues = check_structure(text)
    if issues:
        return issues
    issues = check_markdown_source(text)
    if issues or not convert:
        return issues
    seen = set()
    for issue in check_rendered(text):
        if issue.message not in seen:
            issues.append(Issue(issue.line, issue.message + " (found in the converted HTML)"))
            seen.add(issue.message)
    return issues


# -- front matter -------------------------------------------------------------------------
_TAG_OPEN = re.compile(r"<[A-Za-z/!?]")
_UNRENDERED_KEYS = frozenset({"anonymisation_exceptions"})  # read by the check, never published
_MAX_WALK = 10_000


def check_front_matter(meta: dict, line_of) -> list[Issue]:
    """Issues in front-matter values. Every value is shown as plain text, but the
    theme puts titles and summaries into the page head without escaping them, so
    nothing that reads as an HTML tag may appear. ``line_of(key, item)`` gives lines."""
    issues: list[Issue] = []
    budget = [_MAX_WALK]

    def walk(value, key, item, depth):
        budget[0] -= 1
        if budget[0] < 0 or depth > 20:
            return
        if isinstance(value, str):
            if _TAG_OPEN.search(value):
                issues.append(Issue(line_of(key, item), f"'{key}' contains HTML ('<' followed by a "
                                    "letter); front-matter values are plain text"))
        elif isinstance(value, dict):
            for sub_key, sub_value in value.items():
                walk(sub_value, key, item if item is not None else sub_key, depth + 1)
                if key == "papers" and sub_key == "url" and isinstance(sub_value, str):
                    if re.search(r"[\s<>\"'`\\]", sub_value.strip()) or url_problem(sub_value):
                        issues.append(Issue(line_of(key, item), f"'{key}' url must be a plain "
                                            "https:// address without spaces, quotes or '<>'"))
        elif isinstance(value, (list, tuple)):
            for index, sub_value in enumerate(value):
                walk(sub_value, key, item if item is not None else index, depth + 1)

    if isinstance(meta, dict):
        for key, value in meta.items():
            if isinstance(key, str) and key not in _UNRENDERED_KEYS:
                walk(value, key, None, 0)
    return issues


def check_source(source, *, convert: bool = True) -> list[Problem]:
    """Every safety problem in one loaded record (a ``load.SourceFile``), with file
    lines. ``convert``: as for ``check_body``."""
    def line_of(key, item=None):
        if item is not None and (key, item) in source.item_lines:
            return source.item_lines[(key, item)]
        return source.line_of(key)

    problems = [Problem(source.path, issue.line, issue.message)
                for issue in check_front_matter(source.meta, line_of)]
    offset = source.body_line - 1
    problems += [Problem(source.path, issue.line + offset, issue.message)
                 for issue in check_body(source.body, convert=convert)]
    return sorted(set(problems))


# -- identifiers -----------------------------------------------------------------------------
# Letters and digits from other scripts that look like Latin ones. NFKC folds
# fullwidth and mathematical forms but keeps Cyrillic 'а' apart from Latin 'a'.
_CONFUSABLES = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "с": "c", "ԁ": "d", "е": "e", "ё": "e", "һ": "h", "і": "i", "ї": "i",
    "ј": "j", "к": "k", "ӏ": "l", "м": "m", "н": "h", "о": "o", "р": "p", "ԛ": "q", "г": "r",
    "ѕ": "s", "т": "t", "ц": "u", "у": "y", "ѵ": "v", "ԝ": "w", "х": "x", "ү": "y", "ь": "b",
    "з": "3", "б": "6",
    "А": "a", "В": "b", "С": "c", "Е": "e", "Н": "h", "І": "i", "Ј": "j", "К": "k", "М": "m",
    "О": "o", "Р": "p", "Ѕ": "s", "Т": "t", "Х": "x", "У": "y", "Ү": "y", "Ԛ": "q", "Ԝ": "w",
    "З": "3", "Ӏ": "l",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "γ": "y", "ϲ": "c", "ϳ": "j", "ω": "w",
    "Α": "a", "Β": "b", "Ε": "e", "Ζ": "z", "Η": "h", "Ι": "i", "Κ": "k", "Μ": "m", "Ν": "n",
    "Ο": "o", "Ρ": "p", "Τ": "t", "Υ": "y", "Χ": "x", "Ϲ": "c",
    # Latin look-alikes NFKC keeps
    "ı": "i", "ȷ": "j", "ɑ": "a", "ɡ": "g", "ʏ": "y", "ᴠ": "v",
    # Dashes and minus signs NFKC keeps
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u2043": "-", "\u02d7": "-", "\u2796": "-", "\u30fc": "-", "_": "-",
})
# Digits and letters that read alike in many fonts: 2023-0l1 and 2023-011.
_READ_ALIKE = str.maketrans({"0": "o", "1": "l", "i": "l"})


def id_skeleton(value: str) -> str:
    """The form two ids are compared in: ids with the same skeleton read alike."""
    return re.sub(r"[\s\-]+", "-", _latin_lookalike(value).translate(_READ_ALIKE)).strip("-")


def _latin_lookalike(value: str) -> str:
    """``value`` with invisible characters dropped, case folded and every
    look-alike from another script or width replaced by the Latin it mimics."""
    folded = unicodedata.normalize("NFKC", INVISIBLE_RE.sub("", value)).casefold()
    return unicodedata.normalize("NFKC", folded.translate(_CONFUSABLES)).translate(_CONFUSABLES)


def explain_id_characters(value: str) -> str:
    """A note naming the first character of ``value`` outside a-z, 0-9 and '-', so an
    editor can see a difference that does not show (Cyrillic 'а', a no-break hyphen)."""
    for char in value:
        if not ("a" <= char <= "z" or "0" <= char <= "9" or char == "-"):
            name = unicodedata.name(char, "a control character")
            shown = char if char.isprintable() and not char.isspace() else " "
            looks = _latin_lookalike(char).strip()
            like = (f", which only looks like '{looks}'"
                    if looks and looks != char and looks.isascii() and looks.isprintable() else "")
            return f" (it contains U+{ord(char):04X} {name}{like}" + (
                f" '{shown}'" if shown.strip() and not like else "") + ")"
    return ""
