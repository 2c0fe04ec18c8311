from datetime import date

import pytest
from sqlalchemy import select

from core.publishing import batch
from core import publishing
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
    assert publishing.version_count(db_session, report.id) == 1


def test_render_task_failure_is_shown_not_lost(db_session, demo_reports, monkeypatch):
    def broken(session, report, **options):
        raise publishing.RenderError("第二部分缺少内容")

    monkeypatch.setattr(publishing.assembly, "assemble", broken)
    run = batch.start_render(db_session, demo_reports[("东湖县政协", "briefing")], user_id=None, pdf=False)
    db_session.commit()
    render_report.delay(run.id)
    failed = _run(db_session, run.id)
    assert failed.state == "failed" and failed.message == "第二部分缺少内容"
    assert db_session.query(RenderedDocument).count() == 0


def test_pdf_task_without_libreoffice_marks_the_document_not_the_worker(db_session, demo_reports, monkeypatch):
    from tasks.rendering import convert_pdf

    document, _ = publishing.publish(db_session, demo_reports[("东湖县政协", "briefing")].id)
    db_session.commit()
    monkeypatch.setenv("SOFFICE", "/nonexistent/soffice")
    convert_pdf.delay(document.id)
    db_session.expire_all()
    assert document.pdf_state == "unavailable" and "未安装 LibreOffice" in document.pdf_error
    assert document.docx.startswith(b"PK")


def _batch_for_city(db_session, demo, kind: str, period_end: date) -> TaskRun:
    run = batch.start_batch(db_session, demo.city.id, kind, date(2023, 1, 1), period_end, user_id=None, pdf=False)
    db_session.commit()
    render_batch.delay(run.id)
    return _run(db_session, run.id)


def test_batch_renders_every_committee_below(db_session, demo_reports, demo):
    done = _batch_for_city(db_session, demo, "annual_summary", date(2023, 12, 31))
    assert done.state == "succeeded" and (done.progress, done.total) == (2, 2)
    assert done.result == {"rendered": 2, "failed": 0}
    assert db_session.query(RenderedDocument).count() == 2


def test_batch_lists_committees_without_a_report(db_session, demo_reports, demo):
    done = _batch_for_city(db_session, demo, "half_year_summary", date(2023, 6, 30))
    assert done.state == "succeeded" and done.result == {"rendered": 0, "failed": 2}
    assert [(f.params["committee"], f.message) for f in batch.failures(db_session, done)] == [
        ("政协东湖县委员会", "没有这一期的该类文稿"), ("政协西山县委员会", "没有这一期的该类文稿")]


@pytest.mark.live_worker
def test_render_and_pdf_run_on_the_real_worker(worker_app, demo_reports):
    import time

    from app.extensions import db

    report = demo_reports[("西山县政协", "annual_summary")]
    run = batch.start_render(db.session, report, user_id=None, pdf=True)
    db.session.commit()
    render_report.delay(run.id)
    deadline = time.time() + 120
    document = None
    while time.time() < deadline:
        db.session.expire_all()
        document = db.session.scalars(select(RenderedDocument)).first()
        if document is not None and document.pdf_state != "pending":
            break
        time.sleep(0.5)
    assert _run(db.session, run.id).state == "succeeded"
    assert document is not None and document.pdf_state in ("done", "unavailable")
    if document.pdf_state == "done":
        assert document.pdf.startswith(b"%PDF")


def test_batch_counts_a_failed_render_and_keeps_going(db_session, demo_reports, demo, monkeypatch):
    real = publishing.assembly.assemble

    def fails_for_xishan(session, report, **options):
        if report.committee.short_name == "西山县政协":
            raise publishing.RenderError("第三部分缺少内容")
        return real(session, report, **options)

    monkeypatch.setattr(publishing.assembly, "assemble", fails_for_xishan)
    done = _batch_for_city(db_session, demo, "annual_summary", date(2023, 12, 31))
    assert done.state == "succeeded" and done.result == {"rendered": 1, "failed": 1}
    assert [(f.params["committee"], f.message) for f in batch.failures(db_session, done)] == [
        ("政协西山县委员会", "第三部分缺少内容")]


def test_batch_children_travel_in_chunks_that_cover_every_report_once():
    for n in (0, 1, 5, 31, 32, 64, 200, 1000, 5000):
        ids = list(range(n))
        parts = batch.chunks(ids)
        assert [i for part in parts for i in part] == ids
        assert all(1 <= len(part) <= batch.MAX_CHUNK for part in parts)
        assert len(parts) >= min(n, batch.TASKS_PER_BATCH)


def _children(db_session, demo) -> tuple[TaskRun, list[int]]:
    """A batch planned by hand (not started): its pending children, to be sent as one chunk."""
    run = batch.start_batch(db_session, demo.city.id, "annual_summary", date(2023, 1, 1), date(2023, 12, 31),
                            user_id=None, pdf=False)
    children = batch.plan_children(db_session, run)
    run.state = "running"
    db_session.commit()
    return run, [c.id for c in children if c.state == "pending"]


def test_a_failing_report_does_not_sink_its_chunk(db_session, demo_reports, demo, monkeypatch):
    from tasks.rendering import render_reports

    real = publishing.assembly.assemble

    def fails_for_donghu(session, report, **options):
        if report.committee.short_name == "东湖县政协":
            raise publishing.RenderError("第一部分缺少内容")
        return real(session, report, **options)

    monkeypatch.setattr(publishing.assembly, "assemble", fails_for_donghu)
    run, ids = _children(db_session, demo)
    assert len(ids) == 2
    render_reports.delay(ids)
    states = {_run(db_session, i).params["committee"]: _run(db_session, i).state for i in ids}
    assert states == {"政协东湖县委员会": "failed", "政协西山县委员会": "succeeded"}
    done = _run(db_session, run.id)
    assert done.state == "succeeded" and done.result == {"rendered": 1, "failed": 1} and done.progress == 2
    assert db_session.query(RenderedDocument).count() == 1


def test_a_chunk_delivered_twice_renders_nothing_new(db_session, demo_reports, demo):
    from tasks.rendering import render_reports

    run, ids = _children(db_session, demo)
    render_reports.delay(ids)
    render_reports.delay(ids)
    assert db_session.query(RenderedDocument).count() == 2
    assert _run(db_session, run.id).progress == 2


def test_a_database_hiccup_in_a_chunk_retries_that_report_alone(db_session, demo_reports, demo, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from tasks.rendering import render_reports

    real, hiccups = publishing.publish, []

    def hiccup_once(session, report_id, user_id=None):
        if not hiccups:
            hiccups.append(report_id)
            raise OperationalError("SELECT 1", {}, Exception("server closed the connection unexpectedly"))
        return real(session, report_id, user_id)

    monkeypatch.setattr(publishing, "publish", hiccup_once)
    run, ids = _children(db_session, demo)
    render_reports.delay(ids)
    children = [_run(db_session, i) for i in ids]
    assert [c.state for c in children] == ["succeeded", "succeeded"]
    assert [c.attempts for c in children] == [2, 1]
    assert _run(db_session, run.id).result == {"rendered": 2, "failed": 0}


def test_worker_loads_the_renderer_before_forking():
    from core.rendering import breaking
    from tasks.rendering import warm_up

    warm_up()
    assert breaking._tokenizer.cache_info().currsize == 1
