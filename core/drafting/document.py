"""A report assembled: numbering generated, numbers merged, kind-specific lines added.

build_document() hands a DocumentContent to the .docx renderer; preview_text() gives the same
content as plain text with the warnings the preview lists.
"""
from dataclasses import dataclass, field
from typing import Any, Optional

from sqlalchemy.orm import Session

from core.cleaning import clean_text
from core.metrics.values import MetricValue
from core.rendering.document import Block, DocumentContent
from data_models import Report

from . import context as ctx
from . import messages
from .kinds import kind_spec
from .merge import PlaceholderEnvironment, make_environment, merge_text
from .numbering import HEADING_TYPES, Label, number_tree
from .trace import mark_placeholders
from .tree import SectionNode, build_tree, describe, load_sections, walk
from .checks import (DraftWarning, empty_warning, flag_warnings, hand_typed_warnings, leftover_warnings,
                     merge_warnings, rule_warnings, stored_warnings, typed_number_warning)


@dataclass
class Assembly:
    """What one pass over a report produces: the document, its warnings and the values used."""

    content: DocumentContent
    warnings: list[DraftWarning] = field(default_factory=list)
    values: dict[str, MetricValue] = field(default_factory=dict)


class _Merger:
    """Merges every piece of text of one report and collects the warnings it raises."""

    def __init__(self, env: PlaceholderEnvironment, names: dict[str, Any], values: dict[str, MetricValue],
                 trace: bool = False):
        self.env, self.names, self.values, self.trace = env, names, values, trace
        self.warnings: list[DraftWarning] = []
        self.used: set[str] = set()  # every placeholder name the report quotes

    def __call__(self, text: str, where: str, section_id: Optional[int] = None) -> str:
        result = merge_text(self.env, mark_placeholders(text) if self.trace else text, self.names)
        if result.error and self.trace:  # unmerged text is shown as typed, without markers
            result.text = text
        self.used |= result.names
        self.warnings += merge_warnings(where, section_id, result, self.values)
        self.warnings += flag_warnings(where, section_id, result.text)
        self.warnings += leftover_warnings(where, section_id, text)
        self.warnings += hand_typed_warnings(where, section_id, text, self.values)
        return clean_text(result.text)  # text stored before the door cleaned it must still render


def assemble(session: Session, report: Report, values: Optional[dict[str, MetricValue]] = None,
             filters: Optional[dict] = None, trace: bool = False) -> Assembly:
    """values and filters default to the metrics engine's and the number-style filters; with `trace`
    each merged number stays marked (core.drafting.trace.split_marked) for the preview's links."""
    sections = load_sections(session, report.id)
    failure = None
    if values is None:
        values, failure = _computed_values(session, report, sections)
    env = make_environment(ctx.number_filters() if filters is None else filters)
    merge = _Merger(env, ctx.merge_context(values, ctx.report_variables(report)), values, trace)
    if failure:
        merge.warnings.append(failure)
    spec = kind_spec(report.kind)
    settings = {**spec.settings, **(report.settings or {})}
    content = DocumentContent(kind=report.kind, title=merge(report.title, "标题"),
                              committee_name=report.committee.name)
    content.subtitle_lines = [merge(line, "副标题") for line in _subtitle_lines(report, settings) if line]
    if settings.get("salutation"):
        content.blocks.append(Block("salutation", merge(settings["salutation"], "称谓")))
    tree = build_tree(sections)
    labels = number_tree(tree, settings.get("numbering", spec.style),
                         settings.get("parts_numbered", spec.parts_numbered))
    for node, _depth in walk(tree):
        content.blocks += _blocks(node, labels[id(node)], merge)
    if settings.get("signature"):
        content.signature = settings.get("signature_text") or report.committee.name
        content.date = settings.get("date", "")
    content.addressee = settings.get("addressee", "")
    merge.warnings += rule_warnings(merge.used, values)
    merge.warnings += stored_warnings(sections, (settings.get("import") or {}).get("notes"))
    return Assembly(content, merge.warnings, values)


def _computed_values(session: Session, report: Report, sections) -> tuple[dict, Optional[DraftWarning]]:
    """The report's metric values; a failing engine becomes one warning, never a broken preview."""
    wants_previous = any("同比" in s.body or "yoy" in s.body for s in sections)
    values, error = ctx.safe_metric_values(session, report, previous=wants_previous)
    return values, DraftWarning(None, "metrics_failed", messages.W_METRICS_FAILED.format(error=error)) if error else None


def _subtitle_lines(report: Report, settings: dict) -> list[str]:
    """The report's subtitle (——在…会议上, ——…解读), then the speaker and any further lines."""
    return [report.subtitle or "", settings.get("speaker", ""), *settings.get("subtitle_lines", [])]


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _blocks(node: SectionNode, label: Label, merge: _Merger) -> list[Block]:
    section = node.section
    where = describe(section, label.number)
    sid = section.id
    merge.warnings += empty_warning(where, section, bool(node.children)) + typed_number_warning(where, section)
    heading = merge(section.heading, where, sid)
    lead = merge(section.lead, where, sid)
    body = _paragraphs(merge(section.body, where, sid))
    blocks: list[Block] = []
    if section.node_type in HEADING_TYPES and heading:
        blocks.append(Block(label.block_kind, heading, number=label.number, section_id=sid, align=label.align))
    elif section.node_type == "item":
        first = body.pop(0) if body else ""
        blocks.append(Block("item", first, number=label.number, lead=lead, section_id=sid, run_in=label.run_in))
    return blocks + [Block("paragraph", text, section_id=sid) for text in body]


def build_document(session: Session, report_id: int) -> DocumentContent:
    """The report as the renderer needs it: numbered, merged, with its kind's lines."""
    return assemble(session, session.get(Report, report_id)).content


def as_text(content: DocumentContent) -> str:
    """Plain text of a document, run-in items joined to the paragraph before them."""
    lines = [content.title, *content.subtitle_lines]
    if content.addressee:
        lines.append(content.addressee)
    for block in content.blocks:
        text = f"{block.number}{block.lead}{block.text}"
        if block.run_in and len(lines) > 1:
            lines[-1] += text
        else:
            lines.append(text)
    lines += [line for line in (content.signature, content.date) if line]
    return "\n".join(lines)


def preview_text(session: Session, report_id: int) -> tuple[str, list[DraftWarning]]:
    assembly = assemble(session, session.get(Report, report_id))
    return as_text(assembly.content), assembly.warnings


@dataclass
class OutlineRow:
    """One line of the editor: a section, its depth and its generated number."""

    section: object
    depth: int
    number: str
    has_children: bool


def outline(session: Session, report: Report) -> list[OutlineRow]:
    """The section tree in reading order with the numbers the document will carry."""
    spec = kind_spec(report.kind)
    settings = {**spec.settings, **(report.settings or {})}
    tree = build_tree(load_sections(session, report.id))
    labels = number_tree(tree, settings.get("numbering", spec.style), settings.get("parts_numbered", spec.parts_numbered))
    return [OutlineRow(node.section, depth, labels[id(node)].number, bool(node.children)) for node, depth in walk(tree)]
