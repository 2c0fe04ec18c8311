"""Background runs in the web layer: the orphan sweep when a process starts, and the 重试 button."""
import threading

from flask import Flask, current_app, flash, redirect, url_for
from flask_login import login_required

from app.extensions import db
from app.redirects import posted_next
from app.scoping import get_own_or_404, require_role
from data_models import TaskState
from tasks.config import STARTED
from tasks.runs import RETRYABLE_RUNS, retry_run, sweep

from . import messages as msg

_swept: list[bool] = []
_lock = threading.Lock()


def install(app: Flask) -> None:
    """Sweep once per process, with its first request (a CLI command never sweeps)."""
    app.before_request(_sweep_once)
    app.add_url_rule("/runs/<int:run_id>/retry", "retry_run", login_required(retry), methods=["POST"])
    app.jinja_env.globals["retryable_runs"] = RETRYABLE_RUNS
    app.jinja_env.globals["TaskState"] = TaskState  # a global: macros imported without context see it too


def _sweep_once() -> None:
    if _swept:
        return
    with _lock:
        if _swept:
            return
        _swept.append(True)
    embedded = current_app.config["WENGAO"].task_mode == "thread"
    try:
        sweep(queued_before=STARTED if embedded else None)
    except Exception:  # noqa: BLE001 - a page must not fail because the sweep did; the next start retries
        current_app.logger.exception("orphan sweep failed")


def retry(run_id: int):
    """Queue a failed run again (a worker that died, a superior that was down)."""
    from data_models import TaskRun

    require_role("drafter", "reviewer")
    run = get_own_or_404(TaskRun, run_id)
    if retry_run(db.session, run):
        flash(msg.RUN_RETRIED, "success")
    else:
        flash(msg.RUN_NOT_RETRYABLE, "error")
    return redirect(_back())


def _back() -> str:
    return posted_next(url_for("main.dashboard"))
