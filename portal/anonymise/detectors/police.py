"""Police collar and warrant numbers, and crime and incident references."""
from __future__ import annotations

import re

from ..registry import register
from .base import PatternDetector
from .government_ids import DATE, MONTHS

# --- collar (shoulder) and warrant numbers ------------------------------------------

_RANKS = (r"Police\s+Constable|Special\s+Constable|Detective\s+Constable|Detective\s+Sergeant|"
          r"Detective\s+Inspector|PCSO|PC|PS|DC|DS|DI|DCI|SC|P\.C\.|P\.S\.|D\.C\.|D\.S\.|"
          r"Sgt\.?|Insp\.?|Sergeant|Constable|Inspector")

register(PatternDetector(
    rule="police-number",
    title="Police collar number",
    case_keywords=("PC", "PS", "DC", "DS", "DI", "SC", "P.C.", "P.S.", "D.C.", "D.S.", "Sgt", "Insp",
                   "Sergeant", "Constable", "Inspector", "Officer", "officer"),
    min_digits=1,
    pattern=re.compile(rf"(?<![\w-])(?:(?:{_RANKS})[ \t]?\d{{1,5}}"
                       # "Officer 1" is an anonymised label; a collar number is longer.
                       rf"|(?:Officer|officer)[ \t]?\d{{3,5}})(?![\w-]|\.\d)"),
    advice="remove it: a collar number identifies the officer",
))
register(PatternDetector(
    rule="police-number",
    title="Police collar or warrant number",
    keywords=("collar", "shoulder", "warrant", "badge", "staff", "payroll", "employee", "force"),
    # "warrant card 123456" needs no "number" (but three digits: "warrant card,
    # 2 officers"); "badge number, 1234,"; staff numbers may carry a letter
    # ("employee number E123456").
    pattern=re.compile(
        r"\b(?:(?:collar|shoulder)(?:\s+(?:number|no\.?|num))?"
        r"|warrant\s+card(?=[\s,:#]*(?:(?:is|was)\s*)?#?\d{3})"
        r"|(?:warrant(?:\s+card)?|badge|staff|payroll|employee|force)\s+(?:number|no\.?|num|id|#))"
        r"\s*,?\s*(?:is|was|:)?\s*#?(?P<number>[a-z]{0,2}\d{1,7})(?![\w-]|\.\d)"),
    lowercase=True,
    starts=("collar", "shoulder", "warrant", "badge", "staff", "payroll", "employee", "force"),
    group="number",
    advice="remove it: it identifies the officer or member of staff",
))

# --- crime, incident and case references ---------------------------------------------

# Patterns below run over the lower-cased record (lowercase=True), for speed.
_REFERENCE = r"(?:[a-z]{1,4}[-/]?)?\d[\da-z]*(?:[/-][\da-z]+)*"
register(PatternDetector(
    rule="crime-reference",
    title="Crime or incident reference",
    pattern=re.compile(
        r"\b(?:crime|occurrence|incident|log|cad|storm|niche|case|job|call|investigation)"
        r"\s+(?:reference|ref|number|no|num|id)\.?\s*(?:is|was|:|#)?\s*"
        rf"(?P<ref>{_REFERENCE})(?![\w-])"),
    lowercase=True,
    starts=("crime", "occurrence", "incident", "log", "cad", "storm", "niche", "case", "job", "call",
            "investigation"),
    group="ref",
    validate=lambda m: sum(ch.isdigit() for ch in m.group("ref")) >= 3,
    keywords=("crime", "occurrence", "incident", "log", "cad", "storm", "niche", "case", "job",
              "call", "investigation"),
    advice="remove it: a reference number can be looked up",
))
# Custody records ("custody record 07/123456/22", "custody number CU/2022/001234")
# and PNC ids ("PNC ID 22/123456A"). Five digits at least: "PNC 2023 checks"
# names a year, not a person.
register(PatternDetector(
    rule="crime-reference",
    title="Custody record or PNC number",
    pattern=re.compile(
        r"\b(?:custody\s+(?:record|reference|ref|number|no|num|id)(?:\s+(?:number|no|num))?"
        r"|pnc(?:\s+(?:id|number|no|num|ref|reference|record))?)"
        rf"\.?\s*(?:is|was|:|#)?\s*(?P<ref>{_REFERENCE})(?![\w-])"),
    lowercase=True,
    starts=("custody", "pnc"),
    group="ref",
    validate=lambda m: sum(ch.isdigit() for ch in m.group("ref")) >= 5,
    keywords=("custody", "pnc"),
    advice="remove it: a custody or PNC number identifies the person",
))

# A PNC id without "PNC": two (or four) year digits, a serial of up to seven
# digits and a check letter, the number (year digits and the serial padded to
# seven) mod 23 indexed into this alphabet. The algorithm is the one in the
# Ministry of Justice's own validators (hmpps-person-record, PNCIdentifier).
_PNC_CHECK_LETTERS = "ZABCDEFGHJKLMNPQRTUVWXY"


def _pnc_check_letter(match: re.Match[str]) -> bool:
    number = int(match.group("year")[-2:] + match.group("serial").zfill(7))
    return _PNC_CHECK_LETTERS[number % 23] == match.group("check").upper()


register(PatternDetector(
    rule="crime-reference",
    title="PNC number",
    pattern=re.compile(
        r"(?<![\w/.-])(?P<year>\d{2}|(?:19|20)\d\d)/(?P<serial>\d{4,7})(?P<check>[A-Z])(?![\w/-])"),
    validate=_pnc_check_letter,
    min_digits=6,
    case_keywords=("/",),
    hint=re.compile(r"/\d{4,7}[a-z]"),
    advice="remove it: a PNC number identifies the person",
))
# "incident 412 of 14/06/2022", "log 56 of 3 May": the force's daily log numbering.
register(PatternDetector(
    rule="crime-reference",
    title="Crime or incident reference",
    pattern=re.compile(
        r"\b(?:incident|log|cad|storm|occurrence|call)\s+(?:(?:no\.?|number|num)\s*)?"
        rf"(?P<ref>\d{{1,6}}\s+of\s+(?:{DATE.lower()}|\d{{1,2}}[/.-]\d{{1,2}}(?:[/.-]\d{{2,4}})?"
        rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS.lower()})))(?![\w/])"),
    lowercase=True,
    starts=("incident", "log", "cad", "storm", "occurrence", "call"),
    group="ref",
    keywords=("incident", "log", "cad", "storm", "occurrence", "call"),
    advice="remove it: a reference number can be looked up",
))
# "Ref: CR/2023/001234": a bare "ref" only before a structured reference.
register(PatternDetector(
    rule="crime-reference",
    title="Crime or incident reference",
    pattern=re.compile(
        r"\b(?:our\s+|your\s+)?ref(?:erence)?\.?\s*(?:no\.?|number)?\s*[:#]?\s*"
        r"(?P<ref>(?:[a-z]{1,4}[/-])?\d[\da-z]*(?:[/-][\da-z]+)+)(?![\w-])"),
    lowercase=True,
    starts=("our", "your", "ref"),
    group="ref",
    validate=lambda m: sum(ch.isdigit() for ch in m.group("ref")) >= 7,
    keywords=("ref",),
    advice="remove it: a reference number can be looked up",
))
# Occurrence numbers: 11 digits starting with the two-digit year ("23000123456").
register(PatternDetector(
    rule="crime-reference",
    title="Crime or occurrence number",
    pattern=re.compile(r"(?<![\w+.-])[12]\d{10}(?![\w-]|\.\d)"),
    min_digits=11,
    advice="remove it: a reference number can be looked up",
))
register(PatternDetector(
    rule="crime-reference",
    title="Case reference (URN)",
    case_keywords=("URN",),
    pattern=re.compile(r"\bURN\s*(?:is|was|:|#)?\s*(?P<ref>[A-Z0-9][A-Z0-9/-]{4,}[A-Z0-9])(?![\w-])"),
    group="ref",
    validate=lambda m: sum(ch.isdigit() for ch in m.group("ref")) >= 3,
    advice="remove it: a reference number can be looked up",
))
