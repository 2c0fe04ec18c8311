"""The SQL behind the engine: one aggregate query and one list query per computation.

The aggregate query is a UNION ALL with one branch per ledger category; each branch reads only
that category's rows (through ix_record_lookup) and computes that category's metrics with a CASE
each, grouped by committee. Statements are built once per catalogue and reused with new
parameters, so a report costs little more than the database's own work.
"""
from datetime import date
from decimal import Decimal

from sqlalchemy import Date, Numeric, bindparam, case, cast, func, literal, null, select, union_all
from sqlalchemy.orm import Session

from data_models import Committee, Record

from .catalogue import MetricSpec
from .conditions import KeyMap, date_condition, spec_condition, value_expr
from .periods import Period

AGGREGATE_KINDS = ("count", "sum", "distinct")
# "Since the meeting" (自*届二次会议以来) starts at the last plenary meeting on or before the period's end.
SINCE_MEETING = ("meeting", "plenary")
_STATEMENTS: dict = {}


def compute_raw(session: Session, ids: list[int], period: Period, specs: list[MetricSpec], items: bool = False) -> dict:
    """{committee id: {metric key: raw value}} for every non-formula metric; "_since": meeting dates.

    With `items`, raw[id]["_items"][key] also lists the distinct values behind each distinct count
    (a roll-up counts a value shared by two committees once)."""
    keymap, dialect = KeyMap.load(session), session.get_bind().dialect.name
    starts, params, tag = basis_starts(session, ids, period, keymap)
    params["p_ids"] = list(ids)
    raw: dict = {cid: {} for cid in ids}
    aggregates = [s for s in specs if s.kind in AGGREGATE_KINDS]
    lists = [s for s in specs if s.kind == "list"]
    groups = _category_groups(aggregates, keymap)
    if groups:  # none when the catalogue has not been seeded into this database
        stmt = _cached(("agg", dialect, tag, repr(groups), repr(keymap)),
                       lambda: _aggregate_statement(groups, keymap, dialect, starts))
        for cid, group, *cells in session.execute(stmt, params):
            raw[cid].update({s.key: clean_value(s, cell) for s, cell in zip(groups[group][1], cells)})
    if lists:
        stmt = _cached(("list", dialect, tag, repr(lists), repr(keymap)),
                       lambda: _list_statement(lists, keymap, dialect, starts))
        _fill_lists(session.execute(stmt, params).all(), ids, lists, raw)
    distinct = [s for s in specs if s.kind == "distinct"]
    if items and distinct:
        stmt = _cached(("items", dialect, tag, repr(distinct), repr(keymap)),
                       lambda: _distinct_statement(distinct, keymap, dialect, starts))
        _fill_items(session.execute(stmt, params).all(), ids, distinct, raw)
    raw["_since"] = starts["_dates"]
    return raw


def ledger_kept_here(session: Session, ids: list[int]) -> set[int]:
    """The committees among `ids` that keep their ledger in this deployment (have any record here)."""
    has_record = select(Record.id).where(Record.committee_id == Committee.id).exists()
    return set(session.scalars(select(Committee.id).where(Committee.id.in_(list(ids)), has_record)))


def basis_starts(session: Session, ids: list[int], period: Period, keymap: KeyMap) -> tuple[dict, dict, tuple]:
    """Where each basis starts (period start, none for stock, last plenary), as bound parameters."""
    dates = _since_meeting_dates(session, ids, period, keymap)
    params = {"p_start": period.start, "p_end": period.end}
    if len(set(dates.values())) <= 1 and len(dates) in (0, len(ids)):
        params["p_since"] = next(iter(dates.values()), period.start)
        since, tag = bindparam("p_since", params["p_since"], type_=Date), ("since",)
    else:  # committees of a roll-up met on different days
        since = case(dates, value=Record.committee_id, else_=bindparam("p_start", period.start, type_=Date))
        tag = ("case", tuple(sorted(dates.items())))
    starts = {"period": bindparam("p_start", period.start, type_=Date), "cumulative": None, "since_meeting": since,
              "_end": bindparam("p_end", period.end, type_=Date), "_dates": dates}
    return starts, params, tag


def _cached(key: tuple, build):
    if key not in _STATEMENTS:
        if len(_STATEMENTS) > 200:
            _STATEMENTS.clear()
        _STATEMENTS[key] = build()
    return _STATEMENTS[key]


def _category_groups(specs: list[MetricSpec], keymap: KeyMap) -> list[tuple[int, list[MetricSpec]]]:
    """(category id, its metrics) for categories that exist; metrics of unknown ones stay 0."""
    groups: dict[int, list] = {}
    for spec in specs:
        if spec.category in keymap.categories:
            groups.setdefault(keymap.categories[spec.category], []).append(spec)
    return list(groups.items())


def _aggregate_statement(groups, keymap: KeyMap, dialect: str, starts: dict):
    width = max(len(specs) for _, specs in groups)
    branches = []
    for index, (category_id, specs) in enumerate(groups):
        cells = [cast(_aggregate_column(s, keymap, dialect, starts), Numeric) for s in specs]
        cells += [cast(null(), Numeric)] * (width - len(cells))
        branches.append(select(Record.committee_id, literal(index), *cells)
                        .where(Record.committee_id.in_(bindparam("p_ids", expanding=True)),
                               Record.category_id == category_id, Record.date <= starts["_end"])
                        .group_by(Record.committee_id))
    return branches[0] if len(branches) == 1 else union_all(*branches)


def _aggregate_column(spec: MetricSpec, keymap: KeyMap, dialect: str, starts: dict):
    condition = spec_condition(spec, keymap, dialect) & date_condition(starts[spec.basis], starts["_end"])
    if spec.kind == "count":
        return func.count(case((condition, literal(1))))
    expr = value_expr(spec.field, as_number=spec.kind == "sum")
    if spec.kind == "sum":
        return func.sum(case((condition, expr)))
    return func.count(case((condition & (expr != ""), expr)).distinct())  # '' is "none", as in _fill_items


def _list_statement(specs: list[MetricSpec], keymap: KeyMap, dialect: str, starts: dict):
    parts = [select(Record.committee_id, literal(i).label("metric"), value_expr(s.field, False).label("item"),
                    Record.date.label("day"), Record.id.label("rid"))
             .where(Record.committee_id.in_(bindparam("p_ids", expanding=True)), spec_condition(s, keymap, dialect),
                    date_condition(starts[s.basis], starts["_end"]))
             for i, s in enumerate(specs)]
    if len(parts) == 1:
        return parts[0].order_by(Record.date, Record.id)
    return union_all(*parts).order_by("day", "rid")


def _distinct_statement(specs: list[MetricSpec], keymap: KeyMap, dialect: str, starts: dict):
    parts = [select(Record.committee_id, literal(i).label("metric"), value_expr(s.field, False).label("item"))
             .where(Record.committee_id.in_(bindparam("p_ids", expanding=True)), spec_condition(s, keymap, dialect),
                    date_condition(starts[s.basis], starts["_end"]))
             .distinct()
             for i, s in enumerate(specs)]
    return parts[0] if len(parts) == 1 else union_all(*parts)


def _fill_items(rows, ids, specs, raw) -> None:
    for cid in ids:
        raw[cid]["_items"] = {spec.key: set() for spec in specs}
    for cid, index, item in rows:
        if item not in (None, ""):  # COUNT(DISTINCT) ignores NULL; '' is the demo's "no unit"
            raw[cid]["_items"][specs[index].key].add(item)
    for cid in ids:
        raw[cid]["_items"] = {key: sorted(values) for key, values in raw[cid]["_items"].items()}


def _fill_lists(rows, ids, specs, raw) -> None:
    for cid in ids:
        for spec in specs:
            raw[cid][spec.key] = []
    for cid, index, item, _day, _id in rows:
        items = raw[cid][specs[index].key]
        if item not in (None, "") and item not in items:
            items.append(item)


def _since_meeting_dates(session, ids, period, keymap) -> dict[int, date]:
    category_id = keymap.categories.get(SINCE_MEETING[0])
    type_id = keymap.types.get(SINCE_MEETING)
    if category_id is None or type_id is None:
        return {}
    stmt = (select(Record.committee_id, func.max(Record.date))
            .where(Record.committee_id.in_(ids), Record.category_id == category_id, Record.type_id == type_id,
                   Record.date <= period.end)
            .group_by(Record.committee_id))
    return {cid: day for cid, day in session.execute(stmt)}


def clean_value(spec: MetricSpec, value):
    """Database numbers as report numbers: ints for counts, Decimal for money, None as 0."""
    if value is None:
        return 0
    if spec.kind in ("count", "distinct") or spec.field in ("count", "persons"):
        return int(value)
    if spec.field == "amount":
        return Decimal(value).quantize(Decimal("0.01"))
    value = float(value)
    return int(value) if value.is_integer() else value
