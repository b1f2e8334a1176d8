"""Odd files in the records folder: each either builds correctly or stops the
real build with a clear ``path:line: message``; nothing crashes or hangs."""
import os
import time

from hostile_kit import assert_failed_cleanly
from portal.schema import MAX_RECORD_BYTES
from sitekit import build, dilemma, make_site, meeting

VALID = dilemma("2099-001").encode("utf-8")
FRONT = b"---\ntype: dilemma\nid: 2099-002\ntitle: A fictional title\nstatus: for-discussion\nmeeting: 2023-03-28\n"

# A "billion laughs": nine levels of nine aliases expand to 387 million items.
YAML_BOMB = b"---\ntype: dilemma\nlol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + b"".join(
    f"lol{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n".encode() for i in range(1, 10)
) + b"status: *a9\n---\n\nA fictional scenario.\n"


def test_every_odd_file_is_reported_in_one_build(tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_bytes(VALID)
    records = {
        "odd/latin1.md": FRONT + b"summary: caf\xe9 in Latin-1\n---\n\nScenario.\n",
        "odd/empty.md": b"",
        "odd/blank.md": b"  \n\n\t\n",
        "odd/huge.md": FRONT + b"---\n\n" + b"A fictional sentence.\n" * (MAX_RECORD_BYTES // 20),
        "odd/binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "odd/list.md": b"---\n- type: dilemma\n- id: 2099-003\n---\n\nScenario.\n",
        "odd/bomb.md": YAML_BOMB,
        "odd/deep.md": FRONT.replace(b"2099-002", b"2099-004") + b"summary: " + b"[" * 5000 + b"\n---\n\nScenario.\n",
        "odd/only-front-matter.md": FRONT.replace(b"2099-002", b"2099-005") + b"---\n",
        "odd/unclosed.md": FRONT.replace(b"2099-002", b"2099-006"),
        "odd/notes.txt": b"Some notes that are not a record.\n",
        "odd/export.docx": b"PK\x03\x04 not really a document",
        "odd/no-front-matter.md": b"Just some text.\n",
        "odd/control.md": FRONT.replace(b"2099-002", b"2099-007") + b"summary: a\x1bb\n---\n\nScenario.\n",
    }
    root = make_site(tmp_path, records)
    os.symlink(outside, root / "dilemmas" / "odd" / "link-out.md")
    os.symlink(tmp_path / "missing.md", root / "dilemmas" / "odd" / "dangling.md")
    started = time.monotonic()
    result = build(root)
    assert time.monotonic() - started < 60, "a hostile file must not stall the build"
    assert_failed_cleanly(
        result,
        "dilemmas/odd/latin1.md:7: is not valid UTF-8 text; save it as UTF-8",
        "dilemmas/odd/empty.md:1: is empty",
        "dilemmas/odd/blank.md:1: is empty",
        f"dilemmas/odd/huge.md:1: is {(root / 'dilemmas/odd/huge.md').stat().st_size:,} bytes; "
        f"a record may be at most {MAX_RECORD_BYTES:,} bytes",
        "dilemmas/odd/binary.md:1: is a binary file, not a Markdown record",
        "dilemmas/odd/list.md:2: front matter must be a set of 'key: value' lines",
        "dilemmas/odd/bomb.md:4: front matter is not valid YAML: aliases (*name) are not allowed",
        "dilemmas/odd/deep.md:2: front matter is nested too deeply",
        "dilemmas/odd/only-front-matter.md:8: the record has no scenario",
        "dilemmas/odd/unclosed.md:1: front matter is not closed with a '---' line",
        "dilemmas/odd/notes.txt:1: is not a Markdown record (.md)",
        "dilemmas/odd/export.docx:1: is not a Markdown record (.md)",
        "dilemmas/odd/no-front-matter.md:1: has no front matter",
        "dilemmas/odd/control.md:7: front matter holds a control character (U+001B)",
        "dilemmas/odd/link-out.md:1: is a symbolic link to a file outside the repository",
        "dilemmas/odd/dangling.md:1: is a symbolic link to a file outside the repository",
    )


def test_a_yaml_bomb_is_refused_quickly_by_the_loader():
    from portal.load import parse_source

    started = time.monotonic()
    source, problems = parse_source(YAML_BOMB, "bomb.md")
    assert time.monotonic() - started < 1
    assert [p.message for p in problems] == [
        "front matter is not valid YAML: aliases (*name) are not allowed in records; write the value out"]


def test_odd_but_valid_files_build(tmp_path):
    """CRLF line endings, a byte-order mark, a 10,000-character line and a
    folder named like a record are all fine, with the right line numbers."""
    long_line = " ".join(["A fictional sentence about a shared work phone."] * 210)[:10_000]
    crlf = dilemma("2099-010", meeting="2099-01-15", title="A fictional CRLF record").replace("\n", "\r\n")
    records = {
        "x/meeting.md": meeting("2099-01-15"),
        "x/crlf-bom.md": b"\xef\xbb\xbf" + crlf.encode("utf-8"),
        "x/long-line.md": dilemma("2099-011", meeting="2099-01-15", title="A fictional long record",
                                  body=f"## Scenario\n\n{long_line}\n\n## Questions for the panel\n\nWhat now?\n"),
        "x/2099-012.md/inside.md": dilemma("2099-012", meeting="2099-01-15",
                                           title="A fictional record in an oddly named folder"),
        "x/empty-folder.md/.gitkeep": "",
    }
    root = make_site(tmp_path, records, real_records=False)
    result = build(root)
    assert result.ok, result.output
    assert "A fictional CRLF record" in result.read("dilemmas/2099-010/index.html")
    assert "\ufeff" not in result.read("dilemmas/2099-010/index.html")
    assert long_line[:200] in result.read("dilemmas/2099-011/index.html")
    assert (result.site_dir / "dilemmas/2099-012/index.html").exists()


def test_crlf_and_bom_keep_file_line_numbers(tmp_path):
    text = ("\ufeff" + dilemma("2099-020", body="## Scenario\n\nFine.\n\n<script>alert(1)</script>\n"))
    root = make_site(tmp_path, {"x/crlf.md": text.replace("\n", "\r\n").encode("utf-8")})
    assert_failed_cleanly(build(root), "dilemmas/x/crlf.md:13: HTML element <script> is not allowed")


def test_a_deeply_nested_body_is_an_error_not_a_crash(tmp_path):
    deep_list = "\n".join("    " * depth + "- item" for depth in range(40))
    deep_quote = ">" * 50 + " quoted"
    records = {
        "x/list.md": dilemma("2099-030", body=f"## Scenario\n\n{deep_list}\n"),
        "x/quote.md": dilemma("2099-031", body=f"## Scenario\n\n{deep_quote}\n"),
        "x/brackets.md": dilemma("2099-032", body="## Scenario\n\n" + "[" * 200_000 + "\n"),
        "x/definitions.md": dilemma("2099-033", body="## Scenario\n\n" + "Term\n: definition\n" * 600),
    }
    started = time.monotonic()
    result = build(make_site(tmp_path, records))
    assert time.monotonic() - started < 60
    assert_failed_cleanly(
        result,
        "dilemmas/x/list.md:28: the line is indented by 68 spaces",
        "dilemmas/x/quote.md:11: quotes are nested 50 deep",
        "dilemmas/x/brackets.md:11: the record has 200,000 '[' signs",
        "dilemmas/x/definitions.md:12: the Markdown converter cannot read this record: it has 600 definitions",
    )
