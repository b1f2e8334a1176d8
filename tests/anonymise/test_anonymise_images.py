"""Images beside records: their metadata and their file names."""
import pytest
from PIL import Image, PngImagePlugin

from portal.anonymise import check_paths, format_findings


def _jpeg(path, *, artist=None, gps=False, description=None):
    exif = Image.Exif()
    if artist:
        exif[0x013B] = artist
    if description:
        exif[0x010E] = description
    if gps:
        ifd = exif.get_ifd(0x8825)
        ifd.update({1: "N", 2: (52.0, 38.0, 0.0), 3: "W", 4: (1.0, 8.0, 0.0)})
    Image.new("RGB", (8, 8), "white").save(path, exif=exif)
    return path


def _rules_of(findings):
    return sorted((f.rule, f.severity) for f in findings)


def test_clean_image_passes(tmp_path, rules):
    assert check_paths([_jpeg(tmp_path / "scene.jpg")], rules=rules) == []


def test_gps_position_is_an_error(tmp_path, rules):
    findings = check_paths([_jpeg(tmp_path / "scene.jpg", gps=True)], rules=rules)
    assert _rules_of(findings) == [("image-gps", "error")]


def test_artist_is_an_error_and_not_printed(tmp_path, rules):
    findings = check_paths([_jpeg(tmp_path / "scene.jpg", artist="Jane Photographer")], rules=rules)
    assert _rules_of(findings) == [("image-owner", "error")]
    assert "Jane" not in format_findings(findings, "text")


def test_description_is_checked_like_record_text(tmp_path, rules):
    image = _jpeg(tmp_path / "scene.jpg", description="Daniel Price outside 14 Acacia Avenue")
    findings = check_paths([image], rules=rules)
    assert _rules_of(findings) == [("person-name", "error"), ("street-address", "error")]


def test_png_text_chunks(tmp_path, rules):
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jane Photographer")
    info.add_text("Comment", "call 07700 900123")
    Image.new("RGB", (8, 8)).save(tmp_path / "chart.png", pnginfo=info)
    findings = check_paths([tmp_path / "chart.png"], rules=rules)
    assert _rules_of(findings) == [("image-owner", "error"), ("uk-phone", "error")]


def test_unreadable_image_is_an_error(tmp_path, rules):
    (tmp_path / "broken.jpg").write_bytes(b"not an image")
    assert _rules_of(check_paths([tmp_path / "broken.jpg"], rules=rules)) == [("image-unreadable", "error")]


def test_name_in_a_file_name_is_found_and_masked_in_the_path(tmp_path, rules):
    image = _jpeg(tmp_path / "daniel-price-car.jpg", gps=True)
    findings = check_paths([image], rules=rules)
    assert _rules_of(findings) == [("image-gps", "error"), ("person-name", "error")]
    output = format_findings(findings, "text")
    assert "daniel-price" not in output
    assert "d*****-p****-car.jpg" in output


def test_folder_scan_includes_images_and_records(tmp_path, rules):
    _jpeg(tmp_path / "photo.jpeg", gps=True)
    (tmp_path / "record.md").write_text("Call 07700 900123.\n")
    (tmp_path / "notes.txt").write_text("Call 07700 900123.\n")
    findings = check_paths([tmp_path], rules=rules)
    assert sorted(f.path.rsplit("/", 1)[-1] for f in findings) == ["photo.jpeg", "record.md"]


@pytest.mark.parametrize("name", ["2023-001.md", "crash-scene-m1.jpg", "img_0042.png"])
def test_ordinary_file_names_pass(tmp_path, rules, name):
    path = tmp_path / name
    if name.endswith(".md"):
        path.write_text("Nothing personal.\n")
    else:
        Image.new("RGB", (8, 8)).save(path)
    assert check_paths([path], rules=rules) == []
