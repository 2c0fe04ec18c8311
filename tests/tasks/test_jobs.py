"""run_job owns every transition of a run; the embedded mode keeps countdowns and back-off."""
import importlib

import pytest
from sqlalchemy import func, select

from core import jobs
from core.upward.outbox import queue_package, set_link
from data_models import AuditEvent, OutboxMessage, TaskRun
from tasks.upward import MAX_RETRIES, deliver

celery_module = importlib.import_module("tasks.celery_app")  # the module (the package exports the app by this name)


class Flaky(Exception):
    pass


@pytest.fixture
def thread_mode(monkeypatch):
    """The embedded mode's background threads, with each countdown recorded instead of slept."""
    waits = []
    monkeypatch.setattr(celery_module, "schedule", lambda countdown, start: (waits.append(countdown), start()))
    celery_module._mode[0] = "thread"
    yield waits
    celery_module._mode[0] = "eager"


def _run(db_session, name="测试任务"):
    run = jobs.create_run(db_session, name)
    db_session.commit()
    return run.id


def _state(db_session, run_id) -> TaskRun:
    db_session.expire_all()
    return db_session.get(TaskRun, run_id)


def test_success_commits_the_work_with_the_state(app, db_session, demo):
    run_id = _run(db_session)
    with jobs.run_job(run_id) as job:
        job.session.add(AuditEvent(action="job.work", committee_id=demo.county_a.id))
        job.succeed({"n": 1}, "完成")
    run = _state(db_session, run_id)
    assert (run.state, run.result, run.message, run.attempts) == ("succeeded", {"n": 1}, "完成", 1)
    assert run.finished_at is not None and run.worker == jobs.this_worker()
    assert db_session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "job.work")) == 1


def test_error_discards_the_work_and_is_recorded_not_raised(app, db_session, demo):
    run_id = _run(db_session)
    with jobs.run_job(run_id, describe=lambda e: f"出错：{e}") as job:
        job.session.add(AuditEvent(action="job.work", committee_id=demo.county_a.id))
        raise ValueError("坏数据")
    run = _state(db_session, run_id)
    assert (run.state, run.message) == ("failed", "出错：坏数据")
    assert db_session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "job.work")) == 0


def test_retryable_error_leaves_the_run_retrying_and_propagates(app, db_session):
    run_id = _run(db_session)
    with pytest.raises(Flaky):
        with jobs.run_job(run_id, retry_on=(Flaky,), retries_left=2):
            raise Flaky("数据库忙")
    assert _state(db_session, run_id).state == "retrying"
    with jobs.run_job(run_id, retry_on=(Flaky,), retries_left=0):  # the last attempt fails for good
        raise Flaky("数据库忙")
    run = _state(db_session, run_id)
    assert (run.state, run.attempts) == ("failed", 2)


def test_finished_run_is_not_run_twice(app, db_session):
    run_id = _run(db_session)
    with jobs.run_job(run_id) as job:
        job.succeed()
    with jobs.run_job(run_id) as job:
        assert job is None
    assert _state(db_session, run_id).attempts == 1


def test_documents_page_finds_a_reports_runs_among_many_newer(client, db_session, demo):
    from core.drafting.reports import create_report
    from core.metrics.periods import Period

    report = create_report(db_session, demo.county_a, "briefing", Period.year(2023), "")
    mine = jobs.create_run(db_session, "render_report", committee_id=demo.county_a.id, report_id=report.id)
    mine.state, mine.message = "failed", "第一次生成失败"
    for _ in range(25):  # newer runs of other kinds or reports
        jobs.create_run(db_session, "render_report", committee_id=demo.county_a.id)
    db_session.commit()
    client.login("donghu_drafter")
    page = client.get(f"/documents/reports/{report.id}").get_data(as_text=True)
    assert f"生成任务 #{mine.id}" in page and "第一次生成失败" in page and "重试" in page


def test_embedded_delivery_backs_off_between_attempts(app, db_session, demo, thread_mode, monkeypatch):
    monkeypatch.setattr("celery.utils.time.random.randrange", lambda n: n - 1)  # no jitter: the full back-off
    link = set_link(db_session, demo.county_a.id, "http://127.0.0.1:9", "token")  # nothing listens there
    from tests.upward.conftest import make_package

    message = queue_package(db_session, link, 1, make_package(demo.county_a))
    db_session.commit()
    deliver.delay(message.id)
    celery_module.wait_for_thread_jobs()
    db_session.expire_all()
    message = db_session.get(OutboxMessage, message.id)
    assert (message.state, message.attempts) == ("pending", MAX_RETRIES + 1)
    assert thread_mode == [5, 10, 20, 40, 80, 160, 320, 600]


def test_embedded_countdown_is_honoured(app, db_session, thread_mode):
    from tasks.system import ping

    run_id = _run(db_session, "ping")
    ping.apply_async((run_id,), countdown=30)
    celery_module.wait_for_thread_jobs()
    assert thread_mode == [30] and _state(db_session, run_id).state == "succeeded"


def test_running_job_beats(app, db_session, monkeypatch):
    import threading

    monkeypatch.setattr(jobs, "HEARTBEAT_SECONDS", 0.05)
    run_id = _run(db_session)
    with jobs.run_job(run_id) as job:
        started = _state(db_session, run_id).heartbeat_at
        for _ in range(200):  # bounded: give the heartbeat thread up to ~10 s under load
            threading.Event().wait(0.05)
            if _state(db_session, run_id).heartbeat_at != started:
                break
        beaten = _state(db_session, run_id).heartbeat_at
        job.succeed()
    assert beaten > started


def test_broker_redelivers_only_after_the_longest_job(app):
    from tasks.celery_app import JOB_TIME_LIMIT, VISIBILITY_TIMEOUT, celery_app

    assert celery_app.conf.broker_transport_options["visibility_timeout"] == VISIBILITY_TIMEOUT
    assert celery_app.conf.task_time_limit == JOB_TIME_LIMIT < VISIBILITY_TIMEOUT
    assert deliver.retry_backoff_max < VISIBILITY_TIMEOUT  # a retry's countdown is not redelivered early
