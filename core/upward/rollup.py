"""The system's numbers for a collection request: whose figures count, from which source, and the totals.

One rule, used by every surface (数据汇总 page, 汇编, {{ 全市… }} placeholders, `flask metrics --rollup`):
the requesting committee's own live ledger, plus each subordinate's current submission; a
subordinate that has not submitted but keeps its ledger in this deployment counts with its live
ledger, marked 台账（实时数据）; one with neither is not counted and is listed as such. The totals
themselves are core/metrics/rollup.combine (rates recomputed, distinct counts de-duplicated).
"""
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.metrics import formats
from core.metrics.definitions import load_specs
from core.metrics.engine import compute_metrics, rollup_metrics
from core.metrics.periods import Period
from core.metrics.queries import ledger_kept_here
from core.metrics.rollup import LEDGER, SUBMISSION, Contribution, Source, combine
from core.metrics.values import MetricValue
from data_models import CollectionRequest, Committee

from . import messages as msg
from .requests import period_of, target_statuses

AREA_PREFIX = {"province": "全省", "city": "全市", "county": "全县"}
# The 数据汇总 table's default columns (SPEC §5); metrics no source carries are left out.
KEY_METRICS = [
    "standing_meetings", "special_topic_consultations", "bimonthly_consultations", "research_inspections",
    "research_reports", "proposals_received", "proposals_filed", "proposal_filing_rate",
    "proposals_completed", "proposal_completion_rate", "proposal_satisfaction_rate", "proposal_handling_units",
    "social_info_collected", "social_info_adopted_up", "rooms_total", "room_activities", "delegations_received",
]


@dataclass
class SystemRollup:
    """Totals (key -> MetricValue with breakdown and origins), who counted, and who did not."""

    totals: dict[str, MetricValue]
    contributions: list[Contribution]
    not_counted: list[Committee] = field(default_factory=list)
    request: CollectionRequest | None = None

    def part(self, key: str, name: str) -> MetricValue | None:
        """One committee's value of a total, printable like the total itself."""
        total = self.totals[key]
        if name not in total.breakdown:
            return None
        return replace(total, value=total.breakdown[name], note="", breakdown={}, origins={}, items=None)


def submitted_values(metrics: dict) -> dict[str, MetricValue]:
    """A package's metric document (schema_version 1) as MetricValues; `items` when the sender listed them."""
    out = {}
    for row in metrics.get("values", []):
        out[row["key"]] = MetricValue(row["key"], row["label"], row["unit"], row["kind"], _exact(row.get("value")),
                                      decimals=row.get("decimals"), items=row.get("items"))
    return out


def _exact(value):
    """JSON floats as Decimal, so totals are Decimal sums (0.1 + 0.2 is 0.3)."""
    return formats.to_decimal(value) if isinstance(value, float) else value


def request_rollup(session: Session, request: CollectionRequest) -> SystemRollup:
    """The request's totals by the one rule (see the module docstring)."""
    period = period_of(request)
    statuses = target_statuses(session, request)
    kept = ledger_kept_here(session, [request.committee_id, *(s.committee.id for s in statuses)])
    parts, missing = [], []
    if request.committee_id in kept:
        parts.append(_live(session, request.committee, period))
    for status in statuses:
        if status.submission is not None:
            source = Source(SUBMISSION, status.committee.id, status.submission.received_at, status.submission.id)
            parts.append(Contribution(status.committee.short_name, source, submitted_values(status.submission.metrics)))
        elif status.committee.id in kept:
            parts.append(_live(session, status.committee, period))
        else:
            missing.append(status.committee)
    totals = combine(load_specs(session, request.committee_id), parts)
    return SystemRollup(totals, parts, missing, request)


def _live(session: Session, committee: Committee, period: Period) -> Contribution:
    values = compute_metrics(session, committee.id, period, items=True)
    return Contribution(committee.short_name, Source(LEDGER, committee.id), values)


def rollup_request(session: Session, request: CollectionRequest) -> dict[str, MetricValue]:
    return request_rollup(session, request).totals


def latest_request(session: Session, committee_id: int, period: Period) -> CollectionRequest | None:
    """The committee's latest request for exactly this period (its totals are the system's numbers)."""
    return session.scalars(select(CollectionRequest).where(
        CollectionRequest.committee_id == committee_id, CollectionRequest.period_start == period.start,
        CollectionRequest.period_end == period.end).order_by(CollectionRequest.id.desc())).first()


def system_rollup(session: Session, committee_id: int, period: Period) -> SystemRollup:
    """The system's numbers for a period: the latest request's, else every live ledger of the subtree."""
    request = latest_request(session, committee_id, period)
    if request is not None:
        return request_rollup(session, request)
    totals = rollup_metrics(session, committee_id, period)
    names = {name for value in totals.values() for name in value.origins}
    parts = [Contribution(name, next(v.origins[name] for v in totals.values() if name in v.origins))
             for name in _in_order(session, names)]
    return SystemRollup(totals, parts)


def _in_order(session: Session, names: set[str]) -> list[str]:
    stmt = select(Committee.short_name).where(Committee.short_name.in_(names)).order_by(Committee.sort_order, Committee.id)
    return list(session.scalars(stmt))


def summary_rows(rollup: SystemRollup, keys: list[str]) -> tuple[list, list, list]:
    """Header, one row per counted committee, and the 合计 row, printed by core/metrics/formats."""
    columns = [k for k in keys if k in rollup.totals] or list(rollup.totals)[:8]
    columns = [k for k in columns if rollup.totals[k].kind != "list"]
    header = ["单位", *(formats.heading(rollup.totals[k].label, rollup.totals[k].unit) for k in columns)]
    rows = [[c.name, *(_cell(rollup.part(k, c.name)) for k in columns)] for c in rollup.contributions]
    return header, rows, ["合计", *(formats.cell(rollup.totals[k]) for k in columns)]


def _cell(value: MetricValue | None) -> str:
    return formats.cell(value) if value is not None else formats.MISSING_CELL


def source_rows(rollup: SystemRollup) -> list[list[str]]:
    """单位 / 数据来源, the counted committees first, then those not counted."""
    rows = [["单位", "数据来源"]] + [[c.name, c.source.label] for c in rollup.contributions]
    return rows + [[c.short_name, msg.NOT_COUNTED] for c in rollup.not_counted]


def total_notes(rollup: SystemRollup) -> list[str]:
    """Why a total is missing or partial (不可直接相加…), one line per metric."""
    return [f"{v.label}：{v.note}" for v in rollup.totals.values() if v.note and v.note != "跨单位去重计数"]


def rollup_placeholders(session: Session, committee_id: int, period: Period) -> dict[str, MetricValue]:
    """The system's totals keyed by prefixed label (全市党组会议次数) for the superior's own report text."""
    committee = session.get(Committee, committee_id)
    prefix = AREA_PREFIX.get(committee.level, "全市")
    values = system_rollup(session, committee_id, period).totals
    return {prefix + v.label: replace(v, label=prefix + v.label) for v in values.values()}
