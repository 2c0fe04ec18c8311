"""Drafting fixtures: reports on the demo committees, metric values built by hand, the real number filters."""
import pytest

from core.metrics.filters import NUMBER_FILTERS
from core.metrics.periods import Period
from core.metrics.values import MetricValue


def mv(label: str, value, unit: str = "次", kind: str = "count", note: str = "") -> MetricValue:
    return MetricValue(key=label, label=label, unit=unit, kind=kind, value=value, note=note)


@pytest.fixture
def filters():
    """The filters reports really use (a copy: a test may add one of its own)."""
    return dict(NUMBER_FILTERS)


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


@pytest.fixture
def drafter_report(client, db_session, demo):
    """The drafter signed in, a new annual report made through the page: (report, its first section)."""
    from sqlalchemy import select

    from core.metrics.definitions import seed_catalogue
    from data_models import NodeType, Report, Section

    seed_catalogue(db_session)
    db_session.commit()
    client.login("donghu_drafter")
    client.post("/reports/new", data={"kind": "annual_summary", "period": "2023", "title": ""})
    report = db_session.scalars(select(Report)).one()
    first = db_session.scalars(select(Section).where(Section.report_id == report.id, Section.node_type != NodeType.PART)
                               .order_by(Section.id)).first()
    return report, first
