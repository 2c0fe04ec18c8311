"""The 数据汇总 tables of a collection request, as the 汇编 prints them.

The totals and the rule for whose figures count are core/metrics/system.py (re-exported here for
the upward pages); this module lays them out as rows of text printed by core/metrics/formats.
"""
from core.metrics import formats
from core.metrics.system import (AREA_PREFIX, SystemRollup, latest_request, request_rollup,  # noqa: F401
                                 rollup_placeholders, rollup_request, submitted_values, system_rollup)
from core.metrics.values import MetricValue

from . import messages as msg

# The 数据汇总 table's default columns (SPEC §5); metrics no source carries are left out.
KEY_METRICS = [
    "standing_meetings", "special_topic_consultations", "bimonthly_consultations", "research_inspections",
    "research_reports", "proposals_received", "proposals_filed", "proposal_filing_rate",
    "proposals_completed", "proposal_completion_rate", "proposal_satisfaction_rate", "proposal_handling_units",
    "social_info_collected", "social_info_adopted_up", "rooms_total", "room_activities", "delegations_received",
]


def summary_columns(rollup: SystemRollup, keys: list[str]) -> list[str]:
    """The metrics the tables show: `keys` the rollup has (else its first eight), lists left out."""
    columns = [k for k in keys if k in rollup.totals] or list(rollup.totals)[:8]
    return [k for k in columns if rollup.totals[k].kind != "list"]


def summary_rows(rollup: SystemRollup, keys: list[str]) -> tuple[list, list, list]:
    """Header, one row per counted committee, and the 合计 row, printed by core/metrics/formats."""
    columns = summary_columns(rollup, keys)
    header = ["单位", *(formats.heading(rollup.totals[k].label, rollup.totals[k].unit) for k in columns)]
    rows = [[c.name, *(_cell(rollup.part(k, c.name)) for k in columns)] for c in rollup.contributions]
    return header, rows, ["合计", *(formats.cell(rollup.totals[k]) for k in columns)]


def _cell(value: MetricValue | None) -> str:
    return formats.cell(value) if value is not None else formats.MISSING_CELL


def source_rows(rollup: SystemRollup) -> list[list[str]]:
    """单位 / 数据来源, the counted committees first, then those not counted."""
    rows = [["单位", "数据来源"]] + [[c.name, c.source.label] for c in rollup.contributions]
    return rows + [[c.short_name, msg.NOT_COUNTED] for c in rollup.not_counted]


def total_notes(rollup: SystemRollup, keys: list[str]) -> list[str]:
    """Why a total the tables show (summary_columns of `keys`) is missing or partial, one sentence per metric:
    注：提案承办单位数一项，…不可直接相加，未计入合计。"""
    totals = [rollup.totals[k] for k in summary_columns(rollup, keys)]
    return [f"注：{v.label}一项，{v.note}。" for v in totals if v.note and v.note != "跨单位去重计数"]
