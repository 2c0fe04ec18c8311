"""Runs as the web layer handles them, without loading Celery: the orphan sweep and the 重试 button.

A job module (and Celery with it) is imported only when a run is actually queued again.
"""
import logging

from sqlalchemy import select

from core import db
from core.jobs import fail_orphans, reset_for_retry
from core.ledger.uploads import IMPORT_RUN
from core.publishing import batch
from core.publishing.batch import BATCH_RUN, RENDER_RUN
from core.upward import outbox
from core.upward.compilation import COMPILE_RUN
from core.upward.outbox import DELIVER_RUN
from core.upward.submitting import SUBMIT_RUN
from data_models import OutboxMessage, PdfState, RenderedDocument, TaskRun, TaskState

logger = logging.getLogger(__name__)
RETRYABLE_RUNS = frozenset({RENDER_RUN, BATCH_RUN, IMPORT_RUN, DELIVER_RUN, SUBMIT_RUN, COMPILE_RUN})


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
    with db.session_scope() as session:
        ids = list(session.scalars(select(RenderedDocument.id).where(RenderedDocument.pdf_state == PdfState.PENDING,
                                                                      RenderedDocument.created_at < queued_before)))
    if not ids:
        return
    from .rendering import convert_pdf

    for document_id in ids:
        convert_pdf.delay(document_id)


def retry_run(session, run: TaskRun) -> bool:
    """Queue a failed run's job again; False for runs that cannot be retried on their own. Commits."""
    if run.state != TaskState.FAILED or run.name not in RETRYABLE_RUNS:
        return False
    if run.name == DELIVER_RUN and not run.params.get("outbox_message_id"):
        return False
    message = None
    if run.name == DELIVER_RUN:
        message = session.get(OutboxMessage, run.params["outbox_message_id"])
        outbox.retry_message(session, message)
    reset_for_retry(run)
    session.commit()
    _start(run, message)  # after the commit: the worker finds the pending run
    return True


def _start(run: TaskRun, message: OutboxMessage | None) -> None:
    from .ledger import import_records
    from .rendering import render_batch, render_report
    from .upward import compile_book, deliver, submit

    starters = {RENDER_RUN: lambda: render_report.delay(run.id), BATCH_RUN: lambda: render_batch.delay(run.id),
                IMPORT_RUN: lambda: import_records.delay(run.id), SUBMIT_RUN: lambda: submit.delay(run.id),
                COMPILE_RUN: lambda: compile_book.delay(run.id),
                DELIVER_RUN: lambda: deliver.delay(message.id, run.id)}
    starters[run.name]()
