"""The 汇报材料's content: the chosen sections of approved reports, as trees with merged text."""
from dataclasses import dataclass, field
from typing import Callable, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_models import NodeType, Section

Merge = Callable[[str, Section], str]  # (text, the section it comes from) -> merged text


@dataclass
class BriefingNode:
    """One chosen section (or a node below it) with its text already merged for the period."""

    heading: str = ""
    body: str = ""
    lead: str = ""
    node_type: str = NodeType.SECTION
    section_id: Optional[int] = None
    children: list["BriefingNode"] = field(default_factory=list)


def briefing_tree(session: Session, section_ids: list[int], merge: Merge) -> list[BriefingNode]:
    """Each chosen section with everything below it, in the order staff chose them."""
    chosen = {s.id: s for s in session.scalars(select(Section).where(Section.id.in_(section_ids)))}
    report_ids = {s.report_id for s in chosen.values()}
    children: dict[int, list[Section]] = {}
    rows = session.scalars(select(Section).where(Section.report_id.in_(report_ids), Section.parent_id.is_not(None))
                           .order_by(Section.position, Section.id)) if report_ids else []
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)
    return [_node(chosen[i], children, merge) for i in section_ids if i in chosen]


def _node(section: Section, children: dict[int, list[Section]], merge: Merge) -> BriefingNode:
    return BriefingNode(
        heading=merge(section.heading, section), body=merge(section.body, section),
        lead=merge(section.lead, section),
        node_type=section.node_type, section_id=section.id,
        children=[_node(child, children, merge) for child in children.get(section.id, [])],
    )
