"""Delivery of outbox messages to a superior's deployment, retried with back-off until accepted."""
from celery import shared_task
from celery.utils.log import get_task_logger

from core import db, jobs
from core.upward import outbox
from data_models import OutboxMessage, TaskRun

from .celery_app import celery_app

logger = get_task_logger(__name__)
MAX_RETRIES = 8  # 5 s, 10 s, 20 s … capped at 10 min; after that the periodic flush keeps trying


@shared_task(name="tasks.upward.deliver", bind=True, autoretry_for=(outbox.DeliveryRetry,), retry_backoff=5,
             retry_backoff_max=600, retry_jitter=True, max_retries=MAX_RETRIES)
def deliver(self, message_id: int, run_id: int | None = None) -> str:
    """Send one message; a failed attempt is committed before the retry is scheduled."""
    with db.session_scope() as session:
        run = session.get(TaskRun, run_id) if run_id else None
        if run is not None:
            jobs.mark_running(session, run)
        outcome = outbox.deliver(session, message_id)
        message = session.get(OutboxMessage, message_id)
        _report(session, run, outcome, message)
    logger.info("outbox %s: %s", message_id, outcome)
    if outcome == "retry":
        raise outbox.DeliveryRetry(message.last_error)
    return outcome


def _report(session, run, outcome: str, message) -> None:
    if run is None:
        return
    if outcome == "sent":
        jobs.mark_succeeded(session, run, message.response, "已送达上级政协")
    elif outcome == "retry":
        jobs.mark_failed(session, run, f"{message.last_error}（将自动重试）", final=False)
    else:
        jobs.mark_failed(session, run, message.last_error if message else outcome, final=True)


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
