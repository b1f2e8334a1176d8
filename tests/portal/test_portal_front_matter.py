"""Generated pages' front matter is written without PyYAML's representer for
the usual shapes; MkDocs must read back exactly what was meant, whatever the
text (quotes, colons, '#', emoji, control characters, other scripts)."""
from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.render import front_matter


def read_back(text: str) -> dict:
    assert text.startswith("---\n") and text.endswith("---\n\n")
    return yaml.safe_load(text[4:-5])


@settings(max_examples=400, deadline=None)
@given(title=st.text(), tags=st.lists(st.text(min_size=1), max_size=4),
       kind=st.text(min_size=1), exclude=st.booleans())
def test_any_text_reads_back_exactly(title, tags, kind, exclude):
    values = dict(title=title, tags=tags, portal={"kind": kind, "id": "2099-001"},
                  search={"exclude": exclude}, hide=["toc"])
    expected = {k: v for k, v in values.items() if v not in (None, "", [], {})}
    assert read_back(front_matter(**values)) == expected


def test_tricky_titles_read_back_and_the_short_writer_is_used_for_plain_ones():
    for title in ("Colons: and # hashes", "'quotes' \"both\"", "Emoji \U0001f46e in a title",
                  "Tab\there", "Line\u2028separator", "- starts like a list", "yes", "null", "2023-03-28"):
        assert read_back(front_matter(title=title)) == {"title": title}
    assert front_matter(title="Plain", portal={"kind": "dilemma"}) == (
        '---\ntitle: "Plain"\nportal:\n  kind: "dilemma"\n---\n\n')
