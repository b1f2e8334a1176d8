"""What every page of the site shares, computed from the force's settings:
the colours (as CSS custom properties), the allowed theme tags, and the
Content Security Policy with the hashes of the theme's inline scripts.

Nothing here knows about MkDocs; the hook calls these functions.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import re

from .problems import Problem, RecordsInvalid
from .settings import SETTINGS_FILE, Settings

# -- colours ----------------------------------------------------------------------
# Each setting under `colours:` in config/portal.yml, what it colours, and the
# background it must stand out against (WCAG 2.2 AA: 4.5:1 for text).
COLOUR_ROLES = {
    "header": ("the header and footer background, behind white text", "#ffffff"),
    "accent": ("links and buttons, on a white page", "#ffffff"),
}
OPTIONAL_COLOURS = {
    "link": ("links on a white page (defaults to the accent colour)", "#ffffff"),
    "focus": ("the focus highlight, behind black text (defaults to yellow)", "#0b0c0c"),
}
DEFAULT_COLOURS = {"header": "#1d3a6b", "accent": "#1d5fa8", "focus": "#ffdd00"}
MIN_CONTRAST = 4.5
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def _rgb(colour: str) -> tuple[int, int, int]:
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return tuple(int(digits[i:i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two #rgb / #rrggbb colours."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def colours(settings: Settings) -> dict[str, str]:
    """The site's colours, checked: hex only, and readable (fails closed)."""
    chosen = {**DEFAULT_COLOURS, **{k: str(v).strip() for k, v in settings.colours.items()}}
    chosen.setdefault("link", chosen["accent"])
    problems = []
    line = _line_of(settings, "colours")
    roles = {**COLOUR_ROLES, **OPTIONAL_COLOURS}
    for name, value in chosen.items():
        if name not in roles:
            problems.append(Problem(str(SETTINGS_FILE), line,
                                    f"colours.{name}: unknown colour; expected one of "
                                    + ", ".join(roles)))
            continue
        if not _HEX.match(value):
            problems.append(Problem(str(SETTINGS_FILE), line,
                                    f"colours.{name}: '{value}' is not a colour like #1d3a6b"))
            continue
        purpose, against = roles[name]
        ratio = contrast_ratio(value, against)
        if ratio < MIN_CONTRAST:
            problems.append(Problem(
                str(SETTINGS_FILE), line,
                f"colours.{name}: {value} has a contrast ratio of {ratio:.2f}:1 for {purpose}; "
                f"WCAG 2.2 AA needs at least {MIN_CONTRAST}:1"))
    if problems:
        raise RecordsInvalid(problems)
    return {name: chosen[name] for name in roles}


def colour_css(settings: Settings) -> str:
    """CSS custom properties for the template's inline <style> (one line)."""
    values = colours(settings)
    return ":root{" + "".join(f"--portal-{name}:{value};" for name, value in values.items()) + "}"


def _line_of(settings: Settings, key: str) -> int:
    try:
        text = (settings.root / SETTINGS_FILE).read_text(encoding="utf-8")
    except OSError:
        return 1
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


# -- Content Security Policy --------------------------------------------------------
CSP_META = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')
# Inline scripts that the browser runs (a JSON data block is never run, so
# CSP does not apply to it) and inline style elements. Found in one pass, in
# lower case as the theme writes them: this runs on every page, and a search
# per element over the whole page cost half a second at 5,000 records. An
# element spelt otherwise is not hashed, so the policy blocks it.
_INLINE_START = re.compile(r"<(script|style)")
_DATA_BLOCK_TYPE = re.compile(r"""\stype\s*=\s*["']?application/(?:ld\+)?json""", re.I)
_SRC = re.compile(r"\ssrc\s*=", re.I)


def _inline_elements(html: str):
    """(name, attributes, body) of each ``<script ...>body</script>`` and
    ``<style ...>body</style>`` in ``html``, in order."""
    match = _INLINE_START.search(html)
    while match:
        name = match.group(1)
        tag_end = html.find(">", match.end())
        if tag_end < 0:
            return
        attributes = html[match.end():tag_end]
        if attributes and not attributes[0].isspace():  # another element: <scripts>, <styles>
            match = _INLINE_START.search(html, match.start() + 1)
            continue
        end = html.find(f"</{name}>", tag_end)
        if end < 0:
            return
        yield name, attributes, html[tag_end + 1:end]
        match = _INLINE_START.search(html, end)


@functools.lru_cache(maxsize=512)  # the theme's few inline elements recur on every page
def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def inline_hashes(html: str) -> tuple[list[str], list[str]]:
    """CSP hash sources of the inline scripts and inline styles in ``html``."""
    scripts, styles = [], []
    for name, attributes, body in _inline_elements(html):
        if name == "script" and (_SRC.search(attributes) or _DATA_BLOCK_TYPE.search(attributes)):
            continue
        sources = scripts if name == "script" else styles
        source = _sha256(body)
        if source not in sources:
            sources.append(source)
    return scripts, styles


def complete_policy(html: str, untrusted: str = "", *, preview: bool = False) -> str:
    """Add the hashes of the theme's inline scripts and styles to the page's CSP.

    The template writes the policy with `script-src 'self'` and
    `style-src 'self'`; a page without this step runs no inline code at all
    (the policy fails closed). The theme's inline scripts depend on the page's
    depth in the site, so the hashes are computed per page. ``untrusted`` is
    the page's own content (record prose may hold raw HTML): a script in it
    is never hashed, so the policy blocks it.
    """
    match = CSP_META.search(html)
    if not match:
        return html
    if preview:
        # `mkdocs serve` adds its own inline live-reload script to every page
        # it serves, different each time. A preview is never published.
        policy = _add_sources(match.group(2), "script-src", ["'unsafe-inline'"])
        policy = _add_sources(policy, "style-src", ["'unsafe-inline'"])
        return html[:match.start(2)] + policy + html[match.end(2):]
    scripts, styles = inline_hashes(html)
    if untrusted:
        # The theme may split the content around its own markup, so compare
        # hashes rather than cutting the content out of the page.
        content_scripts, content_styles = inline_hashes(untrusted)
        scripts = [s for s in scripts if s not in content_scripts]
        styles = [s for s in styles if s not in content_styles]
    policy = match.group(2)
    if scripts:
        policy = _add_sources(policy, "script-src", scripts)
    if styles:
        policy = _add_sources(policy, "style-src", styles)
    return html[:match.start(2)] + policy + html[match.end(2):]


def _add_sources(policy: str, directive: str, sources: list[str]) -> str:
    parts = [p.strip() for p in policy.split(";") if p.strip()]
    for index, part in enumerate(parts):
        if part.split()[0] == directive:
            parts[index] = " ".join([part, *sources])
            break
    else:
        parts.append(" ".join([directive, "'self'", *sources]))
    return "; ".join(parts)


# -- theme tags ---------------------------------------------------------------------
def allowed_tag_names(theme_names) -> list[str]:
    """The vocabulary of page tags: exactly the taxonomy's theme names."""
    return sorted({str(name) for name in theme_names})
