"""A report's sections as a tree, and the outline of a kind written into a new report."""
from dataclasses import dataclass, field
from typing import Iterator, Optional, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.kinds import OutlineNode
from data_models import NodeType, Report, Section, SectionVersion


@dataclass(eq=False)
class SectionNode:
    section: Section
    children: list["SectionNode"] = field(default_factory=list)

    @property
    def node_type(self) -> str:
        return self.section.node_type


def load_sections(session: Session, report_id: int) -> list[Section]:
    return list(session.scalars(
        select(Section).where(Section.report_id == report_id).order_by(Section.position, Section.id)))


def build_tree(sections: Sequence[Section]) -> list[SectionNode]:
    """Roots in position order, each with its children; orphans (parent gone) become roots."""
    by_id = {s.id: SectionNode(s) for s in sections}
    roots: list[SectionNode] = []
    for s in sorted(sections, key=lambda s: (s.position, s.id)):
        parent = by_id.get(s.parent_id) if s.parent_id else None
        (parent.children if parent else roots).append(by_id[s.id])
    return roots


def walk(nodes: Sequence[SectionNode], depth: int = 0) -> Iterator[tuple[SectionNode, int]]:
    for node in nodes:
        yield node, depth
        yield from walk(node.children, depth + 1)


def describe(section: Section, number: str = "") -> str:
    """How a section is named in messages: its number and heading, or its lead, or its type."""
    text = section.heading or section.lead or NodeType.label_of(section.node_type)
    return f"{number}{text}"[:40]


def add_outline(session: Session, report: Report, outline: Sequence[OutlineNode],
                parent: Optional[Section] = None, user_id: Optional[int] = None) -> None:
    """Write a kind's default outline (or any outline) below `parent` and record version 1 of each."""
    for position, node in enumerate(outline):
        section = Section(report=report, parent_id=parent.id if parent else None, position=position,
                          node_type=node.node_type, key=node.key, heading=node.heading, lead=node.lead, body=node.body,
                          owner_id=user_id, updated_by_id=user_id)
        session.add(section)
        session.flush()
        record_version(session, section, user_id)
        add_outline(session, report, node.children, section, user_id)


def record_version(session: Session, section: Section, user_id: Optional[int]) -> SectionVersion:
    version = SectionVersion(section_id=section.id, version=section.version, heading=section.heading,
                             lead=section.lead, body=section.body, saved_by_id=user_id)
    session.add(version)
    return version
