"""Rendering jobs: one report, a batch below a superior, and PDF and OFD conversion (on the pdf queue).

Each takes ids, owns its session, records progress on its TaskRun and is idempotent: a finished run
or a document that already has its PDF is left alone when a message is delivered twice.
"""
from celery import shared_task
from celery.utils.log import get_task_logger
from sqlalchemy.exc import IntegrityError, OperationalError

from core import db, jobs
from core.rendering import batch, ofd, pdf, store
from data_models import RenderedDocument, TaskRun

logger = get_task_logger(__name__)
RETRYABLE = (OperationalError, IntegrityError)  # database hiccups; two renders racing for a version


@shared_task(name="tasks.rendering.render_report", bind=True, autoretry_for=RETRYABLE, retry_backoff=True,
             retry_backoff_max=60, max_retries=3, acks_late=True)
def render_report(self, run_id: int) -> None:
    document_id = None
    with db.session_scope() as session:
        run = session.get(TaskRun, run_id)
        if run is None or run.state in ("succeeded", "failed"):
            return
        jobs.mark_running(session, run)
        try:
            document, created = store.render_report(session, run.params["report_id"], run.user_id)
            result = {"document_id": document.id, "version": document.version, "reused": not created}
            batch.count_on_batch(session, run)
            jobs.mark_succeeded(session, run, result, f"第{document.version}版" + ("（内容未变，沿用）" if not created else ""))
        except Exception as exc:  # noqa: BLE001 - recorded for the user, retried only when retryable
            session.rollback()
            _record_failure(self, session, run, exc)
            if isinstance(exc, RETRYABLE) and self.request.retries < self.max_retries:
                raise
            return
        batch.close_batch_of(session, run)
        if run.params.get("pdf") and document.pdf_state in ("pending", "failed"):
            document_id = document.id
    if document_id:
        convert_pdf.delay(document_id)  # after the commit: the pdf worker will find the row


def _record_failure(task, session, run: TaskRun, exc: Exception) -> None:
    final = not isinstance(exc, RETRYABLE) or task.request.retries >= task.max_retries
    message = str(exc) if isinstance(exc, store.RenderError) else f"生成 Word 文件失败：{type(exc).__name__}: {exc}"
    logger.warning("render run %s failed (final=%s): %s", run.id, final, exc)
    run = session.get(TaskRun, run.id)
    if final:
        batch.count_on_batch(session, run)
    jobs.mark_failed(session, run, message[:500], final)
    if final:
        batch.close_batch_of(session, run)


@shared_task(name="tasks.rendering.render_batch", bind=True, autoretry_for=RETRYABLE, retry_backoff=True,
             max_retries=3, acks_late=True)
def render_batch(self, run_id: int) -> None:
    with db.session_scope() as session:
        run = session.get(TaskRun, run_id)
        if run is None or run.state == "succeeded":
            return
        jobs.mark_running(session, run)
        children = batch.plan_children(session, run)
        session.commit()
        pending = [c.id for c in children if c.state == "pending"]
        batch.close_if_done(session, run)
    for child_id in pending:
        render_report.delay(child_id)


@shared_task(name="tasks.pdf.convert_document", bind=True, autoretry_for=(pdf.PdfFailed,), retry_backoff=True,
             retry_backoff_max=120, max_retries=3, acks_late=True)
def convert_pdf(self, document_id: int) -> None:
    """PDF of a rendered document; LibreOffice missing is a state, not an error to retry."""
    with db.session_scope() as session:
        document = session.get(RenderedDocument, document_id)
        if document is None or document.pdf_state == "done":
            return
        docx = document.docx
    try:
        data = pdf.docx_to_pdf(docx)
    except pdf.PdfUnavailable as exc:
        _save_pdf(document_id, None, "unavailable", str(exc))
        return
    except pdf.PdfFailed as exc:
        final = self.request.retries >= self.max_retries
        _save_pdf(document_id, None, "failed" if final else "pending", str(exc))
        raise
    _save_pdf(document_id, data, "done", "")


def _save_pdf(document_id: int, data: bytes | None, state: str, error: str) -> None:
    with db.session_scope() as session:
        document = session.get(RenderedDocument, document_id)
        document.pdf_state, document.pdf_error = state, error[:500]
        if data is not None:
            document.pdf = data


@shared_task(name="tasks.pdf.convert_ofd", bind=True, autoretry_for=(pdf.PdfFailed,), retry_backoff=True,
             retry_backoff_max=120, max_retries=3, acks_late=True)
def convert_ofd(self, document_id: int) -> None:
    """OFD (GB/T 33190) of a rendered document, made from its PDF; the PDF is made first when missing."""
    with db.session_scope() as session:
        document = session.get(RenderedDocument, document_id)
        if document is None or document.ofd_state == "done":
            return
        docx, data, info = document.docx, document.pdf, store.ofd_info(session, document)
    try:
        if data is None:
            data = pdf.docx_to_pdf(docx)
            _save_pdf(document_id, data, "done", "")
        result = ofd.pdf_to_ofd(data, info)
    except (pdf.PdfUnavailable, ofd.OfdFailed) as exc:
        _save_ofd(document_id, None, "failed", str(exc))
        return
    except pdf.PdfFailed as exc:
        _save_ofd(document_id, None, "failed" if self.request.retries >= self.max_retries else "pending", str(exc))
        raise
    _save_ofd(document_id, result, "done", "")


def _save_ofd(document_id: int, data: bytes | None, state: str, error: str) -> None:
    with db.session_scope() as session:
        document = session.get(RenderedDocument, document_id)
        document.ofd_state, document.ofd_error = state, error[:500]
        if data is not None:
            document.ofd = data
