"""Proofread a whole report: every section's heading, lead sentence and body, the section tree's
numbering, minus what staff chose to ignore. The caller owns the session."""
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from sqlalchemy.orm import Session

from core.drafting.numbering import Label, number_tree
from core.drafting.tree import SectionNode, build_tree, load_sections, walk
from core.kinds import kind_spec
from core.memo import Memo
from data_models import NodeType, Report

from . import messages, terms
from .engine import proofread_role
from .findings import Finding, same_spot
from .ignores import ignored_pairs
from .structure import tree_findings

FIELDS = ("heading", "lead", "body")


@dataclass
class ReportProofread:
    findings: list[Finding] = field(default_factory=list)
    ignored: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    def by_category(self) -> list[tuple[str, int]]:
        return Counter(f.category for f in self.findings).most_common()

    def for_section(self, section_id: Optional[int]) -> list[Finding]:
        return [f for f in self.findings if f.section_id == section_id]


def roles(node_type: str, run_in_below: bool = False) -> dict[str, str]:
    """Which field of a node is read in which role (an item's heading is never shown). A heading
    whose first item runs into its paragraph (一、… 一是…) is a sentence, not a line of its own."""
    if node_type in NodeType.HEADINGS:
        return {"heading": "lead" if run_in_below else "heading", "body": "body"}
    if node_type == NodeType.ITEM:
        return {"lead": "lead", "body": "body"}
    return {"body": "body"}


def text_findings(report: Report, tree: list[SectionNode], labels: dict[int, Label]) -> list[Finding]:
    findings = [f.placed(None, "title") for f in proofread_role(report.title, "heading")]
    for node, _depth in walk(tree):
        section = node.section
        run_in = bool(node.children) and labels[id(node.children[0])].run_in
        for name, role in roles(section.node_type, run_in).items():
            findings += [f.placed(section.id, name) for f in proofread_role(getattr(section, name) or "", role)]
    return findings


_reports = Memo(1024)  # a report's findings before ignores, under everything they are computed from


def report_key(report: Report, sections) -> tuple:
    """What a report's findings depend on: title, kind and settings (numbering), the terms list, and each
    section's place, type and text."""
    shape = repr([(s.id, s.parent_id, s.position, s.node_type, s.heading, s.lead, s.body) for s in sections])
    return (report.title, report.kind, repr(report.settings), terms.version(),
            hashlib.blake2b(shape.encode("utf-8"), digest_size=16).digest())


def proofread_report(session: Session, report: Report, apply_ignores: bool = True,
                     sections: list | None = None) -> ReportProofread:
    """`sections`: the report's sections when the caller has loaded them already."""
    sections = load_sections(session, report.id) if sections is None else sections
    findings = list(_reports.get(report_key(report, sections), lambda: tuple(_all_findings(report, sections))))
    if not apply_ignores:
        return ReportProofread(findings)
    ignored = ignored_pairs(session, report.id)
    kept = [f for f in findings if not is_ignored(f, ignored)]
    return ReportProofread(kept, len(findings) - len(kept))


def _all_findings(report: Report, sections) -> list[Finding]:
    spec = kind_spec(report.kind)
    settings = {**spec.settings, **(report.settings or {})}
    tree = build_tree(sections)
    labels = number_tree(tree, *spec.numbering_of(settings))
    order = {node.section.id: index for index, (node, _depth) in enumerate(walk(tree))}
    findings = text_findings(report, tree, labels) + tree_findings(tree, labels)
    findings.sort(key=lambda f: (order.get(f.section_id, -1), FIELDS.index(f.field) if f.field in FIELDS else -1,
                                 f.start, f.end))
    return findings


def is_ignored(finding: Finding, ignored: set[tuple[str, str]]) -> bool:
    return any(rule == finding.rule and (not spot or same_spot(spot, finding.fingerprint)) for rule, spot in ignored)


def proofread_summary(session: Session, report_id: int) -> str:
    """One line for callers about to render or submit: n errors, n warnings."""
    report = session.get(Report, report_id)
    if report is None:
        return ""
    result = proofread_report(session, report)
    if not result.findings:
        return messages.SUMMARY_CLEAN
    return messages.SUMMARY.format(errors=result.errors, warnings=result.warnings)
