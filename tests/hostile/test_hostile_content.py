"""No active content from records: raw HTML outside the safe subset, event
handlers, styles and unsafe addresses (however disguised) stop the build with
the file's own line number; the safe subset renders."""
import re

import pytest

from hostile_kit import assert_failed_cleanly
from portal import safety
from sitekit import build, dilemma, make_site, meeting

# Each hostile construct, written the way an attacker or a careless paste would.
HOSTILE = {
    "script": "<script>alert(1)</script>",
    "script-upper": "<SCRIPT SRC=//example.com/x.js></SCRIPT>",
    "iframe": '<iframe src="https://example.com"></iframe>',
    "object": '<object data="x.swf"></object>',
    "embed": '<embed src="x.swf">',
    "style-element": "<style>body{display:none}</style>",
    "link-element": '<link rel="stylesheet" href="https://example.com/x.css">',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://example.com">',
    "form": '<form action="https://example.com"><input name="q"></form>',
    "base": '<base href="https://example.com/">',
    "svg": "<svg/onload=alert(1)>",
    "math": '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>',
    "onclick": 'Read <b onclick="alert(1)">this</b> first.',
    "onerror-img": '<img src="x.png" onerror="alert(1)" alt="">',
    "style-attribute": '<span style="position:fixed;top:0;left:0">Official notice</span>',
    "html-href-javascript": '<a href="javascript:alert(1)">x</a>',
    "html-href-entities": '<a href="&#106;avascript&#58;alert(1)">x</a>',
    "html-href-hex-no-semicolon": '<a href="&#x6A&#x61vascript:alert(1)">x</a>',
    "html-href-mixed-case": '<a href="JaVaScRiPt:alert(1)">x</a>',
    "html-href-tab": '<a href="java\tscript:alert(1)">x</a>',
    "html-href-newline-entity": '<a href="java&#10;script:alert(1)">x</a>',
    "html-href-leading-space": '<a href=" \x01javascript:alert(1)">x</a>',
    "vbscript": '<a href="vbscript:msgbox(1)">x</a>',
    "data-html": '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    "md-link": "[read more](javascript:alert(1))",
    "md-link-entity": "[read more](&#x6a;avascript:alert(1))",
    "md-link-angle": "[read more](<javascript:alert(1)>)",
    "md-link-tab": "[read more](java\tscript:alert(1))",
    "md-link-title": '[read more](JAVASCRIPT:alert(1) "A title")',
    "md-image-data": "![chart](data:image/svg+xml;base64,PHN2Zz4=)",
    "md-image-remote": "![tracker](https://example.com/pixel.png)",
    "md-image-scheme-relative": "![tracker](//example.com/pixel.png)",
    "autolink": "<javascript:alert(1)>",
    "reference": "[read more][r]\n\n[r]: javascript:alert(1)",
    "reference-next-line": "[read more][r]\n\n[r]:\n    vbscript:msgbox(1)",
    "reference-image-remote": "![x][pic]\n\n[pic]: https://example.com/p.png",
    "attr-list-handler": "A paragraph.\n{: onclick=\"alert(1)\" }",
    "attr-list-href": "[x](https://example.com){: href=\"javascript:alert(1)\" }",
    "attr-list-id": "### Heading {: #__config }",
    "attr-list-class": "A paragraph.\n{: .md-header }",
    "comment": "<!-- the officer was PC Fictional -->",
    "unclosed-tag": "Text <img src=x onerror=alert(1)",
    "clobbering-id": '<span id="__config">{}</span>',
    "heading-id-clash": "### __config",
    "code-span-trick": '<img src="a.png" title="`" onerror="alert(1)" x="`">',
    "nested-brackets": "[" * 40 + "x",
}
# Where the construct starts, counting from the first line of the body.
BODY_LINE = {"reference": 3, "reference-next-line": 4, "reference-image-remote": 1,
             "attr-list-handler": 2, "attr-list-class": 2}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_hostile_construct_is_found_on_its_line(name):
    issues = safety.check_body(f"Fictional scenario.\n\n{HOSTILE[name]}\n")
    assert issues, f"{name} was not found"
    assert issues[0].line == 2 + BODY_LINE.get(name, 1), issues


ALLOWED = """\
A fictional scenario with <abbr title="Police Community Support Officer">PCSO</abbr>,
<b>bold</b>, <strong>strong</strong>, <em>em</em>, <i>i</i>, <u>u</u>, <s>s</s>,
<del>old</del> <ins>new</ins>, <mark>marked</mark>, <small>small</small>, H<sub>2</sub>O,
x<sup>2</sup>, <kbd>Ctrl</kbd>, <code>code</code>, <q>quoted</q>, <cite>a cited work</cite>,
<span lang="cy">Heddlu</span> and a line<br>break.

<p>A raw paragraph.</p>

<details markdown="1"><summary>More detail</summary>

Hidden until opened, with a [relative link](../2023-001/) and
[an https link](https://example.com/guidance "Guidance") and <https://example.com/auto>.

</details>

<dl><dt>Term</dt><dd>Definition</dd></dl>

<table><caption>A fictional table</caption><thead><tr><th scope="col">A</th></tr></thead>
<tbody><tr><td>1</td></tr></tbody></table>

| Left | Right |
|:-----|------:|
| 1    | 2     |

Code is shown, never run: `<script>alert(1)</script>`.

!!! note "A note"
    Admonitions are allowed.
"""


def test_the_safe_subset_passes_the_checks():
    assert safety.check_body(ALLOWED) == []


@pytest.mark.parametrize("url", [
    "https://example.com/", "http://example.com/a?b=c#d", "mailto:panel@example.com",
    "../2023-001/", "#scenario", "page.md", "a/b:c",
])
def test_safe_addresses(url):
    assert safety.url_problem(url) is None


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", " JavaScript:alert(1)", "java\nscript:x", "java\x00script:x",
    "&#106;avascript:x", "&#0000106avascript:x", "&amp;#106;avascript:x", "jav&Tab;ascript:x",
    "\u200bjavascript:x", "ｊａｖａｓｃｒｉｐｔ:x", "vbscript:x", "data:text/html,x", "file:///etc/passwd",
    "livescript:x",
])
def test_disguised_schemes_are_refused(url):
    assert safety.url_problem(url), url


def test_front_matter_values_may_not_hold_html():
    meta = {"title": "A title</title><script>alert(1)</script>", "summary": "Fine & dandy <3",
            "papers": [{"title": "Minutes", "url": 'https://example.com/m.pdf"><script>'}],
            "anonymisation_exceptions": [{"text": "<not rendered>"}]}
    lines = {"title": 3, "summary": 4, "papers": 5, "anonymisation_exceptions": 9}
    issues = safety.check_front_matter(meta, lambda key, item=None: lines[key])
    assert sorted(i.line for i in issues) == [3, 5, 5]


# -- end to end ------------------------------------------------------------------------------
def test_every_hostile_construct_stops_a_real_build_at_its_file_line(tmp_path):
    records = {}
    for name, construct in HOSTILE.items():
        body = f"## Scenario\n\nA fictional scenario.\n\n{construct}\n\n## Questions for the panel\n\nWhat now?\n"
        records[f"hostile/{name}.md"] = dilemma(f"2099-{len(records) + 100:03d}", body=body)
    records["hostile/title.md"] = dilemma("2099-900", title="'Hello </title><script>alert(1)</script>'")
    records["hostile/meeting.md"] = (
        "---\ntype: meeting\ndate: 2099-01-15\nsubject: Fictional\npapers:\n"
        "  - title: Minutes\n    url: 'https://example.com/m.pdf><img src=x onerror=alert(1)>'\n"
        "---\n\nA fictional meeting. <script>alert(1)</script>\n")
    result = build(make_site(tmp_path, records))
    # Front matter takes lines 1-7, then a blank line, the heading, a blank line,
    # a sentence and a blank line: the construct starts on file line 13.
    expected = [f"dilemmas/hostile/{name}.md:{13 + BODY_LINE.get(name, 1) - 1}: " for name in HOSTILE]
    expected += ["dilemmas/hostile/title.md:4: 'title' contains HTML",
                 "dilemmas/hostile/meeting.md:6: 'papers' url must be a plain https:// address",
                 "dilemmas/hostile/meeting.md:10: HTML element <script> is not allowed"]
    assert_failed_cleanly(result, *expected)


def test_the_safe_subset_renders_and_carries_no_active_content(tmp_path):
    body = f"## Scenario\n\n{ALLOWED}\n## Questions for the panel\n\nWhat should happen?\n"
    root = make_site(tmp_path, real_records=False, records={
        "x/meeting.md": meeting("2099-01-15"),
        "x/2099-001.md": dilemma(
        "2099-001", meeting="2099-01-15", title="'Fish & chips: \"quotes\" and ''apostrophes'''",
        extra='summary: A fictional summary with "quotes" & an ampersand.\n', body=body)})
    result = build(root)
    assert result.ok, result.output
    page = result.read("dilemmas/2099-001/index.html")
    article = re.search(r"<article\b.*?</article>", page, re.S).group(0)
    for element in ("<abbr", "<details", "<summary", "<table", "<dl", "<kbd", "<mark", "<sub", "<q>",
                    'href="https://example.com/guidance"', 'href="https://example.com/auto"',
                    'class="admonition note"'):
        assert element in article, element
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article
    # What the theme and Markdown made of the record carries no script, handler or bad URL.
    assert not re.search(r"<script|\son[a-z]+\s*=|javascript:", article, re.I)
    # Front-matter values are escaped where the theme writes them unescaped.
    head = page.split("</head>")[0]
    assert "<title>Fish &amp; chips: &#34;quotes&#34;" in head or "<title>Fish &amp; chips: \"quotes\"" in head \
        or "<title>Fish &amp; chips: &quot;quotes&quot;" in head, head
    description = re.search(r'<meta name="description" content="([^"]*)"', head).group(1)
    assert "&quot;quotes&quot;" in description or "&#34;quotes&#34;" in description
