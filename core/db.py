"""Engines and sessions for callers outside a web request (Celery tasks, CLI, benchmarks)."""
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

_factories: dict[str, sessionmaker] = {}
_current_url: list[str] = []


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """SQLite: enforce foreign keys and wait for writers instead of failing at once."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()


def engine_options(url: str) -> dict:
    """Options shared by Flask-SQLAlchemy's engine and ours."""
    return {"pool_pre_ping": True} if not url.startswith("sqlite") else {}


def configure(url: str) -> None:
    """Point session_scope() at a database (called by create_app and by the worker)."""
    _current_url[:] = [url]


def session_factory(url: str | None = None) -> sessionmaker:
    url = url or (_current_url[0] if _current_url else None)
    if url is None:
        from .config import load_settings

        url = load_settings().database_url
    if url not in _factories:
        _factories[url] = sessionmaker(create_engine(url, **engine_options(url)), expire_on_commit=False)
    return _factories[url]


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on error; the caller owns its lifetime."""
    session = session_factory(url)()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


def dispose(url: str) -> None:
    """Close and forget one database's engine (a database that is going away, e.g. a test's)."""
    factory = _factories.pop(url, None)
    if factory is not None:
        factory.kw["bind"].dispose()


def dispose_all() -> None:
    for url in list(_factories):
        dispose(url)
