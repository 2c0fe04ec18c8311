"""Committee tree queries."""
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_models import Committee


def subtree_ids(session: Session, committee_id: int) -> list[int]:
    """The committee and every committee below it, breadth first."""
    ids, frontier = [committee_id], [committee_id]
    while frontier:
        frontier = list(session.scalars(select(Committee.id).where(Committee.superior_id.in_(frontier))))
        ids.extend(frontier)
    return ids


def ancestor_ids(session: Session, committee_id: int) -> list[int]:
    """The committee and every committee above it, nearest first."""
    ids, current = [], committee_id
    while current is not None and current not in ids:
        ids.append(current)
        current = session.scalar(select(Committee.superior_id).where(Committee.id == current))
    return ids


def find_committee(session: Session, ref: str) -> Committee | None:
    """A committee by id, short name or full name (CLI arguments)."""
    if ref.isdigit():
        return session.get(Committee, int(ref))
    stmt = select(Committee).where((Committee.short_name == ref) | (Committee.name == ref))
    return session.scalars(stmt).first()
