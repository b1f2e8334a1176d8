"""Property-based tests: whatever a record holds, the loader, the validator,
the safety checks and the anonymisation check answer with problems, never an
unexpected exception; and no output of the anonymisation check ever repeats
an identifier it was given."""
from __future__ import annotations

import functools
import html
import re
from html.parser import HTMLParser

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal import safety
from portal.load import parse_source
from portal.problems import Problem
from portal.validate import Vocabulary, validate_records

QUICK = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
VOCABULARY = Vocabulary(themes={"social-media", "custody"},
                        principles={"code_of_ethics": {"courage"}, "nolan": {"openness"}})


@functools.cache
def anonymise():
    """The anonymisation gate and its rules, loaded once, only by the tests that use them."""
    from portal import anonymise as module

    return module, module.load_rules()

# -- the loader and the validator -------------------------------------------------------
MARKUPISH = st.text(alphabet=st.sampled_from(list("-:#[]{}<>!&*|>'\"\\ \t\nabz019_.?%@`~")) |
                    st.characters(), max_size=400)
FIELD_NAMES = st.sampled_from(["type", "id", "title", "status", "meeting", "themes", "principles",
                               "summary", "date", "start", "end", "papers", "subject",
                               "anonymisation_exceptions", "status_reason", "published"]) | st.text(max_size=12)
SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=60)
           | st.sampled_from(["dilemma", "meeting", "2023-03-28", "2099-001", "for-discussion",
                              "closed", "10:00", "24:99", "2023-02-30", "<script>", "javascript:x"]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)


def assert_problems(problems) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.line >= 1 and problem.message


@QUICK
@given(st.binary(max_size=2000))
def test_any_bytes_load_without_an_exception(raw):
    source, problems = parse_source(raw, "dilemmas/x.md")
    assert_problems(problems)
    if source is not None:
        _, found = validate_records([source], VOCABULARY)
        assert_problems(found)


@QUICK
@given(st.dictionaries(FIELD_NAMES, VALUES, max_size=10), MARKUPISH)
def test_any_front_matter_and_body_validate_without_an_exception(meta, body):
    front = yaml.safe_dump(meta, allow_unicode=True) if meta else ""
    text = f"---\n{front}---\n{body}"
    source, problems = parse_source(text.encode("utf-8", errors="surrogatepass"), "dilemmas/x.md")
    assert_problems(problems)
    if source is not None:
        records, found = validate_records([source], VOCABULARY)
        assert_problems(found)


@QUICK
@given(st.text(max_size=600) | MARKUPISH)
def test_any_text_with_a_front_matter_fence_loads(text):
    for variant in (text, "---\n" + text, "\ufeff---\r\n" + text.replace("\n", "\r\n")):
        source, problems = parse_source(variant.encode("utf-8", errors="surrogatepass"), "x.md")
        assert_problems(problems)


# -- the safety checks ---------------------------------------------------------------------
HOSTILE_PIECES = st.sampled_from([
    "<script>", "</script>", "<img src=x onerror=alert(1)>", "javascript:", "&#106;", "&#x6A",
    "[a](", ")", "](", "<a href=\"", "\">", "{: onclick=x }", "<!--", "-->", "`", "``", "<svg>",
    "\n\n", "\n", "    ", "> ", "- ", "<div markdown>", "</div>", "![x](", "<", ">", "&", "\"", "'",
    "[r]: ", "data:", "vbscript:", "<https://example.com>", "<x@example.com>", "### ", "\t",
])
HOSTILE_TEXT = st.lists(HOSTILE_PIECES | st.text(alphabet="abcjs:= ()/", max_size=6),
                        max_size=40).map("".join)


class _Oracle(HTMLParser):
    """An independent, simple reading of converted HTML: what could run."""

    ACTIVE = {"script", "iframe", "object", "embed", "style", "link", "meta", "form", "base",
              "svg", "math", "frame", "frameset", "applet", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.active: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.ACTIVE:
            self.active.append(tag)
        for name, value in attrs:
            cleaned = re.sub(r"[\x00-\x20]", "", html.unescape(value or "")).lower()
            if name.startswith("on") or name == "style":
                self.active.append(f"{tag}[{name}]")
            elif name in ("href", "src") and re.match(r"(javascript|vbscript|data):", cleaned):
                self.active.append(f"{tag}[{name}={cleaned[:12]}]")

    handle_startendtag = handle_starttag


@QUICK
@given(HOSTILE_TEXT)
def test_a_body_that_passes_the_checks_converts_to_html_that_cannot_run(text):
    issues = safety.check_body(text)
    if issues:
        return
    import markdown

    oracle = _Oracle()
    oracle.feed(markdown.markdown(text, extensions=list(safety.MARKDOWN_EXTENSIONS)))
    oracle.close()
    assert oracle.active == [], text


@QUICK
@given(st.text(max_size=2000) | HOSTILE_TEXT)
def test_the_safety_checks_take_any_text(text):
    for issue in safety.check_body(text):
        assert issue.line >= 1 and issue.message
    safety.url_problem(text)
    safety.id_skeleton(text)
    safety.explain_id_characters(text)


# -- the anonymisation check never repeats what it found ---------------------------------------
EMAILS = st.from_regex(r"[a-z]{3,10}\.[a-z]{3,10}@example\.com", fullmatch=True)
DRAMA_NUMBERS = (st.integers(0, 999).map(lambda n: f"07700 900{n:03d}")
                 | st.integers(0, 999).map(lambda n: f"0116 496 0{n:03d}")
                 | st.integers(0, 999).map(lambda n: f"020 7946 0{n:03d}"))
NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ"
NINOS = st.builds(lambda a, b, digits, last: f"{a}{b}{digits:06d}{last}",
                  st.sampled_from(NINO_FIRST), st.sampled_from(NINO_SECOND),
                  st.integers(0, 999_999), st.sampled_from("ABCD")).filter(
    lambda n: n[:2] not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
POSTCODES = st.sampled_from(["SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "LS1 4AP", "EH1 1YZ"])
IDENTIFIERS = EMAILS | DRAMA_NUMBERS | NINOS | POSTCODES
FILLER = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)


@QUICK
@given(FILLER, IDENTIFIERS, FILLER, st.booleans())
def test_no_output_format_repeats_an_identifier(before, identifier, after, with_front_matter):
    body = f"{before} {identifier} {after}\n"
    text = (f"---\ntype: dilemma\ntitle: A fictional title\nsummary: Call {identifier}\n---\n\n{body}"
            if with_front_matter else body)
    gate, rules = anonymise()
    findings = gate.check_text(text, "dilemmas/x.md", rules=rules)
    for fmt in ("text", "json", "github"):
        output = gate.format_findings(findings, fmt, write_summary=False)
        assert identifier not in output, (fmt, output)
        assert identifier.replace(" ", "") not in output.replace(" ", ""), (fmt, output)


@QUICK
@given(EMAILS | DRAMA_NUMBERS, FILLER)
def test_clear_identifiers_are_found(identifier, filler):
    gate, rules = anonymise()
    findings = gate.check_text(f"A fictional note. {identifier} .\n{filler}\n", "x.md", rules=rules)
    assert any(f.line == 1 for f in findings), identifier


@QUICK
@given(st.text(max_size=1500))
def test_the_anonymisation_check_takes_any_text(text):
    gate, rules = anonymise()
    findings = gate.check_text(text, "x.md", rules=rules)
    for fmt in ("text", "json", "github"):
        gate.format_findings(findings, fmt, write_summary=False)
