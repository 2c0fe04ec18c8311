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


def test_demo_topics_name_each_committee_own_place(db_session, demo):
    demo_ledger.seed(db_session)
    committees = (demo.city, demo.county_a, demo.county_b)
    for committee in committees:
        others = [c.place.rstrip("市县") for c in committees if c is not committee]
        titles = db_session.scalars(select(Record.title).where(Record.committee_id == committee.id)).all()
        assert [t for t in titles if any(o in t for o in others)] == [], committee.short_name  # 西山's 东湖白茶
