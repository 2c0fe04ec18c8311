"""Housekeeping jobs; `ping` proves a worker reaches the broker and the database."""
import socket

from celery import shared_task
from celery.utils.log import get_task_logger

from core import db, jobs
from data_models import TaskRun

logger = get_task_logger(__name__)


@shared_task(name="tasks.system.ping")
def ping(run_id: int) -> None:
    with db.session_scope() as session:
        run = session.get(TaskRun, run_id)
        jobs.mark_running(session, run)
        jobs.mark_succeeded(session, run, {"host": socket.gethostname(), "pid": _pid()})
        logger.info("ping %s answered", run_id)


def _pid() -> int:
    import os

    return os.getpid()
