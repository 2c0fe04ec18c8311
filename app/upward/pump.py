"""Embedded default (no broker): a daemon thread retries the outbox every few minutes.

With a broker, Celery's back-off and beat's periodic flush do this; without one, retries inside a
thread run back to back, so a superior down for longer would wait for a manual resend.
"""
import threading

from flask import Flask

INTERVAL_SECONDS = 300.0
_started: list[bool] = []
_lock = threading.Lock()


def install(app: Flask) -> None:
    """Start the pump with the first request the app serves (a CLI command never starts it)."""
    if app.config["WENGAO"].task_mode == "thread" and not app.testing:
        app.before_request(start_outbox_pump)


def start_outbox_pump() -> None:
    """Start the pump once per process."""
    if _started:
        return
    with _lock:
        if _started:
            return
        _started.append(True)
    _spawn()


def _spawn() -> None:
    threading.Thread(target=_run, name="wengao-outbox-pump", daemon=True).start()


def _run() -> None:
    from tasks.upward import flush_outbox

    stop = threading.Event()
    while not stop.wait(INTERVAL_SECONDS):
        try:
            flush_outbox.delay()
        except Exception:  # noqa: BLE001 - the pump must outlive a failed round; the next one retries
            pass
