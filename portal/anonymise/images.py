"""Metadata of images published beside records: EXIF, PNG text chunks and XMP.

GPS coordinates and the camera owner's or artist's name are errors. Free-text
fields (description, comment, title...) are checked like record text.
"""
from __future__ import annotations

from pathlib import Path

from .detectors.base import ERROR, WARNING
from .findings import Finding

try:
    from PIL import Image, UnidentifiedImageError
except ImportError:  # pragma: no cover - Pillow is in the project's requirements
    Image = None  # type: ignore[assignment]

GPS_IFD = 0x8825
EXIF_IFD = 0x8769
OWNER_TAGS = {0x013B: "Artist", 0xA430: "CameraOwnerName", 0x9C9D: "XPAuthor"}
DEVICE_TAGS = {0xA431: "BodySerialNumber", 0xA435: "LensSerialNumber"}
TEXT_TAGS = {0x010E: "ImageDescription", 0x9286: "UserComment", 0x9C9C: "XPComment",
             0x9C9B: "XPTitle", 0x9C9E: "XPKeywords", 0x9C9F: "XPSubject", 0x8298: "Copyright"}
PNG_OWNER_KEYS = ("author", "artist", "creator", "owner")
XMP_GPS_MARKERS = (b"GPSLatitude", b"GPSLongitude")
XMP_OWNER_MARKERS = (b"<dc:creator", b"photoshop:AuthorsPosition", b"Iptc4xmpCore:CreatorContactInfo")


def _decode(value: object) -> str:
    if isinstance(value, bytes):
        if value[:8] in (b"ASCII\x00\x00\x00", b"UNICODE\x00"):
            value = value[8:]
        for encoding in ("utf-16-le", "utf-8") if b"\x00" in value else ("utf-8",):
            try:
                return value.decode(encoding).strip("\x00 ").strip()
            except UnicodeDecodeError:
                continue
        return value.decode("latin-1").strip("\x00 ").strip()
    return str(value).strip("\x00 ").strip()


def _finding(path: Path, rule: str, severity: str, message: str) -> Finding:
    return Finding(str(path), 1, 1, rule, severity, message, "")


def _text_findings(path: Path, field: str, value: str, rules) -> list[Finding]:
    from .engine import scan_text

    found = []
    for item in scan_text(value, rules):
        found.append(Finding(str(path), 1, 1, item.hit.rule, item.hit.severity,
                             f"In the image's {field} metadata: {item.hit.message}",
                             _mask(item.text)))
    return found


def _mask(text: str) -> str:
    from .text import mask
    return mask(text)


def check_image(path: Path, rules) -> list[Finding]:
    """Findings for one image file's metadata."""
    if Image is None:  # pragma: no cover
        return [_finding(path, "image-unreadable", ERROR,
                         "Image metadata cannot be checked: Pillow is not installed")]
    try:
        with Image.open(path) as image:
            exif = image.getexif()
            info = dict(image.info)
            gps = exif.get_ifd(GPS_IFD)
            sub_ifd = exif.get_ifd(EXIF_IFD)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return [_finding(path, "image-unreadable", ERROR,
                         "Image cannot be opened, so its metadata cannot be checked: "
                         "re-export it as a plain JPEG or PNG")]
    findings: list[Finding] = []
    if gps:
        findings.append(_finding(path, "image-gps", ERROR,
                                 "Image metadata holds GPS coordinates (where it was taken): "
                                 "strip the metadata before publishing"))
    tags = {**dict(exif), **dict(sub_ifd)}
    for tag, field in OWNER_TAGS.items():
        if _decode(tags.get(tag, "")):
            findings.append(_finding(path, "image-owner", ERROR,
                                     f"Image metadata names its author or the camera owner "
                                     f"({field}): strip the metadata before publishing"))
    for tag, field in DEVICE_TAGS.items():
        if _decode(tags.get(tag, "")):
            findings.append(_finding(path, "image-metadata", WARNING,
                                     f"Image metadata holds a device serial number ({field}), "
                                     f"which can link photos to one camera: strip the metadata"))
    for tag, field in TEXT_TAGS.items():
        value = _decode(tags.get(tag, ""))
        if value:
            findings += _text_findings(path, field, value, rules)
    xmp = info.get("xmp") or info.get("XML:com.adobe.xmp") or b""
    if isinstance(xmp, str):
        xmp = xmp.encode("utf-8", "replace")
    if any(marker in xmp for marker in XMP_GPS_MARKERS) and not gps:
        findings.append(_finding(path, "image-gps", ERROR,
                                 "Image XMP metadata holds GPS coordinates: strip the metadata"))
    if any(marker in xmp for marker in XMP_OWNER_MARKERS):
        findings.append(_finding(path, "image-owner", ERROR,
                                 "Image XMP metadata names its creator: strip the metadata"))
    for key, value in info.items():
        if not isinstance(value, (str, bytes)) or key in ("xmp", "XML:com.adobe.xmp", "exif", "icc_profile"):
            continue
        text = _decode(value)
        if not text:
            continue
        if key.lower() in PNG_OWNER_KEYS:
            findings.append(_finding(path, "image-owner", ERROR,
                                     f"Image metadata names its author ({key}): strip the metadata"))
        elif key.lower() in ("comment", "description", "title", "subject", "keywords", "software"):
            findings += _text_findings(path, key, text, rules)
    return findings
