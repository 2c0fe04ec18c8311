"""Background jobs as users see them: one TaskRun row per job, its states owned by `run_job`.

pending → running → succeeded, or → retrying → running … → failed. Callers add a pending run with
`create_run`, commit, then enqueue the job with the run's id (so the worker always finds the row).
The job's body runs inside `run_job(run_id)`, which owns the session, every transition and every
commit. A running run names its worker ("host:pid") and beats; `fail_orphans` fails the runs whose
worker is gone (a killed web process, a killed Celery worker) so nothing stays "running" for ever.
The states, their Chinese labels and the ACTIVE/FINISHED sets are data_models.TaskState.
"""
import logging
import os
import socket
import threading
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import Callable, Iterator

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from data_models import TaskRun, TaskState
from data_models.base import utcnow

from . import db

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 15.0
STALE_AFTER = timedelta(seconds=90)  # a worker on another host that has not beaten for this long is gone
_RETRY = "retry"  # an outcome, not a state: retrying while retries last, else failed
ORPHANED = "后台任务已中断：处理它的进程已停止（可能是服务重启）。未写入任何不完整的结果，可点击“重试”。"


def create_run(session: Session, name: str, *, committee_id=None, user_id=None, total=0, params=None,
               report_id=None, visit_id=None, request_id=None) -> TaskRun:
    """Add a pending run (flushed, not committed): the caller commits, then enqueues the job."""
    run = TaskRun(name=name, committee_id=committee_id, user_id=user_id, total=total, params=params or {},
                  report_id=report_id, visit_id=visit_id, request_id=request_id)
    session.add(run)
    session.flush()
    return run


def this_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class Job:
    """A running job: its run, its session, and what the body decided (succeed, fail, or nothing)."""

    def __init__(self, session: Session, run: TaskRun):
        self.session, self.run = session, run
        self.outcome: tuple | None = None
        self.discard = False

    def progress(self, done: int, total: int | None = None, message: str | None = None) -> None:
        """Progress through a separate session: the job's own transaction stays open until the end."""
        values = {"progress": done, **({"total": total} if total is not None else {}),
                  **({"message": message} if message is not None else {})}
        with db.session_scope() as session:
            session.execute(update(TaskRun).where(TaskRun.id == self.run.id).values(**values))

    def succeed(self, result: dict | None = None, message: str = "") -> None:
        """Succeed when the body ends; the job's writes and this state commit together."""
        self.outcome = (TaskState.SUCCEEDED, result or {}, message)

    def fail(self, message: str, result: dict | None = None, *, discard: bool = True) -> None:
        """An expected, final failure (bad input): the job's writes are discarded unless told otherwise."""
        self.outcome = (TaskState.FAILED, result or {}, message)
        self.discard = discard

    def retry(self, error: Exception) -> None:
        """This attempt failed but its writes stand (a delivery attempt is kept); retry while retries last."""
        self.outcome = (_RETRY, {}, error)

    def hand_over(self, message: str = "") -> None:
        """Stay running after the body: jobs it started (a batch's children) will finish the run."""
        self.outcome = (TaskState.RUNNING, {}, message)


@contextmanager
def run_job(run_id: int, *, retry_on: tuple = (), retries_left: int = 0,
            describe: Callable[[Exception], str] | None = None,
            on_final: Callable[[Session, TaskRun], None] | None = None) -> Iterator[Job | None]:
    """Run a job's body as `with run_job(id) as job: if job is None: return …`.

    Yields None when the run is missing or already finished (a message delivered twice). An exception
    in `retry_on` with retries left marks the run retrying and propagates (the queue retries it); any
    other exception is recorded as the run's failure and swallowed (logged): a retry would fail alike.
    `on_final(session, run)` runs in the transaction that ends the run (success or final failure).
    """
    with db.session_scope() as session:
        run = session.get(TaskRun, run_id)
        if run is None or run.state in TaskState.FINISHED:
            yield None
            return
        _start(session, run)
        job, beat = Job(session, run), _Heartbeat(run_id)
        try:
            yield job
        except Exception as exc:  # noqa: BLE001 - recorded for the user; re-raised only to be retried
            beat.stop()
            session.rollback()
            final = not isinstance(exc, retry_on) or retries_left <= 0
            text = describe(exc) if describe else f"任务失败：{type(exc).__name__}: {exc}"
            logger.warning("run %s failed (final=%s): %s", run_id, final, exc, exc_info=final)
            _finish(session, run_id, TaskState.FAILED if final else TaskState.RETRYING, {}, text,
                    on_final if final else None)
            if not final:
                raise
            return
        beat.stop()
        state, result, message = job.outcome or (TaskState.SUCCEEDED, {}, "")
        if job.discard:
            session.rollback()
        if state == _RETRY:
            error, state = message, TaskState.RETRYING if retries_left > 0 else TaskState.FAILED
            message = describe(error) if describe else str(error)
        _finish(session, run_id, state, result, message, on_final if state != TaskState.RETRYING else None)
        if state == TaskState.RETRYING:
            raise error


def _start(session: Session, run: TaskRun) -> None:
    run.state, run.message = TaskState.RUNNING, ""
    run.attempts += 1
    run.worker, run.heartbeat_at = this_worker(), utcnow()
    session.commit()


def _finish(session: Session, run_id: int, state: str, result: dict, message: str, on_final) -> None:
    run = session.get(TaskRun, run_id)
    if state == TaskState.RUNNING:  # handed over: no worker of its own any more
        run.message, run.worker, run.heartbeat_at = message, "", None
    elif state == TaskState.RETRYING:
        run.state, run.message = state, message[:2000]
    else:
        finish_run(run, state, result, message)
        if on_final is not None:
            on_final(session, run)
    session.commit()


def finish_run(run: TaskRun, state: TaskState, result: dict | None = None, message: str = "") -> None:
    """End a run as succeeded or failed (the caller commits)."""
    run.state, run.message, run.finished_at = state, message[:2000], utcnow()
    if result is not None:
        run.result = result


class _Heartbeat:
    """Stamps heartbeat_at every HEARTBEAT_SECONDS from a thread while the job runs."""

    def __init__(self, run_id: int):
        self.run_id = run_id
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"wengao-heartbeat-{run_id}", daemon=True)
        self.thread.start()

    def _beat(self) -> None:
        while not self.stopped.wait(HEARTBEAT_SECONDS):
            try:
                with db.session_scope() as session:
                    session.execute(update(TaskRun).where(TaskRun.id == self.run_id, TaskRun.state == TaskState.RUNNING)
                                    .values(heartbeat_at=utcnow()))
            except Exception:  # noqa: BLE001 - a busy database skips a beat; the pid check still holds
                logger.debug("heartbeat of run %s skipped", self.run_id, exc_info=True)

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=HEARTBEAT_SECONDS)


def fail_orphans(session: Session, *, queued_before: datetime | None = None) -> list[TaskRun]:
    """Fail the runs whose worker is gone and return them; the caller commits.

    A running run's worker on this host is gone when its process is; one elsewhere when it has not
    beaten for STALE_AFTER. In embedded mode the queue (and a retry's countdown) lived in a process's
    memory: `queued_before` (this process's start) also fails runs pending or retrying since before it.
    With a broker, those wait safely in the queue and are left alone.
    """
    host, now = socket.gethostname(), utcnow()
    states = TaskState.ACTIVE if queued_before else (TaskState.RUNNING,)
    orphans = [run for run in session.scalars(select(TaskRun).where(TaskRun.state.in_(states))) if _gone(run, host, now, queued_before)]
    for run in orphans:
        finish_run(run, TaskState.FAILED, message=ORPHANED)
    return orphans


def _gone(run: TaskRun, host: str, now: datetime, queued_before: datetime | None) -> bool:
    if run.state != TaskState.RUNNING:
        return _aware(run.updated_at) < queued_before
    if not run.worker:  # handed over to the jobs it started; they are checked one by one
        return False
    run_host, _, pid = run.worker.rpartition(":")
    if run_host == host and pid.isdigit():
        return not _process_alive(int(pid))
    return run.heartbeat_at is None or _aware(run.heartbeat_at) < now - STALE_AFTER


def _aware(moment: datetime) -> datetime:
    """SQLite hands timestamps back without their zone; every stored one is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def reset_for_retry(run: TaskRun) -> None:
    """A failed run, pending again (the user pressed 重试); the caller commits and enqueues."""
    run.state, run.message, run.progress, run.result = TaskState.PENDING, "", 0, {}
    run.finished_at, run.worker, run.heartbeat_at = None, "", None
