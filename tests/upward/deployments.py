"""Helpers for tests across two deployments: a superior served by gunicorn, a proxy that loses answers."""
import os
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from sqlalchemy import create_engine

from data_models import Base

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def create_database(url: str) -> None:
    engine = create_engine(url)
    Base.metadata.create_all(engine)
    engine.dispose()


class Deployment:
    """Another deployment of the service in its own process with its own database."""

    def __init__(self, database_url: str, workdir: Path):
        self.database_url, self.workdir, self.port, self.process = database_url, workdir, free_port(), None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {**os.environ, "DATABASE_URL": self.database_url, "SECRET_KEY": "superior-secret", "TASK_MODE": "eager",
               "WENGAO_INSTANCE_DIR": str(self.workdir)}
        env.pop("CELERY_BROKER_URL", None)
        log = open(self.workdir / f"gunicorn-{self.port}.log", "ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", "1", "-b", f"127.0.0.1:{self.port}", "wsgi:app"],
            cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=1).read()
                return
            except OSError:
                assert self.process.poll() is None, (self.workdir / f"gunicorn-{self.port}.log").read_text()
                time.sleep(0.2)
        raise AssertionError("the superior deployment did not start")

    def stop(self) -> None:
        """Gunicorn's graceful stop, then a kill: a stuck request does not hold up the test for its 30 s timeout."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


class LossyProxy(socketserver.ThreadingTCPServer):
    """Forwards HTTP requests to `upstream`; `on_answer` may swallow an answer (the sender sees a reset)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, upstream_port: int):
        self.upstream_port, self.swallow_next, self.on_swallow = upstream_port, 0, None
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _ProxyHandler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        request = _read_http(self.request)
        try:
            with socket.create_connection(("127.0.0.1", self.server.upstream_port), timeout=30) as upstream:
                upstream.sendall(request)
                answer = _read_http(upstream)
        except OSError:
            return  # upstream down: the client sees the connection closed
        if self.server.swallow_next > 0:
            self.server.swallow_next -= 1
            if self.server.on_swallow:
                self.server.on_swallow()
            return
        self.request.sendall(answer)


def _read_http(sock: socket.socket) -> bytes:
    """One HTTP message (headers and a Content-Length body)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), 0)
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body
