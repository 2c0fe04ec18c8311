"""Editing the section tree: add, save (no lost edits), reorder, delete, owner, history, restore.

The caller owns the session and commits. A save made on a stale copy is refused with both
versions; structural changes in between (reorder, owner) bump the row's version but do not
count as a conflicting text change.
"""
from dataclasses import dataclass
from datetime import datetime
from typing import Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from core import audit
from core.times import beijing_text
from data_models import Report, Section, SectionComment, SectionVersion, User
from data_models.report import NodeType
from data_models.base import utcnow

from . import messages
from .guards import ensure_editable
from .merge import storable_problem
from .tree import record_version

LIMITS = {"heading": 300, "lead": 300, "body": 20000}
FIELD_NAMES = {"heading": "标题", "lead": "引导句", "body": "正文"}


class InvalidEdit(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class SectionGone(LookupError):
    """The section was deleted (by someone else) before the save arrived."""

    message = messages.SECTION_GONE


@dataclass
class SectionText:
    heading: str
    lead: str
    body: str
    version: int = 0
    saved_by: str = ""
    saved_at: Optional[datetime] = None


class SaveConflict(Exception):
    """Someone else saved this section after the editor opened it; both texts are kept here."""

    def __init__(self, mine: SectionText, theirs: SectionText):
        when = beijing_text(theirs.saved_at)
        self.message = messages.CONFLICT.format(who=theirs.saved_by or messages.ANOTHER_USER, when=when)
        super().__init__(self.message)
        self.mine, self.theirs = mine, theirs


def _check(heading: str, lead: str, body: str) -> None:
    for name, value in (("heading", heading), ("lead", lead), ("body", body)):
        if len(value or "") > LIMITS[name]:
            raise InvalidEdit(messages.TEXT_TOO_LONG.format(field=FIELD_NAMES[name], limit=LIMITS[name]))
        if problem := storable_problem(value):
            raise InvalidEdit(messages.SECTION_ERROR.format(where=FIELD_NAMES[name], message=problem))


def _siblings(session: Session, report_id: int, parent_id: Optional[int]) -> list[Section]:
    return list(session.scalars(select(Section).where(
        Section.report_id == report_id, Section.parent_id.is_(None) if parent_id is None else Section.parent_id == parent_id,
    ).order_by(Section.position, Section.id)))


def add_section(session: Session, report: Report, node_type: str, *, parent_id: Optional[int] = None,
                heading: str = "", lead: str = "", body: str = "", owner_id: Optional[int] = None,
                user_id: Optional[int] = None) -> Section:
    ensure_editable(report)
    if not NodeType.known(node_type):
        raise InvalidEdit(messages.BAD_NODE_TYPE)
    if parent_id is not None:
        parent = session.get(Section, parent_id)
        if parent is None or parent.report_id != report.id:
            raise InvalidEdit(messages.BAD_PARENT)
    _check(heading, lead, body)
    position = len(_siblings(session, report.id, parent_id))
    section = Section(report_id=report.id, parent_id=parent_id, position=position, node_type=node_type,
                      heading=heading, lead=lead, body=body, owner_id=owner_id, updated_by_id=user_id)
    session.add(section)
    session.flush()
    record_version(session, section, user_id)
    return section


def text_of(session: Session, section: Section) -> SectionText:
    user = session.get(User, section.updated_by_id) if section.updated_by_id else None
    return SectionText(section.heading, section.lead, section.body, section.version,
                       (user.display_name or user.username) if user else "", section.updated_at)


def _text_saved_since(session: Session, section_id: int, seen_version: int) -> bool:
    return bool(session.scalar(select(func.count()).select_from(SectionVersion).where(
        SectionVersion.section_id == section_id, SectionVersion.version > seen_version)))


def save_section(session: Session, section: Section, *, seen_version: int, heading: str, lead: str,
                 body: str, user_id: Optional[int]) -> Section:
    """Save new text unless another save happened since `seen_version` (then SaveConflict)."""
    ensure_editable(section.report)
    _check(heading, lead, body)
    mine = SectionText(heading, lead, body, seen_version)
    if seen_version != section.version and _text_saved_since(session, section.id, seen_version):
        raise SaveConflict(mine, text_of(session, section))
    if (section.heading, section.lead, section.body) == (heading, lead, body):
        return section
    section.heading, section.lead, section.body = heading, lead, body
    section.updated_by_id, section.updated_at = user_id, utcnow()
    section.report.updated_at = section.updated_at  # the report list shows the latest edit
    section_id = section.id
    try:
        session.flush()  # UPDATE … WHERE version = :loaded (the mapper's version_id_col)
    except StaleDataError:
        session.rollback()  # a save landed between our read and our write
        raise SaveConflict(mine, text_of(session, session.get(Section, section_id))) from None
    record_version(session, section, user_id)
    audit.record(session, "section.save", user_id=user_id, committee_id=section.report.committee_id,
                 object_type="section", object_id=section.id, version=section.version)
    return section


def restore_version(session: Session, section: Section, version_id: int, user_id: Optional[int]) -> SectionVersion:
    old = session.get(SectionVersion, version_id)
    if old is None or old.section_id != section.id:
        raise InvalidEdit(messages.NO_SUCH_VERSION)
    save_section(session, section, seen_version=section.version, heading=old.heading, lead=old.lead,
                 body=old.body, user_id=user_id)
    return old


def history(session: Session, section_id: int) -> list[SectionVersion]:
    return list(session.scalars(select(SectionVersion).where(SectionVersion.section_id == section_id)
                                .order_by(SectionVersion.version.desc(), SectionVersion.id.desc())))


def move_section(session: Session, section: Section, step: int) -> None:
    """Move up (-1) or down (+1) among its siblings; numbering follows from the new order."""
    ensure_editable(section.report)
    siblings = _siblings(session, section.report_id, section.parent_id)
    index = siblings.index(section)
    target = index + step
    if 0 <= target < len(siblings):
        siblings[index], siblings[target] = siblings[target], siblings[index]
    _renumber(siblings)
    session.flush()


def _renumber(siblings: list[Section]) -> None:
    for position, sibling in enumerate(siblings):
        if sibling.position != position:
            sibling.position = position


def indent_section(session: Session, section: Section) -> None:
    """Make a section the last child of the sibling before it (one level down)."""
    ensure_editable(section.report)
    siblings = _siblings(session, section.report_id, section.parent_id)
    index = siblings.index(section)
    if index == 0:
        return
    new_parent = siblings[index - 1]
    section.position = len(_siblings(session, section.report_id, new_parent.id))
    section.parent_id = new_parent.id
    _renumber(siblings[:index] + siblings[index + 1:])
    session.flush()


def outdent_section(session: Session, section: Section) -> None:
    """Move a section up one level, right after its former parent."""
    ensure_editable(section.report)
    if section.parent_id is None:
        return
    parent = session.get(Section, section.parent_id)
    old_siblings = [s for s in _siblings(session, section.report_id, parent.id) if s is not section]
    new_siblings = _siblings(session, section.report_id, parent.parent_id)
    new_siblings.insert(new_siblings.index(parent) + 1, section)
    section.parent_id = parent.parent_id
    _renumber(old_siblings)
    _renumber(new_siblings)
    session.flush()


def set_owner(session: Session, section: Section, owner_id: Optional[int]) -> None:
    ensure_editable(section.report)
    if owner_id is not None:
        owner = session.get(User, owner_id)
        if owner is None or owner.committee_id != section.report.committee_id:
            raise InvalidEdit(messages.BAD_OWNER)
    section.owner_id = owner_id
    session.flush()


def delete_section(session: Session, section: Section, user_id: Optional[int] = None) -> None:
    """Delete a section and everything below it; the audit log keeps what the deleted text was."""
    ensure_editable(section.report)
    first_saved = session.scalar(select(func.min(SectionVersion.saved_at)).where(SectionVersion.section_id == section.id))
    audit.record(session, "section.delete", user_id=user_id, committee_id=section.report.committee_id,
                 object_type="section", object_id=section.id, heading=section.heading, lead=section.lead,
                 body=section.body, report_id=section.report_id,  # the review's diff lists deleted sections
                 created=first_saved.isoformat() if first_saved else None)
    for child in session.scalars(select(Section).where(Section.parent_id == section.id)).all():
        delete_section(session, child, user_id)
    session.execute(SectionVersion.__table__.delete().where(SectionVersion.section_id == section.id))
    session.execute(SectionComment.__table__.delete().where(SectionComment.section_id == section.id))
    session.delete(section)
    session.flush()


def _descendant_ids(session: Session, section: Section) -> set[int]:
    found, frontier = set(), [section.id]
    while frontier:
        children = session.scalars(select(Section.id).where(Section.parent_id.in_(frontier))).all()
        frontier = [c for c in children if c not in found]
        found.update(frontier)
    return found


def place_section(session: Session, section: Section, parent_id: Optional[int], before_id: Optional[int] = None) -> None:
    """Move a section (with everything below it) under `parent_id` (None: top level), just before the
    sibling `before_id`, or last when there is none."""
    ensure_editable(section.report)
    if parent_id is not None:
        parent = session.get(Section, parent_id)
        if parent is None or parent.report_id != section.report_id or parent_id == section.id \
                or parent_id in _descendant_ids(session, section):
            raise InvalidEdit(messages.BAD_PARENT)
    old = [s for s in _siblings(session, section.report_id, section.parent_id) if s is not section]
    new = old if parent_id == section.parent_id else _siblings(session, section.report_id, parent_id)
    index = next((i for i, s in enumerate(new) if s.id == before_id), len(new))
    new.insert(index, section)
    section.parent_id = parent_id
    _renumber(old)
    _renumber(new)
    session.flush()


def next_sibling_id(session: Session, section: Section) -> Optional[int]:
    siblings = _siblings(session, section.report_id, section.parent_id)
    index = siblings.index(section)
    return siblings[index + 1].id if index + 1 < len(siblings) else None


def set_node_type(session: Session, section: Section, node_type: str) -> None:
    """Change what a block is (节, 条目, 导语…); its number and look follow from the type."""
    ensure_editable(section.report)
    if not NodeType.known(node_type):
        raise InvalidEdit(messages.BAD_NODE_TYPE)
    section.node_type = node_type
    session.flush()
