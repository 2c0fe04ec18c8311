"""Precision on the demo texts (our own fictional 清河市/东湖县/西山县 prose): every demo report,
loaded as the demo command loads it, raises no error-level finding."""
import pytest
from sqlalchemy import select

from core.demo import reports as demo_reports
from core.proofreading.report import proofread_report
from data_models import Report


@pytest.fixture
def seeded(db_session, demo):
    demo_reports.seed(db_session)
    db_session.commit()
    return db_session.scalars(select(Report).order_by(Report.id)).all()


def test_demo_reports_raise_no_error(db_session, seeded):
    assert len(seeded) >= 5
    errors = [(report.title, f.rule, f.before[-6:] + "[" + f.text + "]" + f.after[:6])
              for report in seeded for f in proofread_report(db_session, report).findings if f.severity == "error"]
    assert errors == []
