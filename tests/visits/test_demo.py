"""The demo visit: idempotent, with agenda and contacts, hosted by 西山县政协."""
from sqlalchemy import func, select

from core.demo import visits as demo_visits
from data_models import Visit


def test_demo_visit_is_idempotent(db_session, demo):
    first = demo_visits.seed(db_session)
    second = demo_visits.seed(db_session)
    db_session.commit()
    assert "来西山县考察" in first[0] and "已存在" in second[0]
    visit = db_session.scalars(select(Visit)).one()
    assert visit.committee_id == demo.county_b.id and len(visit.agenda) == 3 and len(visit.contacts) == 3
    assert db_session.scalar(select(func.count()).select_from(Visit)) == 1
