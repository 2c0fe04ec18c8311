"""The metrics engine: every metric of a report from a few grouped SQL queries.

One aggregate query computes all count / sum / distinct metrics at once (a CASE per metric,
grouped by committee), one UNION ALL query reads the list metrics, and formulas are evaluated
afterwards in Python. Roll-ups run the same queries over a committee subtree.
"""
from datetime import date
from decimal import Decimal

from sqlalchemy import Select, case, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from core.committees import subtree_ids
from data_models import Committee, Record

from .catalogue import MetricSpec
from .conditions import KeyMap, date_condition, spec_condition, value_expr
from .definitions import load_specs, seed_catalogue  # noqa: F401  (seed_catalogue re-exported)
from .formula import FormulaError, evaluate, formula_names
from .periods import Period, parse_period
from .values import MetricValue

AGGREGATE_KINDS = ("count", "sum", "distinct")
# "Since the meeting" (自*届二次会议以来) starts at the last plenary meeting on or before the period's end.
SINCE_MEETING = ("meeting", "plenary")


class MetricError(ValueError):
    """An unknown metric key or label (Chinese message)."""


def compute_metrics(session: Session, committee_id: int, period, keys=None, *, previous: bool = False) -> dict[str, MetricValue]:
    """Values of the committee's metrics (all, or `keys` / labels) for a period, keyed by metric key."""
    period = _as_period(period)
    specs, wanted = _select_specs(load_specs(session, committee_id), keys)
    raw = _compute_raw(session, [committee_id], period, specs)
    values = _finish(specs, raw.get(committee_id, {}), wanted, _since_notes(raw))
    if previous:
        before = compute_metrics(session, committee_id, period.shifted_years(-1), list(wanted))
        for key, value in values.items():
            value.previous = before[key].value
    return values


def rollup_metrics(session: Session, superior_id: int, period, keys=None) -> dict[str, MetricValue]:
    """Metrics summed over a committee and every committee below it, with the per-committee breakdown."""
    period = _as_period(period)
    ids = subtree_ids(session, superior_id)
    specs, wanted = _select_specs(load_specs(session, superior_id), keys)
    raw = _compute_raw(session, ids, period, specs)
    totals = _sum_raw(specs, [raw.get(cid, {}) for cid in ids])
    values = _finish(specs, totals, wanted, {})
    names = dict(session.execute(select(Committee.id, Committee.short_name).where(Committee.id.in_(ids))).all())
    for cid in ids:
        for key, value in _finish(specs, raw.get(cid, {}), wanted, {}).items():
            values[key].breakdown[names[cid]] = value.value
    return values


def records_behind(session: Session, committee_id, period, key: str) -> Select:
    """SELECT of the records one value is computed from (a formula: the records of its inputs)."""
    period = _as_period(period)
    ids = committee_id if isinstance(committee_id, (list, tuple)) else [committee_id]
    specs = {s.key: s for s in load_specs(session, ids[0])}
    spec = _find(specs, key)
    keymap, dialect = KeyMap.load(session), session.get_bind().dialect.name
    starts = _basis_starts(session, ids, period, keymap)
    conditions = [spec_condition(leaf, keymap, dialect) & date_condition(starts[leaf.basis], period.end)
                  for leaf in _leaves(specs, spec)]
    return (select(Record).where(Record.committee_id.in_(ids), or_(*conditions))
            .order_by(Record.date, Record.id))


def values_by_label(values: dict[str, MetricValue]) -> dict[str, MetricValue]:
    """The same values keyed by their Chinese label, as report text refers to them."""
    return {value.label: value for value in values.values()}


# --- selecting definitions -------------------------------------------------------------------

def _as_period(period) -> Period:
    return period if isinstance(period, Period) else parse_period(str(period))


def _find(specs: dict, key: str) -> MetricSpec:
    if key in specs:
        return specs[key]
    for spec in specs.values():
        if spec.label == key:
            return spec
    raise MetricError(f"未找到指标“{key}”。")


def _select_specs(specs: list[MetricSpec], keys) -> tuple[list[MetricSpec], list[str]]:
    """The specs to compute (wanted ones plus formula inputs) and the keys to hand out."""
    if keys is None:
        return specs, [s.key for s in specs]
    by_key = {s.key: s for s in specs}
    wanted = [_find(by_key, k).key for k in keys]
    needed: dict[str, MetricSpec] = {}
    stack = list(wanted)
    while stack:
        spec = by_key[stack.pop()]
        if spec.key not in needed:
            needed[spec.key] = spec
            if spec.kind == "formula":
                stack.extend(n for n in _formula_inputs(spec) if n in by_key)
    return [s for s in specs if s.key in needed], wanted


def _formula_inputs(spec: MetricSpec) -> list[str]:
    try:
        return formula_names(spec.formula)
    except FormulaError:
        return []


def _leaves(specs: dict, spec: MetricSpec, seen=None) -> list[MetricSpec]:
    seen = seen if seen is not None else set()
    if spec.key in seen:
        return []
    seen.add(spec.key)
    if spec.kind != "formula":
        return [spec]
    return [leaf for name in _formula_inputs(spec) if name in specs for leaf in _leaves(specs, specs[name], seen)]


# --- SQL -------------------------------------------------------------------------------------

def _compute_raw(session: Session, ids: list[int], period: Period, specs: list[MetricSpec]) -> dict:
    """{committee id: {metric key: raw value}} for every non-formula metric, plus since-meeting starts."""
    keymap, dialect = KeyMap.load(session), session.get_bind().dialect.name
    starts = _basis_starts(session, ids, period, keymap)
    raw: dict = {cid: {} for cid in ids}
    aggregates = [s for s in specs if s.kind in AGGREGATE_KINDS]
    lists = [s for s in specs if s.kind == "list"]
    if aggregates:
        _aggregate(session, ids, period, aggregates, keymap, dialect, starts, raw)
    if lists:
        _read_lists(session, ids, period, lists, keymap, dialect, starts, raw)
    raw["_since"] = starts.get("_dates", {})
    return raw


def _aggregate(session, ids, period, specs, keymap, dialect, starts, raw) -> None:
    columns = [_aggregate_column(s, keymap, dialect, starts).label(f"m{i}") for i, s in enumerate(specs)]
    category_ids = {keymap.categories[s.category] for s in specs if s.category in keymap.categories}
    stmt = (select(Record.committee_id, *columns)
            .where(Record.committee_id.in_(ids), Record.category_id.in_(category_ids), Record.date <= period.end)
            .group_by(Record.committee_id))
    for row in session.execute(stmt):
        raw[row[0]].update({s.key: _clean(s, row[i + 1]) for i, s in enumerate(specs)})


def _aggregate_column(spec: MetricSpec, keymap, dialect, starts):
    condition = spec_condition(spec, keymap, dialect) & date_condition(starts[spec.basis], starts["_end"])
    if spec.kind == "count":
        return func.count(case((condition, literal(1))))
    expr = value_expr(spec.field, dialect, as_number=spec.kind == "sum")
    if spec.kind == "sum":
        return func.sum(case((condition, expr)))
    return func.count(case((condition, expr)).distinct())


def _read_lists(session, ids, period, specs, keymap, dialect, starts, raw) -> None:
    parts = [select(Record.committee_id, literal(s.key).label("metric"), value_expr(s.field, dialect, False).label("item"),
                    Record.date, Record.id)
             .where(Record.committee_id.in_(ids), spec_condition(s, keymap, dialect),
                    date_condition(starts[s.basis], period.end))
             for s in specs]
    rows = session.execute(union_all(*parts).order_by("date", "id")).all() if len(parts) > 1 else \
        session.execute(parts[0].order_by(Record.date, Record.id)).all()
    for cid in ids:
        for s in specs:
            raw[cid][s.key] = []
    for cid, key, item, _day, _id in rows:
        if item not in (None, "") and item not in raw[cid][key]:
            raw[cid][key].append(item)


def _basis_starts(session: Session, ids: list[int], period: Period, keymap: KeyMap) -> dict:
    """Where each period basis starts: the period's start, nothing (stock), or the last plenary meeting."""
    dates = _since_meeting_dates(session, ids, period, keymap)
    if len(set(dates.values())) <= 1 and len(dates) in (0, len(ids)):
        since = next(iter(dates.values()), period.start)
    else:
        since = case(dates, value=Record.committee_id, else_=literal(period.start)) if dates else period.start
    return {"period": period.start, "cumulative": None, "since_meeting": since, "_end": period.end, "_dates": dates}


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


def _clean(spec: MetricSpec, value):
    """Database numbers as report numbers: ints for counts, Decimal for money, None as 0."""
    if value is None:
        return 0
    if spec.kind in ("count", "distinct") or spec.field in ("count", "persons"):
        return int(value)
    if spec.field == "amount":
        return Decimal(value)
    value = float(value)
    return int(value) if value.is_integer() else value


def _sum_raw(specs: list[MetricSpec], rows: list[dict]) -> dict:
    totals: dict = {}
    for spec in specs:
        if spec.kind == "list":
            totals[spec.key] = list(dict.fromkeys(item for row in rows for item in row.get(spec.key, [])))
        elif spec.kind != "formula":
            totals[spec.key] = sum((row.get(spec.key, 0) for row in rows), start=0)
    return totals


# --- values ----------------------------------------------------------------------------------

def _since_notes(raw: dict) -> dict:
    dates = raw.get("_since", {})
    return {"since": next(iter(dates.values()), None)}


def _finish(specs: list[MetricSpec], raw: dict, wanted: list[str], notes: dict) -> dict[str, MetricValue]:
    """MetricValues for the wanted keys, formulas evaluated over the raw values."""
    by_key = {s.key: s for s in specs}
    results: dict = {}
    errors: dict = {}
    for spec in specs:
        _resolve(spec, by_key, raw, results, errors, set())
    out = {}
    for key in wanted:
        spec = by_key[key]
        out[key] = MetricValue(key, spec.label, spec.unit, spec.kind, results.get(key),
                               note=errors.get(key, "") or _basis_note(spec, notes))
    return out


def _resolve(spec, by_key, raw, results, errors, visiting):
    if spec.key in results:
        return results[spec.key]
    if spec.kind != "formula":
        results[spec.key] = raw.get(spec.key, [] if spec.kind == "list" else 0)
        return results[spec.key]
    if spec.key in visiting:
        errors[spec.key] = "公式存在循环引用"
        return None
    visiting.add(spec.key)
    inputs = {}
    for name in _formula_inputs(spec):
        if name in by_key:
            inputs[name] = _resolve(by_key[name], by_key, raw, results, errors, visiting)
    try:
        results[spec.key] = evaluate(spec.formula, inputs)
    except FormulaError as error:
        results[spec.key] = None
        errors[spec.key] = str(error)
    return results[spec.key]


def _basis_note(spec: MetricSpec, notes: dict) -> str:
    if spec.basis == "cumulative":
        return "截至期末累计"
    if spec.basis == "since_meeting":
        since = notes.get("since")
        return f"自{since.year}年{since.month}月{since.day}日全体委员会议以来" if since else ""
    return ""
