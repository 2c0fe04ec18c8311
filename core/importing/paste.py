"""Passages pasted into one block of the editor, split into blocks the way the importer reads them.

The block keeps the text before the first numbered line; each heading (一、 （一） 1. ■) and item
(一是 ●, as the report's numbering style generates them) after it becomes a block of its own, placed
by its level after the block: a lower level below it, the same or a higher level beside the nearest
block of that level. The typed numbers go (the editor numbers blocks itself), as in the importer.
Undoing restores the block's text and removes the new blocks, unless someone has changed them since.
"""
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit
from core.drafting import sections as sec
from core.drafting.document import outline
from core.kinds import kind_spec
from data_models import NodeType, Report, Section

from .nodes import Node, walk
from .outline import number_rank, parse_fragment
from .service import fold_items
from .source import ImportRefused, read_text

LEAF = 10  # items and paragraphs: below any heading
SPLIT_STALE = "本节在拆分前已被修改（可能在另一窗口），请刷新页面后再试。"
UNDO_STALE = "拆分后本节或新增的各节已有修改，无法整体撤销；请逐节修改或删除。"
NOTHING_TO_SPLIT = "本节正文中没有可拆分的标题或条目（一、（一）1. 一是 等）。"


class SplitRefused(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Piece:
    """One new block: its type, fields and level (0 part, 1 一、, 2 （一）, 3 1., 4 （1）, LEAF)."""

    node_type: str
    heading: str
    lead: str
    body: str
    level: float

    def label(self) -> str:
        return (self.heading or self.lead or self.body)[:20]


@dataclass
class SplitPlan:
    keep: str  # what stays in the block's body
    pieces: list[Piece]


def _level(node: Node) -> float:
    if node.kind in NodeType.HEADINGS:
        return node.rank  # 0 part, 1 一、, 1.5 ■, 2 （一）, 3 1., 4 （1）
    return 0 if node.kind == NodeType.CLOSING else LEAF


def plan_split(report: Report, body: str) -> SplitPlan:
    """How `body` splits; no pieces when it holds no heading or item."""
    try:
        lines = read_text(body).lines
    except ImportRefused:
        return SplitPlan(body, [])
    nodes = parse_fragment(lines, report.kind)
    style, _parts = kind_spec(report.kind).numbering_of(report.settings or {})
    fold_items(nodes, style)  # 一是 in a standard report stays text, as the importer does
    keep = ""
    if nodes and nodes[0].kind == NodeType.PREAMBLE:
        keep = nodes.pop(0).text
    if not nodes:
        return SplitPlan(body, [])
    pieces = [Piece(node.kind, node.title, node.lead or "", node.text, _level(node)) for node, _depth in walk(nodes)]
    return SplitPlan(keep, pieces)


class _Levels:
    """Each block's level as its printed number reads (a section numbered （一） is level 2 like a pasted
    （一）); unnumbered headings by their place: parts 0, the rest one below their parent heading."""

    def __init__(self, session: Session, report: Report):
        self.session = session
        self.numbers = {row.section.id: row.number for row in outline(session, report)}
        self.ranks: dict[int, float] = {}

    def __call__(self, section: Section) -> float:
        if section.id in self.ranks:
            return self.ranks[section.id]
        if section.node_type not in NodeType.HEADINGS:
            return LEAF
        rank = number_rank(self.numbers.get(section.id, ""))
        if rank is not None:
            return rank
        if section.node_type == NodeType.PART:
            return 0
        parent = _parent(self.session, section)
        return 1 if parent is None else self(parent) + 1


def _parent(session: Session, section: Section) -> Optional[Section]:
    return session.get(Section, section.parent_id) if section.parent_id else None


def _first_child_id(session: Session, section: Section) -> Optional[int]:
    return session.scalar(select(Section.id).where(Section.parent_id == section.id)
                          .order_by(Section.position, Section.id).limit(1))


def _place(session: Session, report: Report, after: Section, piece: Piece, levels: _Levels,
           user_id: Optional[int]) -> Section:
    """A new block for `piece` right after `after` in reading order, under the nearest heading above its level."""
    holder, below = after, None  # below: the child of `holder` that `after` sits in
    while holder is not None and not (holder.node_type in NodeType.HEADINGS and levels(holder) < piece.level):
        holder, below = _parent(session, holder), holder
    node_type = piece.node_type
    if node_type in NodeType.HEADINGS and below is not None and below.node_type in NodeType.HEADINGS:
        node_type = below.node_type  # beside a heading: the same type as it
    elif node_type in NodeType.HEADINGS:
        node_type = NodeType.SECTION if holder is None or holder.node_type == NodeType.PART else NodeType.SUBSECTION
    parent_id = holder.id if holder else None
    before = sec.next_sibling_id(session, below) if below is not None else _first_child_id(session, holder)
    section = sec.add_section(session, report, node_type, parent_id=parent_id, heading=piece.heading,
                              lead=piece.lead, body=piece.body, user_id=user_id)
    if before is not None:
        sec.place_section(session, section, parent_id, before)
    return section


def split_section(session: Session, report: Report, section: Section, seen_version: int,
                  user_id: Optional[int] = None) -> tuple[str, list[Section]]:
    """Split the block's saved body; returns the body it had and the new blocks in reading order."""
    if section.version != seen_version:
        raise SplitRefused(SPLIT_STALE)
    previous = section.body
    plan = plan_split(report, previous)
    if not plan.pieces:
        raise SplitRefused(NOTHING_TO_SPLIT)
    sec.save_section(session, section, seen_version=seen_version, heading=section.heading, lead=section.lead,
                     body=plan.keep, user_id=user_id)
    created, after, levels = [], section, _Levels(session, report)
    for piece in plan.pieces:
        after = _place(session, report, after, piece, levels, user_id)
        levels.numbers[after.id] = ""  # a new block is leveled by its piece's rank, kept below
        levels.ranks[after.id] = piece.level
        created.append(after)
    session.flush()  # the versions the undo compares against
    audit.record(session, "section.split", user_id=user_id, committee_id=report.committee_id, object_type="section",
                 object_id=section.id, report_id=report.id, created=[s.id for s in created])
    return previous, created


def undo_split(session: Session, report: Report, section: Section, seen_version: int, previous: str,
               created_versions: dict[int, int], user_id: Optional[int] = None) -> None:
    """Put the block's text back and remove the blocks the split made ({id: version} as the split left
    them), if none has changed since."""
    created = [session.get(Section, sid) for sid in created_versions]
    if section.version != seen_version or any(s is None or s.report_id != report.id or s.version != created_versions[s.id]
                                              for s in created):
        raise SplitRefused(UNDO_STALE)
    for piece in reversed(created):  # deepest last-made first: a parent never goes before its children
        if session.get(Section, piece.id) is not None:
            sec.delete_section(session, piece, user_id)
    sec.save_section(session, section, seen_version=seen_version, heading=section.heading, lead=section.lead,
                     body=previous, user_id=user_id)
