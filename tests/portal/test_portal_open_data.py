"""The machine-readable files: JSON valid against its published schema, CSV,
and an Atom feed with stable ids; published records only."""
import csv
import io
import json
import xml.etree.ElementTree as ET

import jsonschema

from portal_testkit import DRAFT_TEXT, UNAPPROVED_OUTCOME, UNPUBLISHED_RESPONSE

ATOM = "{http://www.w3.org/2005/Atom}"
COMMUNITY_TRUST = "Community engagement and trust"  # its name in config/themes.yml
PUBLISHED = {"2023-001", "2023-002", "2023-003", "2023-004", "2023-005", "2023-006",
             "2024-001", "2024-002", "2024-003", "2024-004", "2024-006"}


def test_the_json_is_valid_against_the_published_schema(site):
    data = json.loads(site.read("data/dilemmas.json"))
    schema = json.loads(site.read("data/dilemmas.schema.json"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator,
                        format_checker=jsonschema.FormatChecker())
    assert data["$schema"] == "dilemmas.schema.json"


def test_the_json_holds_published_dilemmas_with_only_their_approved_sections(site):
    data = json.loads(site.read("data/dilemmas.json"))
    by_id = {d["id"]: d for d in data["dilemmas"]}
    assert set(by_id) == PUBLISHED
    closed = by_id["2024-001"]
    assert closed["outcome"].startswith("The panel advised showing a redacted version")
    assert closed["response"].startswith("The force agreed")
    assert closed["follow_up"]
    assert "community-trust" in closed["themes"]
    assert closed["theme_names"][closed["themes"].index("community-trust")] == COMMUNITY_TRUST
    assert by_id["2024-002"]["response"] == ""
    assert by_id["2024-003"]["outcome"] == ""
    assert by_id["2024-004"]["scenario"] == "" and by_id["2024-004"]["withdrawn_reason"]
    assert closed["url"] == "https://example.org/ethics-panel/dilemmas/2024-001/"
    meeting_ids = [m["id"] for m in data["meetings"]]
    assert meeting_ids == ["2099-01-15", "2024-06-11", "2023-03-28"]


def test_an_invalid_record_in_the_json_is_caught_by_the_schema(site):
    data = json.loads(site.read("data/dilemmas.json"))
    schema = json.loads(site.read("data/dilemmas.schema.json"))
    data["dilemmas"][0]["status"] = "draft"
    validator = jsonschema.Draft202012Validator(schema)
    assert any("draft" in error.message for error in validator.iter_errors(data))


def test_the_csv_has_one_row_per_published_dilemma(site):
    rows = list(csv.DictReader(io.StringIO(site.read("data/dilemmas.csv"))))
    assert {row["id"] for row in rows} == PUBLISHED
    closed = next(row for row in rows if row["id"] == "2024-001")
    assert closed["status"] == "closed"
    assert closed["principles"] == "code_of_ethics:courage;nolan:openness"
    assert closed["url"] == "https://example.org/ethics-panel/dilemmas/2024-001/"


def test_the_feed_is_valid_atom_with_stable_ids_and_published_items_only(site):
    feed = ET.fromstring(site.read("feed.xml").encode("utf-8"))
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    self_link = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link[0].get("href") == "https://example.org/ethics-panel/feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(ids) == len(set(ids)) == len(PUBLISHED)
    assert "tag:leicestershire.ethics-panel,2023:dilemma/2024-001" in ids
    for entry in entries:
        for required in ("id", "title", "updated", "published", "summary"):
            assert entry.find(f"{ATOM}{required}") is not None, required
        link = entry.find(f"{ATOM}link")
        assert link.get("rel") == "alternate" and link.get("href").startswith("https://example.org/")
    # Newest change first: the closed item was updated when the force responded.
    assert ids[0].endswith("/2024-001")
    assert entries[0].findtext(f"{ATOM}updated") == "2024-09-10T00:00:00Z"
    assert feed.findtext(f"{ATOM}updated") == "2024-09-10T00:00:00Z"
    categories = {c.get("term") for c in entries[0].findall(f"{ATOM}category")}
    assert "closed" in categories and "community-trust" in categories


def test_data_files_hold_no_unpublished_text(site):
    for name in ("data/dilemmas.json", "data/dilemmas.csv", "feed.xml"):
        text = site.read(name)
        for secret in (DRAFT_TEXT, UNAPPROVED_OUTCOME, UNPUBLISHED_RESPONSE, "2024-005"):
            assert secret not in text, (name, secret)


def test_the_open_data_page_links_every_file(site):
    html = site.read("open-data/index.html")
    for href in ("../data/dilemmas.json", "../data/dilemmas.schema.json", "../data/dilemmas.csv",
                 "../feed.xml"):
        assert f'href="{href}"' in html
    assert "Open Government Licence v3.0" in html
