"""Delivery of outbox messages to a superior's deployment, retried with back-off until accepted."""
from celery import shared_task
from celery.utils.log import get_task_logger

from core import db
from core.jobs import run_job
from sqlalchemy.exc import OperationalError

from core.upward import outbox
from core.upward.compilation import run_compilation
from core.upward.submitting import run_submission
from core.upward.outbox import DELIVER_RUN  # noqa: F401  (re-exported for the web layer)
from data_models import OutboxMessage

from .celery_app import celery_app

logger = get_task_logger(__name__)
MAX_RETRIES = 8  # 5 s, 10 s, 20 s … capped at 10 min; after that the periodic flush keeps trying
SENT = "已送达上级政协"


@shared_task(name="tasks.upward.deliver", bind=True, autoretry_for=(outbox.DeliveryRetry,), retry_backoff=5,
             retry_backoff_max=600, retry_jitter=True, max_retries=MAX_RETRIES)
def deliver(self, message_id: int, run_id: int | None = None) -> str:
    """Send one message; a failed attempt is committed before the retry is scheduled."""
    if run_id is None:  # the periodic flush: the outbox message is its own record
        with db.session_scope() as session:
            outcome = outbox.deliver(session, message_id)
            error = session.get(OutboxMessage, message_id).last_error if outcome == outbox.Delivery.RETRY else ""
        logger.info("outbox %s: %s", message_id, outcome)
        if outcome == outbox.Delivery.RETRY:
            raise outbox.DeliveryRetry(error)
        return outcome
    with run_job(run_id, retries_left=self.max_retries - self.request.retries,
                 describe=lambda error: f"{error}（将自动重试）" if self.request.retries < self.max_retries
                 else str(error)) as job:
        if job is not None:
            _deliver_in(job, message_id)
    return job.run.state if job is not None else "skipped"


def _deliver_in(job, message_id: int) -> None:
    outcome = outbox.deliver(job.session, message_id)
    message = job.session.get(OutboxMessage, message_id)
    logger.info("outbox %s: %s", message_id, outcome)
    if outcome == outbox.Delivery.SENT:
        job.succeed(message.response, SENT)
    elif outcome == outbox.Delivery.RETRY:
        job.retry(outbox.DeliveryRetry(message.last_error))
    else:
        job.fail(message.last_error if message else outcome, discard=False)  # keep the refusal


@shared_task(name="tasks.upward.submit", bind=True, autoretry_for=(OperationalError,), retry_backoff=True,
             max_retries=3, acks_late=True)
def submit(self, run_id: int) -> None:
    """Build the package (rendering and PDF as needed) and submit it; delivery upward follows as its own job."""
    delivery = None
    with run_job(run_id, retry_on=(OperationalError,), retries_left=self.max_retries - self.request.retries,
                 describe=lambda error: f"报送失败：{type(error).__name__}: {error}") as job:
        if job is not None:
            delivery = run_submission(job)
    if delivery is not None:
        deliver.delay(*delivery)  # after the commit: the outbox message and its run exist


@shared_task(name="tasks.upward.fetch_requests", ignore_result=True)
def fetch_requests(run_id: int) -> None:
    """Fetch the superior deployment's requests (a page never waits on the superior's server)."""
    with run_job(run_id) as job:
        if job is not None:
            outbox.refresh_remote_requests(job)


@shared_task(name="tasks.upward.compile", ignore_result=True)
def compile_book(run_id: int) -> None:
    """The 汇编 of a request, built out of the page's request."""
    with run_job(run_id) as job:
        if job is not None:
            run_compilation(job)


@shared_task(name="tasks.upward.flush_outbox")
def flush_outbox() -> int:
    """Enqueue every pending message again (periodic, and after a restart of either side)."""
    with db.session_scope() as session:
        ids = outbox.pending_ids(session)
    for message_id in ids:
        deliver.delay(message_id)
    return len(ids)


celery_app.conf.beat_schedule = {
    **(celery_app.conf.beat_schedule or {}),
    "upward-flush-outbox": {"task": "tasks.upward.flush_outbox", "schedule": 300.0},
}
