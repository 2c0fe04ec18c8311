"""Who sees which catalogue entry: platform defaults everyone, a committee's own additions itself
and the committees below it. Names (and keys) are unique within what any one committee sees, so a
record typed 党组会议 always means the same type to the committee that typed it."""
from dataclasses import dataclass

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from core.committees import ancestor_ids, subtree_ids
from data_models import RecordCategory, RecordType


def visible_to(model, owners: list[int]):
    """SQL condition: a platform default, or owned by one of `owners` (a committee and its ancestors)."""
    return or_(model.committee_id.is_(None), model.committee_id.in_(owners))


def visible_categories(session: Session, committee_id: int) -> Select:
    owners = ancestor_ids(session, committee_id)
    return select(RecordCategory).where(visible_to(RecordCategory, owners)) \
        .order_by(RecordCategory.sort_order, RecordCategory.id)


@dataclass
class CategoryView:
    """A category as one committee sees it: only the types visible to that committee."""

    category: RecordCategory
    types: list[RecordType]

    def __getattr__(self, name):
        return getattr(self.category, name)


def visible_types(category: RecordCategory, owners: list[int]) -> list[RecordType]:
    return [t for t in category.types if t.committee_id is None or t.committee_id in owners]


def affected_owners(session: Session, owner_id: int | None) -> list[int] | None:
    """Owners whose entries share a view with a new entry of `owner_id` (None: every entry)."""
    if owner_id is None:
        return None
    return list(dict.fromkeys(ancestor_ids(session, owner_id) + subtree_ids(session, owner_id)))


def _names(rows, owners: list[int] | None) -> set[str]:
    return {word for row in rows if owners is None or row.committee_id is None or row.committee_id in owners
            for word in (row.key, row.name)}


def category_name_taken(session: Session, owner_id: int | None, key: str, name: str) -> bool:
    rows = session.scalars(select(RecordCategory)).all()
    return bool({key, name} & _names(rows, affected_owners(session, owner_id)))


def type_name_taken(session: Session, category: RecordCategory, owner_id: int | None, key: str, name: str) -> bool:
    return bool({key, name} & _names(category.types, affected_owners(session, owner_id)))
