"""Process start-up without the cyclic garbage collector (issue 16).

Start-up allocates hundreds of thousands of objects (modules, classes, SQLAlchemy mappings) that all
live as long as the process: the collector would walk them again and again, about a tenth of the CPU
time of `flask --help`. Frozen afterwards (gc.freeze), later collections skip them too, and worker
processes forked from this one (gunicorn, Celery prefork) keep sharing their memory pages, as the gc
module's documentation advises for processes that fork.
"""
import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def without_collector() -> Iterator[None]:
    """Collector off for the block; what the block built is frozen, and the collector back on after it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
