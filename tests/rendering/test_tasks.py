from datetime import date

from core.rendering import batch, store
from data_models import RenderedDocument, TaskRun
from tasks.rendering import render_batch, render_report

from .conftest import make_report


def _run(db_session, run_id) -> TaskRun:
    db_session.expire_all()
    return db_session.get(TaskRun, run_id)


def test_render_task_stores_a_version_and_records_progress(db_session, demo, fake_drafting):
    report = make_report(db_session, demo.county_a)
    run = batch.start_render(db_session, report, user_id=None, pdf=False)
    db_session.commit()
    render_report.delay(run.id)
    done = _run(db_session, run.id)
    assert done.state == "succeeded" and done.result["version"] == 1
    render_report.delay(run.id)  # delivered twice: nothing new
    assert store.version_count(db_session, report.id) == 1


def test_render_task_failure_is_shown_not_lost(db_session, demo, monkeypatch):
    def broken(session, report):
        raise store.RenderError("第二部分缺少内容")

    monkeypatch.setattr(store, "document_for", broken)
    report = make_report(db_session, demo.county_a)
    run = batch.start_render(db_session, report, user_id=None, pdf=False)
    db_session.commit()
    render_report.delay(run.id)
    failed = _run(db_session, run.id)
    assert failed.state == "failed" and failed.message == "第二部分缺少内容"


def test_batch_renders_every_committee_below_and_reports_the_missing(db_session, demo, fake_drafting):
    make_report(db_session, demo.county_a)
    make_report(db_session, demo.county_a, year=2022)  # another period: not taken
    run = batch.start_batch(db_session, demo.city.id, "annual_summary", date(2023, 1, 1), date(2023, 12, 31),
                            user_id=None, pdf=False)
    db_session.commit()
    render_batch.delay(run.id)
    done = _run(db_session, run.id)
    assert done.state == "succeeded" and (done.progress, done.total) == (2, 2)
    assert done.result == {"rendered": 1, "failed": 1}
    assert [f.message for f in batch.failures(db_session, done)] == ["政协西山县委员会：没有这一期的该类文稿"]
    assert db_session.query(RenderedDocument).count() == 1
