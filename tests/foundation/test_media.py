"""Images beside records: published only when a published section shows them,
and checked by the anonymisation gate first."""
import io

import pytest
from PIL import Image

from sitekit import build, dilemma, make_site


def png_bytes(with_gps: bool = False) -> bytes:
    image = Image.new("RGB", (8, 8), (30, 60, 90))
    buffer = io.BytesIO()
    if with_gps:
        exif = Image.Exif()
        gps = exif.get_ifd(0x8825)
        gps[1] = "N"
        gps[2] = (52.0, 38.0, 0.0)
        image.save(buffer, format="JPEG", exif=exif)
    else:
        image.save(buffer, format="PNG")
    return buffer.getvalue()


def body(image: str) -> str:
    return (f"## Scenario\n\nA fictional officer photographs a poster on a WhatsApp group.\n\n"
            f"![A plain blue square standing in for the poster]({image})\n\n"
            "## Questions for the panel\n\nWhat should the officer do?\n")


def test_an_image_shown_by_a_published_record_is_published(tmp_path):
    root = make_site(tmp_path, {"x/2099-001.md": dilemma(body=body("poster.png")),
                                "x/poster.png": png_bytes()})
    result = build(root)
    assert result.ok, result.output
    assert (result.site_dir / "dilemmas" / "poster.png").read_bytes() == png_bytes()
    assert 'src="../poster.png"' in result.read("dilemmas/2099-001/index.html")


def test_an_image_only_a_draft_shows_is_not_published(tmp_path):
    root = make_site(tmp_path, {"x/2099-001.md": dilemma(status="draft", body=body("draft-only.png")),
                                "x/draft-only.png": png_bytes()})
    result = build(root)
    assert result.ok, result.output
    assert not list(result.site_dir.rglob("draft-only.png"))


def test_an_image_with_gps_metadata_stops_the_build(tmp_path):
    root = make_site(tmp_path, {"x/2099-001.md": dilemma(body=body("located.jpg")),
                                "x/located.jpg": png_bytes(with_gps=True)})
    result = build(root)
    assert result.returncode != 0
    assert "dilemmas/x/located.jpg:" in result.output
    assert not (result.site_dir / "dilemmas" / "located.jpg").exists()


@pytest.mark.parametrize("target", ["https://example.com/poster.png", "../other/poster.png"])
def test_images_from_elsewhere_are_refused(tmp_path, target):
    root = make_site(tmp_path, {"x/2099-001.md": dilemma(body=body(target))})
    result = build(root)
    assert result.returncode != 0
    assert "dilemmas/x/2099-001.md:" in result.output
