"""gunicorn entry of benchmarks/editor.py: the wsgi app of the tree gunicorn runs in (its cwd), timed the
same way for both sides (the baseline predates app/timing.py): `Server-Timing: bench;dur=…, benchcpu;dur=…`.

    gunicorn --pythonpath <this folder> servertime:app
"""
import time

from wsgi import app as _timed_app


def app(environ, start_response):
    started, cpu = time.perf_counter(), time.thread_time()

    def timed(status, headers, exc_info=None):
        wall, spent = (time.perf_counter() - started) * 1000, (time.thread_time() - cpu) * 1000
        headers.append(("Server-Timing", f"bench;dur={wall:.2f}, benchcpu;dur={spent:.2f}"))
        return start_response(status, headers, exc_info)

    return _timed_app(environ, timed)
