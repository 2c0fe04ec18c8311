"""Fixtures: an app on a fresh database per test (SQLite file, or PostgreSQL when configured)."""
import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, select, text

from app import create_app
from app.extensions import db as flask_db
from core import db as core_db
from data_models import Base

from .support import csrf_from

PG_BASE_URL = os.environ.get("TEST_DATABASE_URL", "")  # e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test
BROKER_URL = os.environ.get("TEST_CELERY_BROKER_URL", "")


def pytest_collection_modifyitems(items):
    """Under pytest-xdist (--dist loadgroup) the tests on a real Celery worker share one xdist worker.

    Each xdist worker has its own PostgreSQL database and would otherwise start its own Celery worker.
    pytest 9.2 with pytest-xdist 3.8 drops the group (pytest-dev/pytest-xdist#1386): until a fixed xdist,
    each xdist worker that draws such a test starts its own (own queue prefix and database), only heavier.
    """
    for item in items:
        if "live_worker" in item.fixturenames:
            item.add_marker(pytest.mark.xdist_group("live_worker"))


@pytest.fixture(scope="session")
def pg_database_url():
    """A PostgreSQL database made for this test run and dropped after it (None on SQLite)."""
    if not PG_BASE_URL:
        yield None
        return
    name = f"wengao_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_BASE_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_BASE_URL.rsplit("/", 1)[0] + "/" + name
    engine = create_engine(url)
    Base.metadata.create_all(engine)
    engine.dispose()
    yield url
    core_db.dispose_all()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def database_url(pg_database_url, tmp_path):
    """Each test starts on an empty database (a SQLite file's engine is let go after the test)."""
    if pg_database_url is None:
        url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
        engine = create_engine(url)
        Base.metadata.create_all(engine)
        engine.dispose()
        yield url
        core_db.dispose(url)
    else:
        engine = core_db.session_factory(pg_database_url).kw["bind"]
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        yield pg_database_url


@pytest.fixture
def task_mode():
    """Jobs run inline unless a test asks for the real worker."""
    return "eager"


@pytest.fixture
def app(database_url, task_mode, tmp_path):
    settings = {"database_url": database_url, "task_mode": task_mode, "secret_key": "test-secret"}
    if task_mode == "celery":
        settings["broker_url"] = BROKER_URL
    app = create_app({"TESTING": True, "SETTINGS": settings, "RATELIMIT_ENABLED": False})
    app.test_client_class = CsrfClient
    with app.app_context():
        yield app
        flask_db.session.remove()
        flask_db.engine.dispose()


@pytest.fixture
def db_session(app):
    """The web layer's session, inside the app context."""
    return flask_db.session


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def demo(db_session):
    """Committees and one user per role from the demo seed (no ledger)."""
    from core.demo import committees, users

    committees.seed(db_session)
    db_session.flush()
    users.seed(db_session)
    db_session.commit()
    return DemoRefs(db_session)


@pytest.fixture
def demo_reports(db_session, demo):
    """The demo seed (committees, users, ledger, one report of every kind); reports by (short name, kind)."""
    from core.demo import load_demo
    from data_models import Report

    load_demo(db_session)
    db_session.commit()
    reports = db_session.scalars(select(Report).order_by(Report.id)).all()
    return {(r.committee.short_name, r.kind): r for r in reports}


class DemoRefs:
    """Look-ups into the demo seed by readable names."""

    def __init__(self, session):
        from core.demo.committees import demo_committees

        self.city, self.county_a, self.county_b = demo_committees(session)
        self.password = "demo12345"


class CsrfClient(FlaskClient):
    """A test client that sends the page's CSRF token with form posts, as a browser would."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._csrf = None

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        if response.mimetype == "text/html":
            token = csrf_from(response.get_data(as_text=True))
            self._csrf = token or self._csrf
        return response

    def post(self, *args, csrf=True, **kwargs):
        data = kwargs.get("data")
        if csrf and isinstance(data, dict) and "csrf_token" not in data:
            kwargs["data"] = {**data, "csrf_token": self.csrf_token()}
        return super().post(*args, **kwargs)

    def csrf_token(self) -> str:
        if self._csrf is None:
            self.get("/auth/login", follow_redirects=True)
        return self._csrf

    def login(self, username: str, password: str = "demo12345"):
        self._csrf = None
        return self.post("/auth/login", data={"username": username, "password": password}, follow_redirects=True)

    def logout(self):
        return self.post("/auth/logout", data={}, follow_redirects=True)


@pytest.fixture(scope="session")
def live_worker(pg_database_url, tmp_path_factory):
    """A real Celery worker process on the broker, sharing this run's PostgreSQL database."""
    from .support import need

    if not pg_database_url:
        # The embedded pass runs jobs inline by design; the PostgreSQL pass covers the real worker.
        pytest.skip("嵌入式默认配置（SQLite）不启动 Celery worker；PostgreSQL 轮次覆盖此测试")
    need(bool(BROKER_URL), "需要 TEST_CELERY_BROKER_URL（真实 Celery worker）")
    prefix = f"t{uuid.uuid4().hex[:8]}."
    env = {**os.environ, "DATABASE_URL": pg_database_url, "CELERY_BROKER_URL": BROKER_URL, "CELERY_QUEUE_PREFIX": prefix}
    log = tmp_path_factory.mktemp("worker") / "worker.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tasks.worker", "worker", "-c", "2", "-l", "info",
             "-Q", f"{prefix}default,{prefix}pdf", "-n", f"{prefix}%h", "--without-gossip", "--without-mingle"],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        _wait_for_ready(proc, log)
        yield {"queue_prefix": prefix, "log": log}
    finally:
        _stop_process_group(proc)


def _wait_for_ready(proc, log, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while "ready" not in log.read_text() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.3)
    assert "ready" in log.read_text(), log.read_text()


def _stop_process_group(proc, grace: float = 10) -> None:
    """Warm shutdown (a running job finishes), then the group killed: no pool process outlives the run."""
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


@pytest.fixture
def worker_app(live_worker, app, database_url, tmp_path):
    """An app that enqueues on the broker, consumed by the live worker.

    Built after `app` (which seeding fixtures such as `demo` use): the task mode is process-wide and the
    app built last sets it, so a test's jobs go to the worker instead of running inline.
    """
    settings = {"database_url": database_url, "task_mode": "celery", "broker_url": BROKER_URL,
                "queue_prefix": live_worker["queue_prefix"], "secret_key": "test-secret"}
    built = create_app({"TESTING": True, "SETTINGS": settings, "RATELIMIT_ENABLED": False})
    with built.app_context():
        yield built
        flask_db.session.remove()
