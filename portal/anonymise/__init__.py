"""The anonymisation gate: finds personal data in records before they are
published. Domain code only: nothing here imports MkDocs.

    from portal.anonymise import check_text, check_paths, format_findings, load_rules

    findings = check_text(text, "dilemmas/2023-001.md", rules=load_rules())
    print(format_findings(findings, "text"))
"""
from .engine import InputError, check_paths, check_text
from .findings import AcceptedException, Finding, format_findings, has_failure, write_step_summary
from .rules import Rules, RulesError, load_rules

__all__ = [
    "AcceptedException", "Finding", "InputError", "Rules", "RulesError", "check_paths",
    "check_text", "format_findings", "has_failure", "load_rules", "write_step_summary",
]
