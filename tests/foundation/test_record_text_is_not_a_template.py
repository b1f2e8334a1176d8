"""Record text is shown literally: it is never run as a Jinja template."""
from sitekit import build, dilemma, make_site


def test_jinja_syntax_in_a_record_is_shown_literally(tmp_path):
    body = ("## Scenario\n\nA fictional officer posts {{ 7*7 }} and {% raw %} on a WhatsApp "
            "group about shifts.\n\n## Questions for the panel\n\nIs {{ config.site_name }} shown?\n")
    root = make_site(tmp_path, {"x/2099-001.md": dilemma(body=body, title="Braces {{ 7*7 }} in a title")})
    result = build(root)
    assert result.ok, result.output
    page = result.read("dilemmas/2099-001/index.html")
    assert "{{ 7*7 }}" in page
    assert "{% raw %}" in page
    assert "{{ config.site_name }}" in page
    assert "49" not in page.split("<article", 1)[1].split("</article>", 1)[0]
    assert "Macro Syntax Error" not in result.all_text()


def test_a_macro_error_in_a_hand_written_page_fails_the_build(tmp_path):
    root = make_site(tmp_path)
    (root / "docs" / "about.md").write_text("---\nrender_macros: true\n---\n\n# About\n\n{{ broken( }}\n",
                                            encoding="utf-8")
    result = build(root)
    assert result.returncode != 0
    assert "Macro Syntax Error" not in (result.all_text() if result.site_dir.exists() else "")


def test_a_macro_mistake_is_reported_at_its_file_and_line(tmp_path):
    root = make_site(tmp_path)
    (root / "docs" / "about.md").write_text(
        "---\nrender_macros: true\n---\n\n# About\n\nFine.\n\n{{ no_such_macro() }}\n", encoding="utf-8")
    result = build(root)
    assert result.returncode != 0
    assert "docs/about.md:9: macro error: UndefinedError: 'no_such_macro' is undefined" in result.output
    assert "Traceback" not in result.output


def test_hand_written_pages_that_opt_in_get_their_macros(tmp_path):
    result = build(make_site(tmp_path))
    assert result.ok, result.output
    home = result.read("index.html")
    assert "{{" not in home and "latest_dilemmas" not in home
    assert 'href="dilemmas/2023-001/"' in home  # from latest_dilemmas(), relative to the home page
