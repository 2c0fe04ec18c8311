"""With the metrics engine and the demo ledger in place, the demo reports merge every number."""
from sqlalchemy import select

from core.demo import load_demo
from core.drafting.document import preview_text
from data_models import Report


def test_demo_reports_merge_every_number(db_session):
    load_demo(db_session)
    db_session.commit()
    reports = {(r.committee.short_name, r.kind): r for r in db_session.scalars(select(Report))}
    for key, report in reports.items():
        text, warnings = preview_text(db_session, report.id)
        assert "{{" not in text and "【" not in text, key
        assert [w.message for w in warnings] == [], key
