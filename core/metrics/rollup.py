"""Roll-up rules: one total per metric over several committees, by the rule its catalogue entry declares.

Every total people see is made by `combine` — the 全系统汇总 and 数据汇总 pages, the 汇编's tables,
{{ 全市… }} in the superior's own report and `flask metrics --rollup` — so they cannot disagree.
Counts and sums add; a formula (立案率) is recomputed from the rolled-up operands, never added; a
distinct count (承办单位数) is counted once across committees when every committee's values are
known, else it is 不可直接相加 and left out of the total with that note; a list is concatenated with
each item's committee named. Every total keeps each committee's value and where it came from.
"""
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from .catalogue import ROLLUP_RULES, MetricSpec
from .formats import cn_date, is_number, to_decimal
from .formula import FormulaError, evaluate, formula_names
from .values import MetricValue

SUBMISSION, LEDGER = "submission", "ledger"
NOT_ADDITIVE = "不可直接相加"


@dataclass(frozen=True)
class Source:
    """Where one committee's figures came from: its submission (with date) or its live ledger here."""

    kind: str  # SUBMISSION / LEDGER
    committee_id: int | None = None
    at: date | datetime | None = None  # when the submission was received
    submission_id: int | None = None

    @property
    def label(self) -> str:
        """报送（2024年1月10日） or 台账（未报送，实时数据）, the same words on every surface."""
        if self.kind == SUBMISSION:
            return f"报送（{cn_date(self.at)}）" if self.at else "报送"
        return "台账（实时数据）"


@dataclass
class Contribution:
    """One committee's values (key -> MetricValue; distinct counts with `items` when known)."""

    name: str
    source: Source
    values: dict[str, MetricValue] = field(default_factory=dict)


def combine(specs: list[MetricSpec], contributions: list[Contribution]) -> dict[str, MetricValue]:
    """The total of every metric some contribution carries, in catalogue order, with breakdown and origins."""
    by_key = {s.key: s for s in specs}
    for contribution in contributions:  # a key the catalogue lacks: counts and sums add, nothing else does
        for key, value in contribution.values.items():
            by_key.setdefault(key, MetricSpec(key, value.label, value.unit, value.kind, decimals=value.decimals,
                                              rollup="" if value.kind in ("count", "sum") else "none"))
    carried = [s for s in by_key.values() if any(s.key in c.values for c in contributions)]
    totals = {s.key: _total(s, contributions) for s in carried if s.rollup_rule != "recompute"}
    for spec in carried:
        if spec.rollup_rule == "recompute":
            _recompute(spec, by_key, contributions, totals, set())
    return {s.key: totals[s.key] for s in carried}


def _empty(spec: MetricSpec, contributions: list[Contribution]) -> MetricValue:
    total = MetricValue(spec.key, spec.label, spec.unit, spec.kind, None, decimals=spec.places)
    for c in contributions:
        if spec.key in c.values:
            total.breakdown[c.name] = c.values[spec.key].value
            total.origins[c.name] = c.source
    return total


def _total(spec: MetricSpec, contributions: list[Contribution]) -> MetricValue:
    total = _empty(spec, contributions)
    rule = spec.rollup_rule
    parts = [(c, c.values[spec.key]) for c in contributions if spec.key in c.values]
    absent = [c.name for c in contributions if spec.key not in c.values]
    if rule == "concat":
        total.value = [f"{item}（{c.name}）" for c, v in parts for item in (v.value or [])]
    elif rule == "distinct":
        _distinct(total, parts)
    elif rule in ("sum", "max", "min"):
        numbers = [v.value for _, v in parts if is_number(v.value)]
        lacking = [c.name for c, v in parts if not is_number(v.value)] + absent
        total.value = _add(numbers) if rule == "sum" else (max if rule == "max" else min)(numbers, default=None)
        if lacking:
            total.note = f"未计入：{'、'.join(lacking)}（无此项数据）"
    else:
        total.note = f"{NOT_ADDITIVE}，未计入合计（{ROLLUP_RULES.get(rule, rule)}）"
    return total


def _distinct(total: MetricValue, parts: list) -> None:
    """Counted once across committees when every committee's values are listed; else left out."""
    unknown = [c.name for c, v in parts if v.items is None]
    if unknown:
        total.note = f"{'、'.join(unknown)}的数据未列明具体名称，各单位之间可能重复，{NOT_ADDITIVE}，未计入合计"
        return
    total.items = sorted({item for _, v in parts for item in v.items})
    total.value = len(total.items)
    total.note = "跨单位去重计数"


def _add(numbers: list):
    if all(isinstance(n, int) for n in numbers):
        return sum(numbers)
    return sum((to_decimal(n) for n in numbers), start=Decimal(0))


def _recompute(spec: MetricSpec, by_key: dict, contributions: list, totals: dict, visiting: set) -> MetricValue:
    """A formula over the rolled-up operands (立案率 = Σ立案 / Σ收到 × 100)."""
    if spec.key in totals:
        return totals[spec.key]
    total = totals[spec.key] = _empty(spec, contributions)
    if spec.key in visiting:
        total.note = "公式存在循环引用"
        return total
    visiting.add(spec.key)
    try:
        inputs = {}
        for name in formula_names(spec.formula):
            operand = by_key.get(name)
            if operand is None:
                continue
            inner = _recompute(operand, by_key, contributions, totals, visiting) if operand.rollup_rule == "recompute" \
                else totals.get(name) or _total(operand, contributions)
            inputs[name] = inner.value
        total.value = evaluate(spec.formula, inputs)
        if total.value is None:
            total.note = f"计算所需的指标无法汇总，{NOT_ADDITIVE}，未计入合计"
    except FormulaError as error:
        total.value, total.note = None, str(error)
    return total
