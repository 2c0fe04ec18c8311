"""How this process runs its jobs, settled before Celery loads.

Celery (and kombu, yaml, billiard with it) loads with the first job a process enqueues, or in the
worker: creating the app and every `flask` command that enqueues nothing never pay for it (issue 16).
The settings given here reach Celery's app whenever it loads, before or after.
"""
from typing import Callable

from core import db
from core.config import Settings, load_settings
from data_models.base import utcnow

STARTED = utcnow()  # this process's start: embedded-mode runs queued before it were lost with their process
_settings: list[Settings] = []
_appliers: list[Callable[[Settings], None]] = []


def configure(settings: Settings) -> None:
    """Point the jobs' sessions at the app's database and tell Celery (now, or when it loads) how to run jobs."""
    db.configure(settings.database_url)
    _settings[:] = [settings]
    for apply in _appliers:
        apply(settings)


def on_configure(apply: Callable[[Settings], None]) -> None:
    """Called once by tasks.celery_app as it loads: `apply` gets the current settings, then every later change."""
    _appliers.append(apply)
    if _settings:
        apply(_settings[0])
    else:  # a process that configured nothing (the worker, a script): the environment's settings
        configure(load_settings())
