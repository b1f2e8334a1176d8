"""Every page carries a Content Security Policy that allows only the site's
own files and the theme's known inline scripts; colours and the theme
vocabulary come from the force's configuration and are checked."""
import base64
import hashlib
import re

import pytest

from portal import sitewide
from sitekit import build, make_site

CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def html_pages(site):
    return sorted(site.site_dir.rglob("*.html"))


def test_every_page_has_a_strict_policy_first_in_its_head(site):
    pages = html_pages(site)
    assert len(pages) > 30
    for path in pages:
        html = path.read_text(encoding="utf-8")
        match = CSP.search(html)
        assert match, path
        head = html.split("</head>", 1)[0]
        assert head.index("Content-Security-Policy") < head.index("<script"), path
        policy = directives(match.group(1))
        assert policy["default-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
        for directive in ("script-src", "style-src"):
            assert policy[directive][0] == "'self'"
            assert all(source.startswith("'sha256-") for source in policy[directive][1:]), path
        assert "'unsafe-inline'" not in match.group(1) and "'unsafe-eval'" not in match.group(1)
        assert "http" not in match.group(1), "no other host is allowed"


def test_each_inline_script_the_theme_runs_is_allowed_by_its_hash(site):
    html = site.read("dilemmas/2023-001/index.html")
    policy = directives(CSP.search(html).group(1))
    inline = [body for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
              if "src=" not in attrs and "application/json" not in attrs]
    assert inline, "Material runs a few inline scripts"
    for body in inline:
        assert sha256_source(body) in policy["script-src"]
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    assert sha256_source(style) in policy["style-src"]


def test_complete_policy_hashes_only_the_theme_not_the_page_content():
    # The validator already refuses a <script> in a record; if one ever got
    # through, the policy still would not let it run.
    page_content = "<p>text</p><script>alert(1)</script>"
    html = ('<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; '
            "script-src 'self'; style-src 'self'\"><script>var theme=1</script>"
            f'<script type="application/json">{{"a": 1}}</script><style>:root{{}}</style>{page_content}'
            '<script src="x.js"></script>')
    policy = directives(CSP.search(sitewide.complete_policy(html, untrusted=page_content)).group(1))
    assert policy["script-src"] == ["'self'", sha256_source("var theme=1")]
    assert policy["style-src"] == ["'self'", sha256_source(":root{}")]



def test_only_elements_a_browser_would_run_are_hashed():
    """Text inside a script is not an element; a tag spelt in capitals or run
    into another word is not hashed, so the policy blocks it (fail closed)."""
    scripts, styles = sitewide.inline_hashes(
        "<script>var a='<style>x</style>'</script><SCRIPT>b</SCRIPT><scripts>c</scripts>"
        "<style media=\"print\">p{}</style><script\n>d</script><script>var a='<style>x</style>'</script>")
    assert scripts == [sha256_source("var a='<style>x</style>'"), sha256_source("d")]
    assert styles == [sha256_source("p{}")]

def test_the_forces_colours_are_css_custom_properties_on_every_page(site):
    html = site.read("index.html")
    assert ("<style>:root{--portal-header:#1d3a6b;--portal-accent:#1d5fa8;--portal-link:#1d5fa8;"
            "--portal-focus:#ffdd00;}</style>") in html


@pytest.mark.parametrize("colours, message", [
    ({"header": "navy"}, "colours.header: 'navy' is not a colour like #1d3a6b"),
    ({"header": "#7fa7e0"}, "colours.header: #7fa7e0 has a contrast ratio of 2.47:1"),
    ({"accent": "#1d5fa8;} body{display:none"}, "colours.accent: '#1d5fa8;} body{display:none' is not"),
    ({"background": "#ffffff"}, "colours.background: unknown colour"),
])
def test_an_unreadable_or_unsafe_colour_stops_the_build_with_its_line(tmp_path, colours, message):
    root = make_site(tmp_path, settings={"colours": colours})
    result = build(root)
    assert not result.ok
    assert re.search(r"config/portal\.yml:\d+: " + re.escape(message), result.output), result.output


def test_contrast_ratio_matches_wcag_examples():
    assert sitewide.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert sitewide.contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_a_tag_outside_the_theme_taxonomy_stops_the_build(tmp_path):
    root = make_site(tmp_path)
    (root / "docs" / "tagged.md").write_text("---\ntags: [Not a theme]\n---\n\n# Tagged\n", encoding="utf-8")
    result = build(root)
    assert not result.ok
    assert "Tags not in allow list: Not a theme" in result.output


def test_a_local_preview_lets_the_live_reload_script_run():
    html = ('<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; '
            "script-src 'self'; style-src 'self'\"><script>var theme=1</script>")
    policy = directives(CSP.search(sitewide.complete_policy(html, preview=True)).group(1))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
