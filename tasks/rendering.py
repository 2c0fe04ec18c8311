"""Rendering jobs: one report, a batch below a superior (its reports sent in chunks), and PDF and OFD
conversion (on the pdf queue).

Each takes ids, owns its session, records progress on its TaskRun and is idempotent: a finished run
or a document that already has its PDF is left alone when a message is delivered twice.
"""
from celery import shared_task
from celery.signals import worker_init, worker_process_shutdown
from celery.utils.log import get_task_logger
from sqlalchemy.exc import IntegrityError, OperationalError

from core import db, publishing
from core.publishing import batch
from core.jobs import run_job
from core.rendering import ofd, pdf
from data_models import OfdState, PdfState, RenderedDocument, TaskRun, TaskState

from .celery_app import celery_app  # noqa: F401 - our app exists before a job here is first looked up

logger = get_task_logger(__name__)
RETRYABLE = (OperationalError, IntegrityError)  # database hiccups; two renders racing for a version


@shared_task(name="tasks.rendering.render_report", bind=True, autoretry_for=RETRYABLE, retry_backoff=True,
             retry_backoff_max=60, max_retries=3, acks_late=True)
def render_report(self, run_id: int) -> None:
    _render(run_id, retries_left=self.max_retries - self.request.retries)


@shared_task(name="tasks.rendering.render_reports", bind=True, acks_late=True)
def render_reports(self, run_ids: list[int]) -> None:
    """A chunk of a batch: its reports one after another, each its own run; one failing sinks none of the others.

    A database hiccup (or two renders racing for a version) hands that report to render_report, which
    retries it alone with back-off; a message delivered twice skips the runs already finished.
    """
    for run_id in run_ids:
        try:
            _render(run_id, retries_left=render_report.max_retries)
        except RETRYABLE:
            render_report.apply_async((run_id,), countdown=1)
        except Exception:  # noqa: BLE001 - e.g. the broker refused the PDF job: this run ended, the rest go on
            logger.exception("render run %s in a chunk", run_id)


def _render(run_id: int, retries_left: int) -> None:
    """One report's run: a new version (or the unchanged one reused), then its PDF queued when asked for."""
    with run_job(run_id, retry_on=RETRYABLE, retries_left=retries_left, describe=_describe,
                 on_final=batch.count_on_batch) as job:
        if job is None:
            return
        document, created = publishing.publish(job.session, job.run.params["report_id"], job.run.user_id)
        job.succeed({"document_id": document.id, "version": document.version, "reused": not created},
                    f"第{document.version}版" + ("（内容未变，沿用）" if not created else ""))
        pdf_needed = job.run.params.get("pdf") and document.pdf_state in PdfState.TO_CONVERT
    if job is not None and job.run.state == TaskState.SUCCEEDED and pdf_needed:
        convert_pdf.delay(document.id)  # after the commit: the pdf worker will find the row


@worker_process_shutdown.connect
def _stop_kept_office(**_) -> None:
    """A pool process ends without atexit: its kept LibreOffice is asked to quit rather than left to the guard's kill."""
    pdf.shutdown()


@worker_init.connect
def _load_before_fork(sender=None, **_) -> None:
    """A prefork worker of several processes loads what every render needs once, before it forks.

    The word segmenter's dictionary, the fonts' metrics, the compiled templates and the assemblers'
    modules cost about 2 s of CPU; loaded here, the processes share them (copy-on-write) instead of
    each paying on its first report, which made a batch's first reports wait for 4-8 processes warming up.
    """
    from celery.concurrency import get_implementation

    if sender is None or sender.concurrency == 1 or get_implementation(sender.pool_cls).__module__ != \
            "celery.concurrency.prefork":
        return
    try:
        warm_up()
    except Exception:  # noqa: BLE001 - only a head start: each process loads what it lacks on its first report
        logger.warning("loading the renderer before forking failed", exc_info=True)


def warm_up() -> None:
    """Render a sample of every kind with a template (no database), and import the assemblers."""
    import core.metrics.engine  # noqa: F401 - imported by the first render otherwise
    import core.publishing  # noqa: F401 - and with it both assemblers (drafting, visit packets)
    from core.kinds import TEMPLATE_DIR
    from core.rendering import breaking
    from core.rendering.docx import render_docx
    from core.rendering.samples import sample_content

    breaking.words("政协委员会工作总结")  # the segmenter's dictionary (a long title needs it)
    for template in sorted(TEMPLATE_DIR.glob("*.docx")):
        render_docx(sample_content(template.stem))


def _describe(exc: Exception) -> str:
    return str(exc) if isinstance(exc, publishing.RenderError) else f"生成 Word 文件失败：{type(exc).__name__}: {exc}"


@shared_task(name="tasks.rendering.render_batch", bind=True, autoretry_for=RETRYABLE, retry_backoff=True,
             max_retries=3, acks_late=True)
def render_batch(self, run_id: int) -> None:
    with run_job(run_id, retry_on=RETRYABLE, retries_left=self.max_retries - self.request.retries) as job:
        if job is None:
            return
        children = batch.plan_children(job.session, job.run)
        pending = [c.id for c in children if c.state == TaskState.PENDING]
        job.hand_over(f"正在生成 {len(pending)} 份")
    if job is None or job.run.state == TaskState.RETRYING:
        return
    with db.session_scope() as session:
        batch.close_if_done(session, session.get(TaskRun, run_id))
    for chunk in batch.chunks(pending):
        render_reports.delay(chunk)


@shared_task(name="tasks.pdf.convert_document", bind=True, autoretry_for=(pdf.PdfFailed,), retry_backoff=True,
             retry_backoff_max=120, max_retries=3, acks_late=True)
def convert_pdf(self, document_id: int) -> None:
    """PDF of a rendered document; LibreOffice missing is a state, not an error to retry."""
    with db.session_scope() as session:
        document = session.get(RenderedDocument, document_id)
        if document is None or document.pdf_state == PdfState.DONE:
            return
        docx = document.docx
    try:
        data = pdf.docx_to_pdf(docx)
    except pdf.PdfUnavailable as exc:
        _save_pdf(document_id, None, PdfState.UNAVAILABLE, str(exc))
        return
    except pdf.PdfFailed as exc:
        final = self.request.retries >= self.max_retries
        _save_pdf(document_id, None, PdfState.FAILED if final else PdfState.PENDING, str(exc))
        raise
    _save_pdf(document_id, data, PdfState.DONE, "")


def _save_pdf(document_id: int, data: bytes | None, state: PdfState, error: str) -> None:
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
        if document is None or document.ofd_state == OfdState.DONE:
            return
        docx, data, info = document.docx, document.pdf, publishing.ofd_info(session, document)
    try:
        if data is None:
            data = pdf.docx_to_pdf(docx)
            _save_pdf(document_id, data, PdfState.DONE, "")
        result = ofd.pdf_to_ofd(data, info)
    except (pdf.PdfUnavailable, ofd.OfdFailed) as exc:
        _save_ofd(document_id, None, OfdState.FAILED, str(exc))
        return
    except pdf.PdfFailed as exc:
        _save_ofd(document_id, None, OfdState.FAILED if self.request.retries >= self.max_retries else OfdState.PENDING, str(exc))
        raise
    _save_ofd(document_id, result, OfdState.DONE, "")


def _save_ofd(document_id: int, data: bytes | None, state: OfdState, error: str) -> None:
    with db.session_scope() as session:
        document = session.get(RenderedDocument, document_id)
        document.ofd_state, document.ofd_error = state, error[:500]
        if data is not None:
            document.ofd = data
