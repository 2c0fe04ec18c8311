"""The Celery app; without a broker, jobs run in a background thread (or inline in tests)."""
from concurrent.futures import ThreadPoolExecutor

from celery import Celery, Task

from core import db
from core.config import Settings, load_settings

_thread_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="wengao-task")
_mode = ["thread"]
_pending: list = []


class WengaoTask(Task):
    """Dispatches by task mode: a real broker, a local thread, or inline (eager)."""

    def apply_async(self, args=None, kwargs=None, **options):
        if _mode[0] == "thread":
            options.pop("countdown", None)
            future = _thread_pool.submit(self.apply, args, kwargs, **options)
            _pending.append(future)
            return future
        return super().apply_async(args, kwargs, **options)


def _task_modules() -> list[str]:
    """Every module of the tasks package except the plumbing; each area adds tasks/<area>.py."""
    import pkgutil

    import tasks

    return [f"tasks.{m.name}" for m in pkgutil.iter_modules(tasks.__path__) if m.name not in ("celery_app", "worker")]


celery_app = Celery("wengao", task_cls=WengaoTask, include=_task_modules())
# The default for every thread: @shared_task proxies resolve per thread, and a request served by a
# worker thread (gunicorn --threads, a threaded dev server) would otherwise get Celery's bare default
# app and send jobs to amqp://localhost instead of running them.
celery_app.set_default()


def configure_celery(settings: Settings) -> None:
    """Apply settings; also points the jobs' sessions at the same database as the app."""
    _mode[0] = settings.task_mode
    db.configure(settings.database_url)
    celery_app.conf.update(
        broker_url=settings.broker_url or "memory://",
        task_always_eager=settings.task_mode == "eager",
        task_eager_propagates=False,
        task_ignore_result=True,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
        task_default_queue=f"{settings.queue_prefix}default",
        task_routes={"tasks.pdf.*": {"queue": f"{settings.queue_prefix}pdf"}},
    )
    _drop_connection_pools()


def _drop_connection_pools() -> None:
    """Forget pools opened under earlier settings (the eager path opens one to the old broker).

    Celery's pool lives in kombu's global registry: closing it without clearing the registry hands
    the closed pool back on the next call ("Acquire on closed pool").
    """
    from kombu import pools

    pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def wait_for_thread_jobs() -> None:
    """Block until queued thread-mode jobs have run (CLI commands that exit right after)."""
    while _pending:
        _pending.pop().result()


configure_celery(load_settings())
