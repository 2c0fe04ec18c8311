"""Drafting fixtures: reports on the demo committees, metric values and filters built by hand."""
import math

import pytest

from core.metrics.periods import Period
from core.metrics.values import MetricValue


def _round_down(value) -> int:
    value = int(value)
    step = 10 ** max(len(str(value)) - 2, 1) if value >= 100 else 10
    return math.floor(value / step) * step if value >= 10 else value


def _raw(fn):
    return lambda v: fn(v.value if isinstance(v, MetricValue) else v)


# Stand-ins for core.metrics.filters.NUMBER_FILTERS (which take a MetricValue), so merging is
# tested on its own.
TEST_FILTERS = {
    "余": _raw(lambda v: f"{_round_down(v)}余"),
    "多": _raw(lambda v: f"{_round_down(v)}多"),
    "万元": _raw(lambda v: f"{round(float(v) / 10000)}万元"),
    "顿号": _raw(lambda v: "、".join(v)),
    "引号": _raw(lambda v: "".join(f"“{x}”" for x in v)),
}


def mv(label: str, value, unit: str = "次", kind: str = "count", note: str = "") -> MetricValue:
    return MetricValue(key=label, label=label, unit=unit, kind=kind, value=value, note=note)


@pytest.fixture
def filters():
    return dict(TEST_FILTERS)


@pytest.fixture
def values():
    return {v.label: v for v in [
        mv("党组会议次数", 6), mv("协商活动场次", 453, "场次"), mv("红色观影活动次数", 0),
        mv("接待考察团次数", 14), mv("调研视察课题", ["水源地保护", "强科技促经济"], "", "list"),
        mv("立案率", None, "%", "formula", "收到提案件数为 0"),
    ]}


@pytest.fixture
def make_report(db_session, demo):
    from core.drafting.reports import create_report

    def make(kind="annual_summary", period=Period.year(2023), committee=None, title=""):
        report = create_report(db_session, committee or demo.county_a, kind, period, title)
        db_session.commit()
        return report

    return make
