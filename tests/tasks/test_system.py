import os
import time

import pytest

from app.extensions import db
from core import jobs
from data_models import TaskRun
from tasks.system import ping


def _wait_for(run_id: int, seconds: float = 30) -> TaskRun:
    deadline = time.time() + seconds
    while time.time() < deadline:
        db.session.expire_all()
        run = db.session.get(TaskRun, run_id)
        if run.state in ("succeeded", "failed"):
            return run
        time.sleep(0.2)
    raise AssertionError("the worker did not finish in time")


def test_ping_runs_inline_without_broker(app, db_session):
    run = jobs.create_run(db_session, "ping")
    db_session.commit()
    ping.delay(run.id)
    db_session.expire_all()
    assert db_session.get(TaskRun, run.id).result["pid"] == os.getpid()


@pytest.mark.live_worker
def test_task_round_trips_through_real_worker(worker_app):
    run = jobs.create_run(db.session, "ping")
    db.session.commit()
    ping.delay(run.id)
    done = _wait_for(run.id)
    assert done.state == "succeeded"
    assert done.result["pid"] != os.getpid()  # ran in the worker process, not here
    assert db.engine.dialect.name == "postgresql"


def test_every_job_module_is_registered():
    """Job modules are listed in TASK_MODULES, not scanned: a new tasks/<area>.py must be listed."""
    import pkgutil

    import tasks
    from tasks.celery_app import TASK_MODULES, celery_app

    # less the Celery app, its entry point and the Celery-free modules the web layer imports (no jobs in them)
    not_jobs = {"tasks.celery_app", "tasks.worker", "tasks.config", "tasks.runs"}
    modules = {f"tasks.{m.name}" for m in pkgutil.iter_modules(tasks.__path__)} - not_jobs
    assert modules == set(TASK_MODULES)
    celery_app.loader.import_default_modules()
    assert {"tasks.ledger.import_records", "tasks.upward.submit", "tasks.system.sweep_orphans"} <= set(celery_app.tasks)
