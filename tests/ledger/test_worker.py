import pytest
from sqlalchemy import func, select

from app.extensions import db
from core.ledger.uploads import add_import
from core.metrics.definitions import seed_catalogue
from data_models import Record
from tests.ledger.test_excel import workbook
from tasks.ledger import import_records
from tests.tasks.test_system import _wait_for


@pytest.mark.live_worker
def test_background_import_runs_in_the_real_worker(worker_app):
    from core.demo import committees

    committees.seed(db.session)
    seed_catalogue(db.session)
    db.session.commit()
    county = committees.demo_committees(db.session)[1]
    rows = [["类型", "日期", "标题"]] + [["党组会议", "2023-03-01", f"会议{i}"] for i in range(12000)]
    run = add_import(db.session, county.id, None, "big.xlsx", workbook({"会议": rows}))
    db.session.commit()
    import_records.delay(run.id)
    done = _wait_for(run.id, seconds=120)
    assert done.state == "succeeded", done.message
    assert (done.progress, done.total) == (12000, 12000)
    assert db.session.scalar(select(func.count(Record.id)).where(Record.committee_id == county.id)) == 12000
