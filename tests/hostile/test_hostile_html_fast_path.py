"""The HTML check skips its parser for prose made only of plain elements of
the safe subset (``safety._plainly_safe``). That shortcut must never change a
verdict: on any text, the check says exactly what the parser says."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from portal import safety

PIECES = [
    "<p>", "</p>", "<em>", "</em>", "<strong>", "</strong>", "<ul>", "<li>", "</li>", "</ul>",
    "<h3 id=\"a-heading\">", "</h3>", "<h2 id=\"_clash\">", "<h1 id=\"x\">", "</h1>", "</h2>",
    '<a class="headerlink" href="#a-heading" title="Link to this section">', "</a>",
    '<a class="other" href="#x" title="t">', '<a href="javascript:alert(1)">', '<a href="#x">',
    "<script>", "</script>", "<!-- c -->", "<b onclick=x>", "<P>", "<br>", "<br/>", "<img src=x>",
    "<", ">", "&lt;", "&#60;", "text ", "\n", "`", '"', "<p", "</", "<style>", "<textarea>",
    "<![CDATA[x]]>", "<?pi?>", "<!doctype html>", "<h4 id=\"ok\">", "<span title=\"t\">",
]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14), st.booleans(), st.booleans())
def test_the_shortcut_never_changes_a_verdict(pieces, rendered, permalinks):
    text = "".join(pieces)
    allowed = {"headerlink"} if permalinks else set()
    assert safety.check_html(text, rendered=rendered, allowed_link_classes=allowed) == \
        safety.parse_html_issues(text, rendered=rendered, allowed_link_classes=allowed)


def test_typical_converted_prose_takes_the_shortcut_and_hostile_prose_does_not():
    plain = ('<p>A <em>fictional</em> officer.</p>\n<h3 id="what-happened">What happened'
             '<a class="headerlink" href="#what-happened" title="Link to this section">&para;</a></h3>'
             "<ul>\n<li>One</li>\n</ul>")
    assert safety._plainly_safe(plain, True, {"headerlink"})
    assert not safety._plainly_safe(plain, True, set())  # a permalink class must be allowed
    for hostile in ("<p>x</p><script>alert(1)</script>", '<p onclick="x">y</p>', "<p>a <!-- b --></p>",
                    '<h3 id="_clash">x</h3>'):
        assert not safety._plainly_safe(hostile, True, {"headerlink"})
        assert safety.check_html(hostile, rendered=True, allowed_link_classes={"headerlink"})
