"""What a report's placeholders can read: metric values of its period and report variables."""
import logging
from typing import Any

from sqlalchemy.orm import Session

from core.metrics.cache import fingerprint
from core.metrics.engine import compute_metrics, values_by_label
from core.metrics.filters import NUMBER_FILTERS
from core.metrics.periods import Period
from core.metrics.system import rollup_placeholders
from core.metrics.values import MetricValue
from data_models import Report

log = logging.getLogger(__name__)


def report_period(report: Report) -> Period:
    return Period(report.period_start, report.period_end)


def report_variables(report: Report) -> dict[str, Any]:
    """年度, 下一年度, 届次… as staff write them in text ({{ 年度 }}年)."""
    committee = report.committee
    profile = committee.profile or {}
    year = report.period_start.year
    return {
        "年度": year, "下一年度": year + 1, "上一年度": year - 1,
        "届次": profile.get("term", ""), "会次": profile.get("session", ""),
        "委员会名称": committee.name, "简称": committee.short_name, "地名": committee.place,
        "期间": report_period(report).label,
    }


def report_metrics(session: Session, report: Report, previous: bool = False,
                   items: bool = False, state: tuple | None = None) -> dict[str, MetricValue]:
    """Every catalogue metric of the report's committee and period, keyed by metric key; with
    `previous` each value also carries the same period of last year (for 同比), with `items` a
    distinct count its distinct values (what a package carries upward). `state`: metrics_state()
    of the report, when the caller has just read it in this transaction."""
    return compute_metrics(session, report.committee_id, report_period(report), previous=previous, items=items,
                           state=state)


def metrics_state(session: Session, report: Report) -> tuple:
    """The report's committee's ledger and catalogue as the metric values cache sees them (one query):
    pass it to safe_values, and read the catalogue version from it with catalogue_of()."""
    return fingerprint(session, [report.committee_id])


def metric_values(session: Session, report: Report, previous: bool = False,
                  keyed: dict[str, MetricValue] | None = None) -> dict[str, MetricValue]:
    """The names report text quotes: catalogue metrics by label (`keyed`, else computed now), then roll-ups."""
    keyed = report_metrics(session, report, previous) if keyed is None else keyed
    return {**values_by_label(keyed), **rollup_values(session, report)}


def rollup_values(session: Session, report: Report) -> dict[str, MetricValue]:
    """For a superior committee: its system's numbers added up, named by area (全市党组会议次数).

    Submitted values of its collection request for the report's period, else the live ledgers
    (core/metrics/system.py).
    """
    if not report.committee.subordinates:
        return {}
    with session.begin_nested():  # a failure leaves the caller's transaction usable
        return rollup_placeholders(session, report.committee_id, report_period(report))


def safe_metric_values(session: Session, report: Report, previous: bool = False,
                       state: tuple | None = None) -> tuple[dict[str, MetricValue], str]:
    """metric_values, or ({}, the error) when the engine fails: pages show a warning, not an error."""
    values, _keyed, error = safe_values(session, report, previous, state=state)
    return values, error


def safe_values(session: Session, report: Report, previous: bool = False, items: bool = False,
                state: tuple | None = None) -> tuple[dict[str, MetricValue], dict[str, MetricValue], str]:
    """(values by name, catalogue values by key, "") from one computation, or ({}, {}, the error).
    What is computed runs in a savepoint (core/metrics/cache.py, rollup_values): values the cache
    remembers cost no savepoint."""
    try:
        keyed = report_metrics(session, report, previous, items, state)
        return metric_values(session, report, previous, keyed), keyed, ""
    except Exception as error:  # noqa: BLE001 - shown to the user, logged for the admin
        log.exception("metrics failed for report %s", report.id)
        return {}, {}, str(error) or type(error).__name__


def number_filters() -> dict:
    """The number-style filters (余, 万元, 同比, 顿号, 引号…) placeholders may apply."""
    return dict(NUMBER_FILTERS)


def merge_context(values: dict[str, MetricValue], variables: dict[str, Any]) -> dict[str, Any]:
    """Names a placeholder can read: metric values (filters take MetricValue), then report variables."""
    return {**values, **variables}
