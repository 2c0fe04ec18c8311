"""Changing text on request: 采纳 one suggestion, or apply every safe fix in a report at once.
Each change is an ordinary section save (a new version), so section history undoes it."""
from dataclasses import dataclass
from typing import Iterable, Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.drafting import sections as sec
from core.drafting.tree import load_sections
from data_models import Report, Section, SectionVersion

from . import messages
from .findings import Finding
from .report import proofread_report, roles
from .engine import proofread_text
from .rules import rules_by_id


class ProofreadError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Change:
    """One automatic fix: where, what it was, what it became, and the version to go back to."""

    section_id: int
    field: str
    before: str
    after: str
    rule: str
    undo_version_id: int


def apply_suggestion(session: Session, report: Report, section_id: int, field: str, rule: str,
                     fingerprint: str, user_id: Optional[int]) -> Finding:
    """Find the finding again by its fingerprint (offsets may have moved) and apply it."""
    section = session.get(Section, section_id)
    if section is None or section.report_id != report.id or field not in ("heading", "lead", "body"):
        raise ProofreadError(messages.GONE)
    finding = next((f for f in proofread_report(session, report, apply_ignores=False).findings
                    if (f.section_id, f.field, f.rule, f.fingerprint) == (section_id, field, rule, fingerprint)), None)
    if finding is None:
        raise ProofreadError(messages.GONE)
    if finding.suggestion is None:
        raise ProofreadError(messages.NO_SUGGESTION)
    _save(session, section, field, _replaced(getattr(section, field), [finding]), user_id)
    return finding


def _replaced(text: str, findings: Iterable[Finding]) -> str:
    """Apply suggestions from the end backwards so earlier offsets stay valid; overlaps skipped."""
    limit = len(text) + 1
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        if finding.end <= limit:
            text = text[:finding.start] + finding.suggestion + text[finding.end:]
            limit = finding.start
    return text


def _save(session: Session, section: Section, field: str, new_text: str, user_id: Optional[int]) -> None:
    fields = {"heading": section.heading, "lead": section.lead, "body": section.body, field: new_text}
    sec.save_section(session, section, seen_version=section.version, user_id=user_id, **fields)


def _latest_version_id(session: Session, section_id: int) -> int:
    return session.scalar(select(func.max(SectionVersion.id)).where(SectionVersion.section_id == section_id))


def safe_fixes(section: Section) -> dict[str, list[Finding]]:
    """The findings of rules marked safe (half→full-width punctuation, ellipsis, dash) per field."""
    by_rule = rules_by_id()
    result = {}
    for name, role in roles(section.node_type).items():
        found = [f for f in proofread_text(getattr(section, name) or "", role)
                 if by_rule[f.rule].fix and f.suggestion is not None]
        if found:
            result[name] = found
    return result


def autofix_report(session: Session, report: Report, user_id: Optional[int]) -> list[Change]:
    changes: list[Change] = []
    for section in load_sections(session, report.id):
        fixes = safe_fixes(section)
        if not fixes:
            continue
        undo_to = _latest_version_id(session, section.id)
        fields = {"heading": section.heading, "lead": section.lead, "body": section.body}
        for name, found in fixes.items():
            fields[name] = _replaced(fields[name], found)
            changes += [Change(section.id, name, f.text, f.suggestion, f.rule, undo_to) for f in found]
        sec.save_section(session, section, seen_version=section.version, user_id=user_id, **fields)
    return changes


def undo_autofix(session: Session, report: Report, version_ids: Iterable[int], user_id: Optional[int]) -> int:
    """Restore each section to the version it had before the fix; returns how many were restored."""
    restored = 0
    for version_id in set(version_ids):
        version = session.get(SectionVersion, version_id)
        section = session.get(Section, version.section_id) if version else None
        if section is None or section.report_id != report.id:
            raise ProofreadError(messages.GONE)
        sec.restore_version(session, section, version_id, user_id)
        restored += 1
    return restored
