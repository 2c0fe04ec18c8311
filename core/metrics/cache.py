"""Metric values cached per committee + period, invalidated by any change to the ledger.

Every page of the editor and preview asks for all of a committee's metrics; between two ledger
changes the answer is the same. The cache key carries a fingerprint of the committee's records
(count and latest updated_at: an insert, update or delete changes it) and of the metric catalogue,
read in one cheap query inside the caller's transaction — so a change is seen at once, also by
other processes (gunicorn workers), and uncommitted changes of the caller's own session too.
"""
import copy

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.memo import Memo
from data_models import MetricDefinition, Record

_values = Memo(256)


def fingerprint(session: Session, committee_ids) -> tuple:
    """One statement: the committees' record count and latest change, the catalogue's size and newest id."""
    mine = Record.committee_id.in_(list(committee_ids))
    parts = [select(func.count(Record.id)).where(mine), select(func.max(Record.updated_at)).where(mine),
             select(func.count(MetricDefinition.id)), select(func.max(MetricDefinition.id))]
    return tuple(session.execute(select(*(part.scalar_subquery() for part in parts))).one())


def cached(session: Session, committee_ids, key: tuple, compute):
    """compute() once per (database, committees, key, ledger state); callers get their own copy."""
    full_key = (str(session.get_bind().url), tuple(committee_ids), key, fingerprint(session, committee_ids))
    return _copy(_values.get(full_key, compute))


def _copy(values):
    """A copy the caller may change: new value objects, their lists and dicts copied (cheaper than deepcopy)."""
    if isinstance(values, dict):
        return {key: _copy(value) for key, value in values.items()}
    if isinstance(values, (list, tuple, str, int, float, type(None))):
        return copy.copy(values)
    clone = copy.copy(values)
    for name, attribute in vars(clone).items():
        if isinstance(attribute, (list, dict)):
            setattr(clone, name, copy.copy(attribute))
    return clone


def clear() -> None:
    _values.clear()
