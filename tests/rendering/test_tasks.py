from datetime import date

from core.rendering import batch, store
from data_models import RenderedDocument, TaskRun
from tasks.rendering import render_batch, render_report


def _run(db_session, run_id) -> TaskRun:
    db_session.expire_all()
    return db_session.get(TaskRun, run_id)


def test_render_task_stores_a_version_and_records_progress(db_session, demo_reports):
    report = demo_reports[("东湖县政协", "annual_summary")]
    run = batch.start_render(db_session, report, user_id=None, pdf=False)
    db_session.commit()
    render_report.delay(run.id)
    done = _run(db_session, run.id)
    assert done.state == "succeeded" and done.result["version"] == 1
    render_report.delay(run.id)  # delivered twice: nothing new
    assert store.version_count(db_session, report.id) == 1


def test_render_task_failure_is_shown_not_lost(db_session, demo_reports, monkeypatch):
    def broken(session, report):
        raise store.RenderError("第二部分缺少内容")

    monkeypatch.setattr(store, "document_for", broken)
    run = batch.start_render(db_session, demo_reports[("东湖县政协", "briefing")], user_id=None, pdf=False)
    db_session.commit()
    render_report.delay(run.id)
    failed = _run(db_session, run.id)
    assert failed.state == "failed" and failed.message == "第二部分缺少内容"
    assert db_session.query(RenderedDocument).count() == 0


def test_batch_renders_every_committee_below(db_session, demo_reports, demo):
    run = batch.start_batch(db_session, demo.city.id, "annual_summary", date(2023, 1, 1), date(2023, 12, 31),
                            user_id=None, pdf=False)
    db_session.commit()
    render_batch.delay(run.id)
    done = _run(db_session, run.id)
    assert done.state == "succeeded" and (done.progress, done.total) == (2, 2)
    assert done.result == {"rendered": 2, "failed": 0}
    assert db_session.query(RenderedDocument).count() == 2


def test_batch_lists_committees_without_a_report(db_session, demo_reports, demo):
    run = batch.start_batch(db_session, demo.city.id, "half_year_summary", date(2023, 1, 1), date(2023, 6, 30),
                            user_id=None, pdf=False)
    db_session.commit()
    render_batch.delay(run.id)
    done = _run(db_session, run.id)
    assert done.state == "succeeded" and done.result == {"rendered": 0, "failed": 2}
    assert [(f.params["committee"], f.message) for f in batch.failures(db_session, done)] == [
        ("政协东湖县委员会", "没有这一期的该类文稿"), ("政协西山县委员会", "没有这一期的该类文稿")]
