"""Metric values cached per committee + period, invalidated by any change to the ledger.

Every page of the editor and preview asks for all of a committee's metrics; between two ledger
changes the answer is the same. The cache key carries a fingerprint of the committee's records
(count and latest updated_at: an insert, update or delete changes it) and the metric catalogue's
version (core/metrics/definitions.py catalogue_version), read in one cheap query inside the caller's
transaction — so a change is seen at once, also by other processes (gunicorn workers), and uncommitted
changes of the caller's own session too. A value is computed inside a savepoint (a failing computation
leaves the caller's transaction usable); a remembered one costs the fingerprint query alone.
"""
import copy
import functools

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from core.memo import Memo
from data_models import Record

from .definitions import CATALOGUE_PARTS, catalogue_columns

_values = Memo(256)


def fingerprint(session: Session, committee_ids) -> tuple:
    """One statement: the committees' record count and latest change, then the catalogue's version
    (the last CATALOGUE_PARTS items: catalogue_of() of the result)."""
    return tuple(session.execute(_fingerprint_statement(), {"ids": list(committee_ids)}).one())


@functools.cache
def _fingerprint_statement() -> Select:
    """Built once (building it was a third of its cost), the committees bound per call as `ids`."""
    mine = Record.committee_id.in_(bindparam("ids", expanding=True))
    parts = [select(func.count(Record.id)).where(mine), select(func.max(Record.updated_at)).where(mine),
             *(select(column) for column in catalogue_columns())]
    return select(*(part.scalar_subquery() for part in parts))


def catalogue_of(state: tuple) -> tuple:
    """The catalogue version inside a fingerprint (equal to catalogue_version() read at the same time)."""
    return state[-CATALOGUE_PARTS:]


def cached(session: Session, committee_ids, key: tuple, compute, state: tuple | None = None):
    """compute() once per (database, committees, key, ledger state); callers get their own copy.
    `state`: fingerprint(session, committee_ids) when the caller has just read it in this transaction."""
    state = fingerprint(session, committee_ids) if state is None else state
    full_key = (str(session.get_bind().url), tuple(committee_ids), key, state)
    return _copy(_values.get(full_key, lambda: _guarded(session, compute)))


def _guarded(session: Session, compute):
    with session.begin_nested():
        return compute()


def _copy(values):
    """A copy the caller may change: new value objects, their lists and dicts copied (cheaper than deepcopy;
    a value object is made from its attributes directly, copy.copy's protocol is most of a cached page's copy)."""
    if isinstance(values, dict):
        return {key: _copy(value) for key, value in values.items()}
    if isinstance(values, (list, tuple, str, int, float, type(None))):
        return copy.copy(values)
    if not hasattr(values, "__dict__"):
        return copy.copy(values)
    clone = object.__new__(type(values))
    clone.__dict__.update({name: attribute.copy() if isinstance(attribute, (list, dict)) else attribute
                           for name, attribute in vars(values).items()})
    return clone


def clear() -> None:
    _values.clear()
