"""Housekeeping jobs: `ping` proves a worker reaches the broker and the database; the periodic orphan sweep
(tasks.runs.sweep, which the web process also runs without Celery)."""
import os
import socket

from celery import shared_task
from celery.signals import worker_ready
from celery.utils.log import get_task_logger

from core.jobs import run_job

from .celery_app import celery_app
from .runs import sweep

logger = get_task_logger(__name__)


@shared_task(name="tasks.system.ping")
def ping(run_id: int) -> None:
    with run_job(run_id) as job:
        if job is not None:
            job.succeed({"host": socket.gethostname(), "pid": os.getpid()})
            logger.info("ping %s answered", run_id)


@shared_task(name="tasks.system.sweep_orphans", ignore_result=True)
def sweep_orphans() -> int:
    """Periodic with a broker (beat): a run whose worker was killed is failed within a minute or two."""
    return sweep()


celery_app.conf.beat_schedule = {
    **(celery_app.conf.beat_schedule or {}),
    "sweep-orphaned-runs": {"task": "tasks.system.sweep_orphans", "schedule": 60.0},
}


@worker_ready.connect
def _sweep_on_start(**_) -> None:
    """A worker starting (after a crash, say) fails the runs its dead predecessors left running."""
    try:
        sweep()
    except Exception:  # noqa: BLE001 - the database may not be migrated yet; the periodic sweep follows
        logger.exception("orphan sweep at worker start failed")
