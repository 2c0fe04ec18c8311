"""SQL conditions that pick the records behind a metric; shared by the engine and traceability."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, false, literal, select, true
from sqlalchemy.orm import Session

from data_models import Record, RecordCategory, RecordType

from .catalogue import MetricSpec


@dataclass
class KeyMap:
    """Category and type keys resolved to ids, read once per computation."""

    categories: dict  # category key -> id
    types: dict  # (category key, type key) -> id

    @classmethod
    def load(cls, session: Session) -> "KeyMap":
        rows = session.execute(select(RecordCategory.key, RecordCategory.id, RecordType.key, RecordType.id)
                               .join(RecordType, RecordType.category_id == RecordCategory.id, isouter=True)).all()
        return cls({r[0]: r[1] for r in rows}, {(r[0], r[2]): r[3] for r in rows if r[2] is not None})


def attr_text(key: str):
    """An attribute as text (PostgreSQL) or its JSON scalar (SQLite)."""
    return Record.attrs[key].as_string()


def value_expr(field: str, dialect: str, as_number: bool):
    """The column a sum / distinct / list metric reads: count, persons, amount, title or attrs.<key>."""
    if field.startswith("attrs."):
        key = field[len("attrs."):]
        return Record.attrs[key].as_float() if as_number else attr_text(key)
    return getattr(Record, field)


def _literal_for(value, dialect: str):
    if isinstance(value, bool):  # JSON true is 'true' as text on PostgreSQL, 1 on SQLite
        return ("true" if value else "false") if dialect == "postgresql" else int(value)
    return str(value) if dialect == "postgresql" else value


def filter_condition(filters: dict, dialect: str):
    parts = []
    for field, wanted in (filters or {}).items():
        column = value_expr(field, dialect, as_number=False)
        if isinstance(wanted, (list, tuple)):
            parts.append(column.in_([_literal_for(v, dialect) for v in wanted]))
        else:
            parts.append(column == _literal_for(wanted, dialect))
    return and_(true(), *parts)


def spec_condition(spec: MetricSpec, keys: KeyMap, dialect: str):
    """Category, types and attribute filters of a count/sum/distinct/list metric (no dates)."""
    category_id = keys.categories.get(spec.category)
    if category_id is None:
        return false()
    parts = [Record.category_id == category_id]
    if spec.types:
        type_ids = [keys.types[(spec.category, t)] for t in spec.types if (spec.category, t) in keys.types]
        parts.append(Record.type_id.in_(type_ids) if type_ids else false())
    if spec.filters:
        parts.append(filter_condition(spec.filters, dialect))
    return and_(*parts)


def date_condition(start, end: date):
    """start is a date, a SQL expression (per-committee start) or None (stock up to `end`)."""
    if start is None:
        return Record.date <= end
    if isinstance(start, date):
        start = literal(start)
    return and_(Record.date >= start, Record.date <= end)
