"""Server-Timing on every response: the app's own time for the request, wall clock and CPU.

`Server-Timing: app;dur=12.3, cpu;dur=4.1` (milliseconds), measured around the whole Flask app (session,
login, view, template), so a slow page can be told apart from a slow network or a busy client.
"""
import time


class ServerTiming:
    """WSGI middleware adding the header when the app starts its response."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        started, cpu = time.perf_counter(), time.thread_time()

        def timed(status, headers, exc_info=None):
            wall, spent = (time.perf_counter() - started) * 1000, (time.thread_time() - cpu) * 1000
            headers.append(("Server-Timing", f"app;dur={wall:.1f}, cpu;dur={spent:.1f}"))
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, timed)


def install(app) -> None:
    app.wsgi_app = ServerTiming(app.wsgi_app)
