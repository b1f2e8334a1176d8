"""Rebuild the name lists and the English word list in config/anonymise/.

The data files are committed, so the check never needs these sources at run
time. Rebuild only to refresh them, from pinned public sources:

    python -m pip download --no-deps -d /tmp/gaz names==0.3.0 faker==40.54.0
    (cd /tmp/gaz && apt-get download scowl)   # Debian package scowl 2020.12.07-2
    python config/anonymise/sources/build_gazetteers.py /tmp/gaz

Sources and licences (each data file repeats its own in its header):
- US Census Bureau 1990 name frequency files (public domain, a work of the US
  government), as shipped in the PyPI package `names` 0.3.0 (MIT licence):
  dist.male.first, dist.female.first, dist.all.last.
- Faker 40.54.0 (MIT licence) person providers for locales whose people live
  in the UK in numbers (en_GB names are from the Office for National
  Statistics; others as cited in each Faker module). Latin-script names only.
- SCOWL 2020.12.07 (Kevin Atkinson; permissive licence: use, copy, modify,
  distribute with the copyright notice), sizes 10-50 of the English and
  British word lists, each word with its size (10 = most common).
"""
from __future__ import annotations

import importlib
import re
import sys
import tarfile
import unicodedata
import zipfile
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent.parent
FAKER_LOCALES = (
    "en_GB", "en_IE", "en_US", "en_IN", "en_PK", "en_NG", "yo_NG", "ig_NG", "ha_NG",
    "en_KE", "tw_GH", "sw", "zu_ZA", "pl_PL", "ro_RO", "lt_LT", "it_IT", "pt_PT",
    "pt_BR", "es_ES", "fr_FR", "de_DE", "nl_NL", "tr_TR", "cs_CZ", "sk_SK", "hu_HU",
    "lv_LV", "bg_BG", "hr_HR", "sl_SI", "sv_SE", "da_DK", "no_NO", "fi_FI",
)
SCOWL_SIZES = (10, 20, 35, 40, 50)
SCOWL_VARIETIES = ("english", "british", "british_variant_1")
# The census surname file is in order of frequency; its first 3,000 names are
# the "frequent" ones.
FREQUENT_CENSUS_SURNAMES = 3000
LATIN_NAME = re.compile(r"^[^\W\d_]+(?:['’\-][^\W\d_]+)*$")


def name_key(word: str) -> str:
    """The same normalisation the detector applies to a token."""
    decomposed = unicodedata.normalize("NFKD", word.replace("’", "'").casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_latin(word: str) -> bool:
    return bool(LATIN_NAME.match(word)) and all(
        ord(ch) < 0x250 or ch in "’" for ch in word
    )


def census_names(source: Path) -> tuple[list[str], list[str]]:
    archive = next(source.glob("names-0.3.0.tar.gz"))
    first: list[str] = []
    last: list[str] = []
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            target = None
            if member.name.endswith(("dist.male.first", "dist.female.first")):
                target = first
            elif member.name.endswith("dist.all.last"):
                target = last
            if target is None:
                continue
            text = tar.extractfile(member).read().decode("ascii")
            target.extend(line.split()[0] for line in text.splitlines() if line.strip())
    return first, last


def faker_en_gb_surnames(source: Path) -> list[str]:
    """The en_GB surnames (from the ONS), the most frequent in the UK."""
    provider = importlib.import_module("faker.providers.person.en_GB").Provider
    return list(provider.last_names)


def faker_names(source: Path) -> tuple[list[str], list[str]]:
    wheel = next(source.glob("faker-40.54.0-*.whl"))
    unpacked = source / "faker-unpacked"
    if not unpacked.exists():
        with zipfile.ZipFile(wheel) as zf:
            zf.extractall(unpacked)
    sys.path.insert(0, str(unpacked))
    first: list[str] = []
    last: list[str] = []
    for locale in FAKER_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in dir(provider):
            values = getattr(provider, attribute)
            if callable(values) or not isinstance(values, (tuple, list, dict)):
                continue
            if attribute.startswith("first_name"):
                first.extend(values)
            elif attribute.startswith("last_name"):
                last.extend(values)
    return first, last


def scowl_words(source: Path) -> dict[str, int]:
    deb = next(source.glob("scowl_*.deb"))
    unpacked = source / "scowl-unpacked"
    if not unpacked.exists():
        import subprocess
        subprocess.run(["dpkg-deb", "-x", str(deb), str(unpacked)], check=True)
    folder = unpacked / "usr/share/dict/scowl"
    levels: dict[str, int] = {}
    for size in SCOWL_SIZES:
        for variety in SCOWL_VARIETIES:
            path = folder / f"{variety}-words.{size}"
            if not path.exists():
                continue
            for word in path.read_text(encoding="utf-8", errors="replace").split():
                # Lower-case entries only: capitalised ones are proper nouns.
                if word == word.lower() and word.isascii() and LATIN_NAME.match(word):
                    levels.setdefault(name_key(word), size)
    return levels


def write(path: Path, header: str, entries: set[str]) -> None:
    body = "\n".join(sorted(entries))
    path.write_text(header.strip() + "\n" + body + "\n", encoding="utf-8")
    print(f"{path.name}: {len(entries)} entries")


def main(source: Path) -> None:
    census_first, census_last = census_names(source)
    faker_first, faker_last = faker_names(source)
    first = {name_key(n) for n in census_first + faker_first if is_latin(n) and len(n) > 1}
    last = {name_key(n) for n in census_last + faker_last if is_latin(n) and len(n) > 1}
    levels = scowl_words(source)
    frequent = {name_key(n) for n in census_last[:FREQUENT_CENSUS_SURNAMES]
                + faker_en_gb_surnames(source)}
    write(OUT_DIR / "first_names.txt", """
# First names (given names), lower case, accents removed: one a line.
# Generated by config/anonymise/sources/build_gazetteers.py; do not edit by hand
# (to add a name the check misses, add it to extra_names.yml instead).
# Sources: US Census Bureau 1990 given-name files (public domain), as shipped in
# the PyPI package names 0.3.0 (MIT); Faker 40.54.0 (MIT) person providers for
# """ + ", ".join(FAKER_LOCALES) + """ (Latin-script names only; en_GB from the ONS).
""", first)
    write(OUT_DIR / "surnames.txt", """
# Surnames, lower case, accents removed: one a line.
# Generated by config/anonymise/sources/build_gazetteers.py; do not edit by hand.
# Sources: US Census Bureau 1990 surname file dist.all.last, 88,799 names
# (public domain), as shipped in the PyPI package names 0.3.0 (MIT); Faker
# 40.54.0 (MIT) person providers (same locales as first_names.txt).
""", last)
    write(OUT_DIR / "frequent_surnames.txt", """
# The most frequent surnames, lower case: one a line. A surname that is also a
# common word ("Brown", "Price", "Ward") counts as a surname after a first name
# that is also a word ("Will Brown") only if it is in this list.
# Generated by config/anonymise/sources/build_gazetteers.py; do not edit by hand.
# Sources: the first 3,000 names of the US Census Bureau 1990 surname file
# (public domain; ordered by frequency), as shipped in the PyPI package names
# 0.3.0 (MIT); and the Faker 40.54.0 (MIT) en_GB surnames, from the ONS.
""", frequent)
    header = """
# English words (lower-case entries only) with their SCOWL size, one a line:
# "word size". Size 10 holds the most common words; 20, 35, 40, 50 are rarer.
# The check uses the sizes like this: a name that is also a word up to size 35
# (bill, grace, victor) needs more evidence to count as a name; a surname that
# is a word up to size 20 (price, ward) is a weak one; and a capitalised word
# that is in no size up to 50 and in no name list is taken as a possible surname.
# Generated by config/anonymise/sources/build_gazetteers.py from SCOWL
# 2020.12.07 (Debian package scowl), lists english/british/british_variant_1
# words, sizes 10 to 50.
# Copyright 2000-2018 by Kevin Atkinson. Permission to use, copy, modify,
# distribute and sell these word lists, the associated scripts, the output
# created from the scripts, and its documentation for any purpose is hereby
# granted without fee, provided that the above copyright notice appears in all
# copies and that both that copyright notice and this permission notice appear
# in supporting documentation. Kevin Atkinson makes no representations about
# the suitability of this array for any purpose. It is provided "as is"
# without express or implied warranty. (SCOWL also incorporates public-domain
# Moby Words II and other sources credited in its README.)
"""
    write(OUT_DIR / "english_words.txt", header, {f"{w} {n}" for w, n in levels.items()})


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: build_gazetteers.py SOURCE_DIR")
    main(Path(sys.argv[1]))
