from sqlalchemy import func, select

from core.demo import ledger as demo_ledger
from core.metrics.engine import compute_metrics
from data_models import Record


def test_demo_ledger_gives_every_metric_a_value_once(db_session, demo):
    demo_ledger.seed(db_session)
    db_session.commit()
    count = db_session.scalar(select(func.count(Record.id)))
    demo_ledger.seed(db_session)
    assert db_session.scalar(select(func.count(Record.id))) == count
    for committee in (demo.city, demo.county_a, demo.county_b):
        for period in ("2023", "2023H1"):
            values = compute_metrics(db_session, committee.id, period)
            assert [k for k, v in values.items() if v.is_zero] == [], (committee.short_name, period)
