"""The metrics engine: every metric of a report from a few grouped SQL queries.

One aggregate query computes all count / sum / distinct metrics (a UNION ALL branch per ledger
category, a CASE per metric, grouped by committee), one UNION ALL query reads the list metrics,
and formulas are evaluated afterwards in Python (core/metrics/queries.py holds the SQL). Roll-ups
run the same queries over a committee subtree.
"""
from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from core.committees import subtree_ids
from data_models import Committee, Record

from .cache import cached
from .catalogue import MetricSpec
from .conditions import KeyMap, date_condition, spec_condition
from .definitions import load_specs, seed_catalogue  # noqa: F401  (seed_catalogue re-exported)
from .formats import cn_date
from .formula import FormulaError, evaluate, formula_names
from .periods import Period, parse_period
from .queries import basis_starts, compute_raw, ledger_kept_here
from .rollup import LEDGER, Contribution, Source, combine
from .values import MetricValue


class MetricError(ValueError):
    """An unknown metric key or label (Chinese message)."""


def compute_metrics(session: Session, committee_id: int, period, keys=None, *, previous: bool = False,
                    items: bool = False, state: tuple | None = None) -> dict[str, MetricValue]:
    """Values of the committee's metrics (all, or `keys` / labels) for a period, keyed by metric key.

    With `items` a distinct count also lists its distinct values (a package carries them upward).
    `state`: core.metrics.cache.fingerprint of the committee, when the caller has just read it."""
    period = _as_period(period)
    key = ("metrics", period.start, period.end, tuple(keys) if keys else None, previous, items)
    return cached(session, [committee_id], key,
                  lambda: _compute_metrics(session, committee_id, period, keys, previous, items, state), state)


def _compute_metrics(session: Session, committee_id: int, period: Period, keys, previous: bool,
                     items: bool, state: tuple | None) -> dict[str, MetricValue]:
    specs, wanted = _select_specs(load_specs(session, committee_id), keys)
    raw = compute_raw(session, [committee_id], period, specs, items=items)
    values = _finish(specs, raw.get(committee_id, {}), wanted, _since_notes(raw))
    if previous:
        before = compute_metrics(session, committee_id, period.shifted_years(-1), list(wanted), state=state)
        for key, value in values.items():
            value.previous = before[key].value
    return values


def rollup_metrics(session: Session, superior_id: int, period, keys=None) -> dict[str, MetricValue]:
    """The live ledgers of a committee and every committee below it, rolled up by each metric's rule.

    A committee with no records in this deployment keeps its ledger elsewhere: it is not counted."""
    period = _as_period(period)
    ids = subtree_ids(session, superior_id)
    specs, wanted = _select_specs(load_specs(session, superior_id), keys)
    raw, kept = compute_raw(session, ids, period, specs, items=True), ledger_kept_here(session, ids)
    names = dict(session.execute(select(Committee.id, Committee.short_name).where(Committee.id.in_(ids))).all())
    parts = [Contribution(names[cid], Source(LEDGER, cid), _finish(specs, raw[cid], [s.key for s in specs], {}))
             for cid in ids if cid in kept]
    totals = combine(specs, parts)
    return {key: totals.get(key) or _nothing(specs, key) for key in wanted}


def _nothing(specs: list[MetricSpec], key: str) -> MetricValue:
    """A metric no committee could contribute (no ledger here at all)."""
    spec = next(s for s in specs if s.key == key)
    return MetricValue(key, spec.label, spec.unit, spec.kind, None, note="无可汇总的数据", decimals=spec.places)


def records_behind(session: Session, committee_id, period, key: str) -> Select:
    """SELECT of the records one value is computed from (a formula: the records of its inputs)."""
    period = _as_period(period)
    ids = committee_id if isinstance(committee_id, (list, tuple)) else [committee_id]
    specs = {s.key: s for s in load_specs(session, ids[0])}
    spec = _find(specs, key)
    keymap, dialect = KeyMap.load(session), session.get_bind().dialect.name
    starts = basis_starts(session, ids, period, keymap)[0]
    conditions = [spec_condition(leaf, keymap, dialect) & date_condition(starts[leaf.basis], starts["_end"])
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
                               note=errors.get(key, "") or _basis_note(spec, notes), decimals=spec.places,
                               items=raw.get("_items", {}).get(key))
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
    if spec.basis == "since_meeting" and "since" in notes:
        since = notes["since"]
        if since is None:
            return "台账中没有全体委员会议记录，自统计期间起始日计算"
        return f"自{cn_date(since)}全体委员会议以来"
    return ""
