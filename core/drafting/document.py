"""A report assembled: numbering generated, numbers merged, kind-specific lines added.

build_document() hands a DocumentContent to the .docx renderer; preview_text() gives the same
content as plain text with the warnings the preview lists.
"""
import copy
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Optional

from sqlalchemy.orm import Session

from core.cleaning import clean_text
from core.kinds import kind_spec
from core.memo import Memo
from core.metrics.values import MetricValue
from core.rendering.document import Block, DocumentContent
from data_models import NodeType, Report, Section

from . import context as ctx
from . import messages
from .merge import PlaceholderEnvironment, make_environment, merge_text
from .numbering import Label, number_tree
from .trace import mark_placeholders
from .tree import SectionNode, build_tree, describe, load_sections, walk
from .checks import (DraftWarning, empty_warning, flag_warnings, hand_typed_warnings, leftover_warnings,
                     merge_warnings, review_warnings, rule_warnings, stored_warnings, style_warnings,
                     typed_number_warning)


@dataclass
class Assembly:
    """What one pass over a report produces: the document, its warnings and the values used."""

    content: DocumentContent
    warnings: list[DraftWarning] = field(default_factory=list)
    values: dict[str, MetricValue] = field(default_factory=dict)
    metrics: dict[str, MetricValue] = field(default_factory=dict)  # the catalogue's values by metric key
    outline: list["OutlineRow"] = field(default_factory=list)  # the sections numbered, as outline() gives them


_merged = Memo(4096)  # pieces of text remembered merged (a 60-block report has about 200)


def names_key(names: dict[str, Any]) -> bytes:
    """A digest of everything a placeholder can read (every field of every value, report variables):
    a merge remembered under it is right for exactly these names."""
    return hashlib.blake2b(repr(sorted(names.items())).encode("utf-8"), digest_size=16).digest()


class _Merger:
    """Merges every piece of text of one report and collects the warnings it raises.

    With a `key` (names_key of the names, default filters) each piece is remembered merged, with its
    warnings, per text and place: the editor and preview re-merge only what changed since last time."""

    def __init__(self, env: PlaceholderEnvironment, names: dict[str, Any], values: dict[str, MetricValue],
                 trace: bool = False, key: bytes | None = None):
        self.env, self.names, self.values, self.trace, self.key = env, names, values, trace, key
        self.warnings: list[DraftWarning] = []
        self.used: set[str] = set()  # every placeholder name the report quotes

    def __call__(self, text: str, where: str, section_id: Optional[int] = None) -> str:
        if self.key is None:
            merged, warnings, used = self._merge(text, where, section_id)
        else:
            key = (self.key, self.trace, where, section_id,
                   hashlib.blake2b((text or "").encode("utf-8"), digest_size=16).digest())
            merged, warnings, used = _merged.get(key, lambda: self._merge(text, where, section_id))
        self.used |= used
        self.warnings += [copy.copy(warning) for warning in warnings]
        return merged

    def _merge(self, text: str, where: str, section_id: int | None) -> tuple[str, tuple, frozenset]:
        result = merge_text(self.env, mark_placeholders(text) if self.trace else text, self.names)
        if result.error and self.trace:  # unmerged text is shown as typed, without markers
            result.text = text
        warnings = (merge_warnings(where, section_id, result, self.values) + flag_warnings(where, section_id, result.text)
                    + leftover_warnings(where, section_id, text) + hand_typed_warnings(where, section_id, text, self.values)
                    + style_warnings(where, section_id, text, self.env, self.names)
                    + review_warnings(where, section_id, text))
        return clean_text(result.text), tuple(warnings), frozenset(result.names)  # text stored before the door cleaned it must still render


def assemble(session: Session, report: Report, values: Optional[dict[str, MetricValue]] = None,
             filters: Optional[dict] = None, trace: bool = False, items: bool = False,
             sections: Sequence[Section] | None = None) -> Assembly:
    """values and filters default to the metrics engine's and the number-style filters; with `trace`
    each merged number stays marked (core.drafting.trace.split_marked) for the preview's links; with
    `items` the computed metrics list a distinct count's values (for a package).
    `sections`: the report's sections when the caller has loaded them already."""
    sections = load_sections(session, report.id) if sections is None else sections
    failure, metrics = None, {}
    if values is None:
        values, metrics, failure = _computed_values(session, report, sections, items)
    env = make_environment(ctx.number_filters() if filters is None else filters)
    names = ctx.merge_context(values, ctx.report_variables(report))
    merge = _Merger(env, names, values, trace, key=names_key(names) if filters is None else None)
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
    labels = number_tree(tree, *spec.numbering_of(settings))
    rows = []
    for node, depth in walk(tree):
        content.blocks += _blocks(node, labels[id(node)], merge)
        rows.append(OutlineRow(node.section, depth, labels[id(node)].number, bool(node.children)))
    if settings.get("signature"):
        content.signature = settings.get("signature_text") or report.committee.name
        content.date = settings.get("date", "")
    content.addressee = settings.get("addressee", "")
    merge.warnings += rule_warnings(merge.used, values)
    merge.warnings += stored_warnings(sections, (settings.get("import") or {}).get("notes"), merge.warnings)
    return Assembly(content, merge.warnings, values, metrics, rows)


def _computed_values(session: Session, report: Report, sections,
                     items: bool = False) -> tuple[dict, dict, Optional[DraftWarning]]:
    """The report's metric values (by name, and by key); a failing engine becomes one warning, never a
    broken preview."""
    wants_previous = any("同比" in s.body or "yoy" in s.body for s in sections)
    values, metrics, error = ctx.safe_values(session, report, previous=wants_previous, items=items)
    failure = DraftWarning(None, "metrics_failed", messages.W_METRICS_FAILED.format(error=error)) if error else None
    return values, metrics, failure


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
    if section.node_type in NodeType.HEADINGS and heading:
        blocks.append(Block(label.block_kind, heading, number=label.number, section_id=sid, align=label.align))
    elif section.node_type == NodeType.ITEM:
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


def sections_key(sections: Sequence[Section]) -> bytes:
    """A digest of each section's place, type and text: what numbering, merging and checking read of them."""
    shape = repr([(s.id, s.parent_id, s.position, s.node_type, s.heading, s.lead, s.body) for s in sections])
    return hashlib.blake2b(shape.encode("utf-8"), digest_size=16).digest()


def report_key(report: Report) -> tuple:
    """What of a report itself an assembly reads besides its sections and names."""
    return (report.id, report.title, report.subtitle, report.kind, repr(report.settings), report.committee.name)


_checked = Memo(512)


def state_key(report: Report, values: dict[str, MetricValue], sections: Sequence[Section]) -> tuple:
    """Everything an assembly of the report with these values reads: a result remembered under it is right."""
    names = ctx.merge_context(values, ctx.report_variables(report))
    return report_key(report), sections_key(sections), names_key(names)


def checked_outline(session: Session, report: Report, values: dict[str, MetricValue],
                    sections: Sequence[Section], state: tuple | None = None) -> tuple[list[OutlineRow], list[DraftWarning]]:
    """The editor's part of assemble(): the numbered rows and the warnings, remembered under everything
    they are computed from (`state`: state_key of the same arguments, when the caller has it)."""
    key = (str(session.get_bind().url), state or state_key(report, values, sections))

    def compute() -> tuple[tuple, tuple]:
        assembly = assemble(session, report, values, sections=sections)
        return (tuple((row.section.id, row.depth, row.number, row.has_children) for row in assembly.outline),
                tuple(assembly.warnings))

    shape, warnings = _checked.get(key, compute)
    by_id = {section.id: section for section in sections}
    return ([OutlineRow(by_id[sid], depth, number, children) for sid, depth, number, children in shape],
            [copy.copy(warning) for warning in warnings])


def outline(session: Session, report: Report, sections: Sequence[Section] | None = None) -> list[OutlineRow]:
    """The section tree in reading order with the numbers the document will carry."""
    spec = kind_spec(report.kind)
    settings = {**spec.settings, **(report.settings or {})}
    tree = build_tree(load_sections(session, report.id) if sections is None else sections)
    labels = number_tree(tree, *spec.numbering_of(settings))
    return [OutlineRow(node.section, depth, labels[id(node)].number, bool(node.children)) for node, depth in walk(tree)]
