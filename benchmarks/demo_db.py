"""The demo data in a throw-away SQLite database, for benchmarks that measure in-process work."""
import tempfile
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import create_engine
from sqlalchemy.orm import Session


@contextmanager
def demo_session() -> Iterator[Session]:
    """A session on a fresh SQLite file holding the demo (committees, ledger, reports); gone afterwards."""
    from core.demo import load_demo
    from data_models import Base

    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{tmp}/bench.sqlite3")
        Base.metadata.create_all(engine)
        try:
            with Session(engine) as session:
                load_demo(session)
                session.commit()
                yield session
        finally:
            engine.dispose()
