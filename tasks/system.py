"""Housekeeping jobs: `ping` proves a worker reaches the broker and the database; the orphan sweep."""
import os
import socket

from celery import shared_task
from celery.signals import worker_ready
from celery.utils.log import get_task_logger

from core import db
from core.jobs import fail_orphans, reset_for_retry, run_job
from core.ledger.uploads import IMPORT_RUN
from core.publishing import batch
from core.publishing.batch import BATCH_RUN, RENDER_RUN
from core.upward import outbox
from core.upward.compilation import COMPILE_RUN
from core.upward.outbox import DELIVER_RUN
from core.upward.submitting import SUBMIT_RUN
from sqlalchemy import select

from data_models import OutboxMessage, RenderedDocument, TaskRun, TaskState

from .celery_app import celery_app

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


def sweep(queued_before=None) -> int:
    """Fail orphaned runs (see core.jobs.fail_orphans); a failed batch child still counts on its batch."""
    with db.session_scope() as session:
        orphans = fail_orphans(session, queued_before=queued_before)
        for run in orphans:
            batch.count_on_batch(session, run)
    with db.session_scope() as session:
        for run in orphans:
            batch.close_batch_of(session, run)
    if orphans:
        logger.warning("%s orphaned runs marked failed: %s", len(orphans), [r.id for r in orphans])
    if queued_before is not None:
        _convert_lost_pdfs(queued_before)
    return len(orphans)


def _convert_lost_pdfs(queued_before) -> None:
    """Embedded mode: PDF conversions queued in a process that is gone are queued again."""
    from .rendering import convert_pdf

    with db.session_scope() as session:
        ids = list(session.scalars(select(RenderedDocument.id).where(RenderedDocument.pdf_state == "pending",
                                                                      RenderedDocument.created_at < queued_before)))
    for document_id in ids:
        convert_pdf.delay(document_id)


RETRYABLE_RUNS = frozenset({RENDER_RUN, BATCH_RUN, IMPORT_RUN, DELIVER_RUN, SUBMIT_RUN, COMPILE_RUN})


def retry_run(session, run: TaskRun) -> bool:
    """Queue a failed run's job again; False for runs that cannot be retried on their own. Commits."""
    from .ledger import import_records
    from .rendering import render_batch, render_report
    from .upward import compile_book, deliver, submit

    if run.state != TaskState.FAILED:
        return False
    starters = {RENDER_RUN: lambda: render_report.delay(run.id), BATCH_RUN: lambda: render_batch.delay(run.id),
                IMPORT_RUN: lambda: import_records.delay(run.id), SUBMIT_RUN: lambda: submit.delay(run.id),
                COMPILE_RUN: lambda: compile_book.delay(run.id)}
    if run.name == DELIVER_RUN and run.params.get("outbox_message_id"):
        message = session.get(OutboxMessage, run.params["outbox_message_id"])
        outbox.retry_message(session, message)
        starters[DELIVER_RUN] = lambda: deliver.delay(message.id, run.id)
    if run.name not in starters:
        return False
    reset_for_retry(run)
    session.commit()
    starters[run.name]()  # after the commit: the worker finds the pending run
    return True


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
