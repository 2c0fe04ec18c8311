"""Roll-up: numbers added up over the subordinates' submitted values (and live ledgers in this deployment).

Values reach the superior's own report as placeholders named with the area prefix of its level
(全市党组会议次数 for a city: “全市政协系统共召开党组会议{{ 全市党组会议次数 }}次”).
"""
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.metrics.periods import Period
from core.metrics.values import MetricValue
from data_models import CollectionRequest, Committee, Record

from .package import json_number
from .requests import period_of, target_statuses

AREA_PREFIX = {"province": "全省", "city": "全市", "county": "全县"}
SUMMABLE = ("count", "sum", "distinct", "formula")
# The 数据汇总 table's default columns (SPEC §5); metrics no submission carries are left out.
KEY_METRICS = [
    "standing_meetings", "special_topic_consultations", "bimonthly_consultations", "research_inspections",
    "research_reports", "proposals_received", "proposals_filed", "social_info_collected",
    "social_info_adopted_up", "rooms_total", "room_activities", "delegations_received",
]
SOURCE_SUBMITTED, SOURCE_LIVE = "报送", "台账"


def _number(value):
    return value if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) else None


def submitted_values(metrics: dict) -> dict[str, dict]:
    """A package's metric document keyed by metric key (schema_version 1)."""
    return {row["key"]: row for row in metrics.get("values", []) if row.get("kind") in SUMMABLE}


def _live_values(session: Session, committee_id: int, period: Period) -> dict[str, dict] | None:
    """The committee's own ledger values, when it keeps its ledger in this deployment."""
    if session.scalar(select(Record.id).where(Record.committee_id == committee_id).limit(1)) is None:
        return None
    from core.metrics.engine import compute_metrics

    return {k: {"key": k, "label": v.label, "unit": v.unit, "kind": v.kind, "value": json_number(v.value)}
            for k, v in compute_metrics(session, committee_id, period).items() if v.kind in SUMMABLE}


def sources(session: Session, request: CollectionRequest, include_self: bool = False) -> list[tuple[Committee, str, dict]]:
    """(committee, source, values) per committee: submitted values, else the live ledger where shared."""
    out = []
    if include_self:
        own = _live_values(session, request.committee_id, period_of(request))
        if own is not None:
            out.append((request.committee, SOURCE_LIVE, own))
    for status in target_statuses(session, request):
        if status.submission is not None:
            out.append((status.committee, SOURCE_SUBMITTED, submitted_values(status.submission.metrics)))
        elif (live := _live_values(session, status.committee.id, period_of(request))) is not None:
            out.append((status.committee, SOURCE_LIVE, live))
    return out


def rollup_request(session: Session, request: CollectionRequest, include_self: bool = False) -> dict[str, MetricValue]:
    """Each metric summed over the sources, with the per-committee breakdown (short name -> value)."""
    totals: dict[str, MetricValue] = {}
    for committee, _source, values in sources(session, request, include_self):
        for key, row in values.items():
            total = totals.setdefault(key, MetricValue(key, row["label"], row["unit"], row["kind"], 0))
            number = _number(row["value"])
            total.breakdown[committee.short_name] = number
            if number is not None:
                total.value += number
    return totals


def summary_rows(session: Session, request: CollectionRequest, keys: list[str]) -> tuple[list, list, list]:
    """Header, one row per committee that submitted, and the 合计 row, as text for a table."""
    submitted = [(c, v) for c, source, v in sources(session, request) if source == SOURCE_SUBMITTED]
    present = {k: row for _, values in submitted for k, row in values.items()}
    columns = [k for k in keys if k in present] or list(present)[:8]
    header = ["单位", *(f"{present[k]['label']}（{present[k]['unit']}）" if present[k]["unit"] else present[k]["label"]
                       for k in columns)]
    rows = [[c.short_name, *(_fmt(values.get(k, {}).get("value")) for k in columns)] for c, values in submitted]
    sums = [sum(n for _, values in submitted if (n := _number(values.get(k, {}).get("value"))) is not None)
            for k in columns]
    return header, rows, ["合计", *(_fmt(n) for n in sums)]


def _fmt(value) -> str:
    number = _number(value)
    if number is None:
        return "—"
    if isinstance(number, float) and not number.is_integer():
        return f"{number:.2f}"
    return str(int(number))


def rollup_placeholders(session: Session, committee_id: int, period: Period) -> dict[str, MetricValue]:
    """Roll-up values keyed by prefixed label (全市…) for the superior's own report text.

    The latest request of this committee for exactly this period supplies submitted values; without
    one, the live ledgers of the committee's subtree are added up.
    """
    committee = session.get(Committee, committee_id)
    prefix = AREA_PREFIX.get(committee.level, "全市")
    request = session.scalars(select(CollectionRequest).where(
        CollectionRequest.committee_id == committee_id, CollectionRequest.period_start == period.start,
        CollectionRequest.period_end == period.end).order_by(CollectionRequest.id.desc())).first()
    if request is not None:
        values = rollup_request(session, request, include_self=True)
    else:
        from core.metrics.engine import rollup_metrics

        values = rollup_metrics(session, committee_id, period)
    return {prefix + v.label: _prefixed(v, prefix) for v in values.values()}


def _prefixed(value: MetricValue, prefix: str) -> MetricValue:
    return MetricValue(value.key, prefix + value.label, value.unit, value.kind, value.value,
                       value.note, dict(value.breakdown))
