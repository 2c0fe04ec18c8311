"""Metric definitions as data: read from metric_definition, seeded from the default catalogue."""
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from core.ledger.catalogue import CATEGORIES
from core.memo import Memo
from data_models import MetricDefinition, RecordCategory, RecordType

from .catalogue import CATALOGUE, MetricSpec


def spec_from_row(row: MetricDefinition) -> MetricSpec:
    return MetricSpec(
        key=row.key, label=row.label, unit=row.unit or "", kind=row.kind, category=row.category_key or "",
        types=tuple(row.type_keys or ()), field=row.field or "count", filters=dict(row.filters or {}),
        formula=row.formula or "", basis=row.period_basis or "period", group=row.group or "",
        rollup=row.rollup or "", decimals=row.decimals,
    )


def load_specs(session: Session, committee_id: int | None = None) -> list[MetricSpec]:
    """Shared definitions plus the committee's own, in display order; the catalogue if none are stored."""
    stmt = select(MetricDefinition).order_by(MetricDefinition.sort_order, MetricDefinition.id)
    if committee_id is None:
        stmt = stmt.where(MetricDefinition.committee_id.is_(None))
    else:
        stmt = stmt.where(or_(MetricDefinition.committee_id.is_(None), MetricDefinition.committee_id == committee_id))
    rows = session.scalars(stmt).all()
    return [spec_from_row(row) for row in rows] if rows else list(CATALOGUE)


_specs = Memo(256)


def catalogue_columns() -> tuple:
    """What catalogue_version reads: the definitions' count, newest id, and sums of label lengths, order
    and decimals."""
    row = MetricDefinition
    return (func.count(row.id), func.max(row.id), func.sum(func.length(row.label)), func.sum(row.sort_order),
            func.sum(func.coalesce(row.decimals, 0)))


CATALOGUE_PARTS = len(catalogue_columns())


def catalogue_version(session: Session) -> tuple:
    """Changes with every definition added or deleted (ids only grow), and with a label, order or decimals
    changed in place (the catalogue administration never does, a database console may)."""
    return tuple(session.execute(select(*catalogue_columns())).one())


def cached_specs(session: Session, committee_id: int | None = None, version: tuple | None = None) -> list[MetricSpec]:
    """load_specs, remembered per catalogue version (one small query instead of every definition row;
    none with `version`, the catalogue_version the caller has just read in this transaction)."""
    version = catalogue_version(session) if version is None else version
    key = (str(session.get_bind().url), committee_id, version)
    return list(_specs.get(key, lambda: tuple(load_specs(session, committee_id))))


def seed_catalogue(session: Session) -> list[str]:
    """Insert the default categories, types and metrics that are missing; never overwrite edits."""
    added_types = _seed_categories(session)
    known = set(session.scalars(select(MetricDefinition.key)))
    labels = set(session.scalars(select(MetricDefinition.label)))
    added = 0
    for order, spec in enumerate(CATALOGUE):
        if spec.key in known or spec.label in labels:
            continue
        session.add(MetricDefinition(
            key=spec.key, label=spec.label, unit=spec.unit, kind=spec.kind, category_key=spec.category,
            type_keys=list(spec.types), field=spec.field, filters=dict(spec.filters), formula=spec.formula,
            period_basis=spec.basis, group=spec.group, sort_order=order * 10, rollup=spec.rollup,
            decimals=spec.decimals,
        ))
        added += 1
    session.flush()
    return [f"台账类别与指标目录：新增类型 {added_types} 个、指标 {added} 个"]


def _seed_categories(session: Session) -> int:
    categories = {c.key: c for c in session.scalars(select(RecordCategory))}
    existing = {(t.category_id, t.key) for t in session.scalars(select(RecordType))}
    added = 0
    for order, (key, name, types, fields) in enumerate(CATEGORIES):
        category = categories.get(key)
        if category is None:
            category = RecordCategory(key=key, name=name, sort_order=order * 10,
                                      fields=[{"key": k, "label": label, "type": kind} for k, label, kind in fields])
            session.add(category)
            session.flush()
        for type_order, (type_key, type_name) in enumerate(types):
            if (category.id, type_key) not in existing:
                session.add(RecordType(category_id=category.id, key=type_key, name=type_name, sort_order=type_order * 10))
                added += 1
    session.flush()
    return added
