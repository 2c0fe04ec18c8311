"""Sending packages to a superior's own deployment through an outbox, exactly once.

The package and its idempotency key are committed first (OutboxMessage); delivery is retried
until the superior answers. The superior stores each key once, so a retry after a lost answer
(superior restarted mid-send) is harmless.
"""
import json
import urllib.error
import urllib.request
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit
from core.times import beijing_text
from data_models import OutboxMessage, OutboxState, Report, UpwardLink
from data_models.base import LabelledEnum, utcnow

from . import UpwardError
from . import messages as msg
from .from_report import mark_sent
from .package import Package

SUBMIT_PATH = "/api/upward/submissions"
REQUESTS_PATH = "/api/upward/requests"
RETRYABLE_STATUS = {408, 425, 429}
DELIVER_RUN = "报送上级"  # the TaskRun of one delivery the user asked for


class Delivery(LabelledEnum):
    """What one delivery attempt came to; SENT and FAILED are also the message's OutboxState."""

    SENT = OutboxState.SENT.value, OutboxState.SENT.label
    FAILED = OutboxState.FAILED.value, OutboxState.FAILED.label  # refused for good
    RETRY = "retry", "暂未送达，稍后重试"  # unreachable or failing: the message stays pending
    MISSING = "missing", "报送包不存在"


class DeliveryRetry(Exception):
    """The superior could not be reached or failed; try again later."""


def link_for(session: Session, committee_id: int) -> UpwardLink | None:
    return session.scalars(select(UpwardLink).where(UpwardLink.committee_id == committee_id)).first()


def set_link(session: Session, committee_id: int, base_url: str, token: str) -> UpwardLink:
    """Configure (or replace) the superior's address and the token it issued to this committee."""
    base_url = base_url.strip().rstrip("/")
    if not base_url.startswith(("http://", "https://")) or not token.strip():
        raise UpwardError(msg.BAD_LINK)
    link = link_for(session, committee_id) or UpwardLink(committee_id=committee_id)
    link.base_url, link.token = base_url, token.strip()
    session.add(link)
    return link


def queue_package(session: Session, link: UpwardLink, request_ref: int, package: Package,
                  report_id: int | None = None, user_id: int | None = None) -> OutboxMessage:
    """Store the package with a fresh idempotency key; the caller commits, then enqueues delivery."""
    key = f"{link.committee_id}-{uuid.uuid4().hex}"
    payload = package.to_payload(request_ref, key)
    message = OutboxMessage(committee_id=link.committee_id, destination=link.base_url + SUBMIT_PATH,
                            idempotency_key=key, payload=json.dumps(payload, ensure_ascii=False).encode(),
                            request_ref=request_ref, report_id=report_id, title=package.title)
    session.add(message)
    session.flush()
    audit.record(session, "upward.queue", user_id=user_id, committee_id=link.committee_id,
                 object_type="outbox_message", object_id=message.id, request_ref=request_ref)
    return message


def deliver(session: Session, message_id: int, timeout: float = 10) -> Delivery:
    """One delivery attempt: sent, failed (refused for good), retry, or the state it was already in.

    The caller commits the attempt at once (it holds the message's row lock while sending)."""
    message = session.get(OutboxMessage, message_id, with_for_update=True)
    if message is None or message.state != OutboxState.PENDING:
        return Delivery(message.state) if message else Delivery.MISSING
    link = link_for(session, message.committee_id)
    message.attempts += 1
    try:
        answer = _post(message, link.token if link else "", timeout)
    except DeliveryRetry as error:
        message.last_error = str(error)
        return Delivery.RETRY
    except UpwardError as error:
        message.state, message.last_error = OutboxState.FAILED, str(error)
        return Delivery.FAILED
    _mark_sent(session, message, answer)
    return Delivery.SENT


def _post(message: OutboxMessage, token: str, timeout: float) -> dict:
    request = urllib.request.Request(message.destination, data=message.payload, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8", "Authorization": f"Bearer {token}",
        "Idempotency-Key": message.idempotency_key})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        text = _error_text(error)
        if error.code >= 500 or error.code in RETRYABLE_STATUS:
            raise DeliveryRetry(msg.SUPERIOR_FAILED.format(code=error.code, text=text)) from error
        raise UpwardError(msg.SUPERIOR_REFUSED.format(code=error.code, text=text)) from error
    except (OSError, ValueError) as error:  # refused, reset, timed out, garbled answer
        raise DeliveryRetry(msg.UNREACHABLE.format(error=error)) from error


def _error_text(error: urllib.error.HTTPError) -> str:
    try:
        return json.loads(error.read()).get("error", "")
    except (OSError, ValueError, AttributeError):
        return error.reason or ""


def _mark_sent(session: Session, message: OutboxMessage, answer: dict) -> None:
    message.state, message.sent_at, message.response, message.last_error = OutboxState.SENT, utcnow(), answer, ""
    report = session.get(Report, message.report_id) if message.report_id else None
    if report is not None:
        mark_sent(session, report, None, outbox_message_id=message.id)
    audit.record(session, "upward.delivered", user_id=None, committee_id=message.committee_id,
                 object_type="outbox_message", object_id=message.id, submission=answer.get("submission_id"))


def pending_ids(session: Session) -> list[int]:
    stmt = select(OutboxMessage.id).where(OutboxMessage.state == OutboxState.PENDING).order_by(OutboxMessage.id)
    return list(session.scalars(stmt))


def retry_message(session: Session, message: OutboxMessage) -> None:
    """Put a refused message back in the queue (after the superior fixed the cause)."""
    message.state = OutboxState.PENDING


def fetch_remote_requests(link: UpwardLink, timeout: float = 5) -> list[dict]:
    """The requests the superior's deployment addresses to this committee."""
    request = urllib.request.Request(link.base_url + REQUESTS_PATH, headers={"Authorization": f"Bearer {link.token}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read())["requests"]
    except urllib.error.HTTPError as error:
        raise UpwardError(msg.QUERY_REFUSED.format(code=error.code, text=_error_text(error))) from error
    except (OSError, ValueError, KeyError) as error:
        raise UpwardError(msg.UNREACHABLE.format(error=error)) from error


FETCH_RUN = "获取上级通知"


def refresh_remote_requests(job) -> None:
    """The fetch job's body: ask the superior for its requests and keep them on the link."""
    link = link_for(job.session, job.run.committee_id)
    if link is None:
        job.fail(msg.NO_LINK)
        return
    fresh, error = remote_requests(job.session, link)
    if error:
        job.fail(error, discard=False)
    else:
        job.succeed({"requests": len(fresh)}, msg.FETCHED.format(n=len(fresh)))


def remote_requests(session: Session, link: UpwardLink) -> tuple[list[dict], str]:
    """The superior's requests, fetched now and kept; when it cannot be reached, the kept ones and why."""
    try:
        fresh = fetch_remote_requests(link)
    except UpwardError as error:
        if link.fetched_at is None:
            return [], str(error)
        return list(link.remote_requests), msg.STALE_REQUESTS.format(
            error=error, time=beijing_text(link.fetched_at))
    link.remote_requests, link.fetched_at = fresh, utcnow()
    return fresh, ""
