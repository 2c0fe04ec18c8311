"""Progress rows for background jobs: users see state, progress and failures from here."""
from sqlalchemy.orm import Session

from data_models import TaskRun
from data_models.base import utcnow


def create_run(session: Session, name: str, *, committee_id=None, user_id=None, total=0, params=None) -> TaskRun:
    """Add a pending run; the caller commits before it enqueues the job (no race with the worker)."""
    run = TaskRun(name=name, committee_id=committee_id, user_id=user_id, total=total, params=params or {})
    session.add(run)
    session.flush()
    return run


def mark_running(session: Session, run: TaskRun) -> None:
    run.state = "running"
    run.attempts += 1
    run.message = ""
    session.commit()


def report_progress(session: Session, run: TaskRun, progress: int, total: int | None = None) -> None:
    run.progress = progress
    if total is not None:
        run.total = total
    session.commit()


def mark_succeeded(session: Session, run: TaskRun, result: dict | None = None, message: str = "") -> None:
    run.state = "succeeded"
    run.result = result or {}
    run.message = message
    run.finished_at = utcnow()
    session.commit()


def mark_failed(session: Session, run: TaskRun, message: str, final: bool) -> None:
    """Record an attempt's failure; only the final one ends the run as failed."""
    run.state = "failed" if final else "retrying"
    run.message = message
    if final:
        run.finished_at = utcnow()
    session.commit()
