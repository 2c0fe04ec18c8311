"""Structure judged on a report's section tree (GB/T 9704-2012 7.3.3): numbers typed into
headings the tree already numbers, body numbering that skips a level, and 一是 at two levels."""
import re
from typing import Iterator, Sequence

from core.drafting.numbering import Label
from core.drafting.tree import SectionNode, walk
from data_models.report import NodeType

from .engine import make_finding
from .findings import Finding
from .numbering import mark_text, marks
from .rules import Hit, rules_by_id

_TYPED = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|（[一二三四五六七八九十]{1,3}）[、.．]?"
                    r"|\d{1,2}[.．、](?!\d)|（\d{1,2}）|[一二三四五六七八九十]{1,2}是(?![否非])|[■●])\s*")
_LEVELS = {"heading1": 0, "heading2": 1, "heading3": 2, "heading4": 3}


def tree_findings(roots: Sequence[SectionNode], labels: dict[int, Label]) -> list[Finding]:
    findings = list(_typed_numbers(roots, labels))
    findings += _skipped_levels(roots, labels)
    for root in roots:
        findings += _yishi_levels(root, labels)
    return findings


def _finding(rule_id: str, node: SectionNode, field: str, hit: Hit) -> Finding:
    text = getattr(node.section, field)
    return make_finding(rules_by_id()[rule_id], text, hit).placed(node.section.id, field)


def _typed_numbers(roots, labels) -> Iterator[Finding]:
    """A heading or lead that starts with a number the document will add again."""
    for node, _depth in walk(roots):
        field = "lead" if node.node_type == NodeType.ITEM else "heading"
        numbered = node.node_type in NodeType.HEADINGS or labels[id(node)].number
        match = _TYPED.match(getattr(node.section, field) or "")
        if match and numbered and node.node_type in (*NodeType.HEADINGS, NodeType.ITEM):
            yield _finding("struct.typed_number", node, field, Hit(match.start(), match.end(), ""))


def _heading_level(node: SectionNode, labels, inherited: int) -> int:
    return _LEVELS.get(labels[id(node)].block_kind, inherited) if node.node_type != NodeType.ITEM else inherited


def _skipped_levels(roots, labels, inherited: int = -1) -> Iterator[Finding]:
    """Numbers typed in a body go one level below the node they sit in: 一、 → （一） → 1. → （1）."""
    for node in roots:
        level = _heading_level(node, labels, inherited)
        seen: set[int] = set()
        for mark in marks(node.section.body or ""):
            if mark.level == 4:
                continue
            allowed = level + 1 if not seen else max(seen) + 1
            if mark.level > allowed or mark.level <= level:
                expected = min(max(level + 1, 0), 3) if mark.level <= level else allowed
                yield _finding("struct.skipped_level", node, "body",
                               Hit(mark.start, mark.end, mark_text(expected, mark.value)))
            seen.add(mark.level)
        yield from _skipped_levels(node.children, labels, level)


def _yishi_levels(root: SectionNode, labels) -> list[Finding]:
    """Within one top-level part, 一是 belongs to one level only (an item label or body text)."""
    used: dict[float, list[Finding]] = {}
    for node, depth in walk(root.children, 1):
        if labels[id(node)].number.endswith("是"):
            hit = Hit(0, len(node.section.lead or ""), None)
            used.setdefault(depth, []).append(_finding("struct.yishi_levels", node, "lead", hit))
        for mark in marks(node.section.body or ""):
            if mark.level == 4 and mark.value == 1:
                hit = Hit(mark.start, mark.end, None)
                used.setdefault(depth + 0.5, []).append(_finding("struct.yishi_levels", node, "body", hit))
    if len(used) < 2:
        return []
    deeper = sorted(used)[1:]
    return [finding for level in deeper for finding in used[level][:1]]
