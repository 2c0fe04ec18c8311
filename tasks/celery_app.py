"""The Celery app; without a broker, jobs run in a background thread (or inline in tests)."""
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from celery import Celery, Task

from core.config import Settings

from . import config

_thread_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="wengao-task")
_mode = ["thread"]
_pending: list = []
# The longest job (a big import, a batch's planning, a PDF with its restarts) ends within this; the
# broker hands an unacknowledged job (its worker was killed) to another worker once the visibility
# timeout passes, which must exceed the longest job and the longest retry countdown (10 min).
JOB_TIME_LIMIT = 15 * 60
VISIBILITY_TIMEOUT = 20 * 60


class WengaoTask(Task):
    """Dispatches by task mode: a real broker, a local thread, or inline (eager).

    In thread mode a countdown is honoured (a timer hands the job to the pool when it is due), and so
    is a retry's back-off: Celery's own eager apply would retry back to back.
    """

    def apply_async(self, args=None, kwargs=None, **options):
        if _mode[0] == "thread":
            return _later(options.pop("countdown", None) or 0, self.apply, args, kwargs, **options)
        return super().apply_async(args, kwargs, **options)

    def apply(self, args=None, kwargs=None, **options):
        if _mode[0] == "thread" and options.get("retries"):  # a retry Celery asks to run now: schedule it
            return _later(options.pop("countdown", None) or 0, super().apply, args, kwargs, **options)
        options.pop("countdown", None)
        return super().apply(args, kwargs, **options)


def _later(countdown: float, call, *args, **kwargs) -> Future:
    """Run `call` on the pool, after `countdown` seconds (the future tracks it from now)."""
    if countdown <= 0:
        future = _thread_pool.submit(call, *args, **kwargs)
    else:
        future = Future()
        schedule(countdown, lambda: _chain(_thread_pool.submit(call, *args, **kwargs), future))
    _pending[:] = [f for f in _pending if not f.done()] + [future]
    return future


def _chain(inner: Future, outer: Future) -> None:
    inner.add_done_callback(lambda done: outer.set_exception(done.exception()) if done.exception()
                            else outer.set_result(done.result()))


def schedule(countdown: float, start) -> None:
    """Start `start` after `countdown` seconds on a daemon timer (tests replace this to watch the delays)."""
    timer = threading.Timer(countdown, start)
    timer.daemon = True
    timer.start()


# The job modules, one per area (listed, not scanned: tests/tasks/test_system.py checks none is left out).
TASK_MODULES = ("tasks.ledger", "tasks.rendering", "tasks.system", "tasks.upward")

celery_app = Celery("wengao", task_cls=WengaoTask, include=TASK_MODULES)
# The default for every thread: @shared_task proxies resolve per thread, and a request served by a
# worker thread (gunicorn --threads, a threaded dev server) would otherwise get Celery's bare default
# app and send jobs to amqp://localhost instead of running them.
celery_app.set_default()


def configure_celery(settings: Settings) -> None:
    """Apply settings (tasks.config.configure hands them over, also those given before Celery loaded)."""
    _mode[0] = settings.task_mode
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
        task_soft_time_limit=JOB_TIME_LIMIT - 60,  # the job records its failure before the hard limit
        task_time_limit=JOB_TIME_LIMIT,
        broker_transport_options={"visibility_timeout": VISIBILITY_TIMEOUT},
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


config.on_configure(configure_celery)
