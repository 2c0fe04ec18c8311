"""The Alembic migrations build exactly the schema the models describe."""
import uuid
from contextlib import contextmanager

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from app import create_app
from app.migrations import init_migrations
from data_models import Base

from .conftest import PG_BASE_URL


def test_migrations_match_models(tmp_path):
    url = f"sqlite:///{tmp_path / 'migrated.sqlite3'}"
    app = create_app({"SETTINGS": {"database_url": url}})
    init_migrations(app)
    with app.app_context():
        upgrade(directory="migrations")
    engine = create_engine(url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def _row(table, **given) -> dict:
    """A row with every required column filled with a plain value of its type (foreign keys to row 1)."""
    import datetime

    import sqlalchemy as sa

    row = {}
    for column in table.columns:
        if column.name in given or column.nullable or column.server_default is not None or column.primary_key:
            continue
        kind = column.type
        if column.foreign_keys:
            row[column.name] = 1
        elif isinstance(kind, sa.JSON):
            row[column.name] = {}
        elif isinstance(kind, sa.DateTime):
            row[column.name] = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
        elif isinstance(kind, sa.Date):
            row[column.name] = datetime.date(2023, 1, 1)
        elif isinstance(kind, sa.Boolean):
            row[column.name] = False
        elif isinstance(kind, (sa.Integer, sa.Numeric)):
            row[column.name] = 0
        else:
            row[column.name] = "甲"
    return {**row, **given}


@pytest.fixture
def empty_database_url(tmp_path):
    """An empty SQLite file, or an empty PostgreSQL database when the suite runs on PostgreSQL."""
    if not PG_BASE_URL:
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    name = f"wengao_migrate_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_BASE_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield PG_BASE_URL.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@contextmanager
def _migrated_to(url: str, revision: str):
    """The database upgraded to `revision`, inside the app context; the committee, visit and report tables."""
    import sqlalchemy as sa

    app = create_app({"SETTINGS": {"database_url": url}})
    init_migrations(app)
    engine = create_engine(url)
    with app.app_context():
        upgrade(directory="migrations", revision=revision)
        tables = sa.MetaData()
        tables.reflect(engine, only=["committee", "visit", "report"])
        yield engine, tuple(tables.tables[name] for name in ("committee", "visit", "report"))
    engine.dispose()


def test_visit_id_moves_from_settings_to_a_column_and_back(empty_database_url):
    import sqlalchemy as sa
    from flask_migrate import downgrade

    with _migrated_to(empty_database_url, "d4e6f8a0b2c4") as (engine, (committee, visit, report)):
        with engine.begin() as conn:
            conn.execute(committee.insert().values(_row(committee, id=1)))
            conn.execute(visit.insert().values(_row(visit, id=7)))
            conn.execute(report.insert().values(_row(report, id=1, kind="visit_packet",
                                                     settings={"visit_id": 7, "numbering": "x"})))
            conn.execute(report.insert().values(_row(report, id=2, kind="annual_summary", settings={})))
        upgrade(directory="migrations")
        with engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT id, visit_id, settings FROM report ORDER BY id")).all()
        assert [(r.id, r.visit_id) for r in rows] == [(1, 7), (2, None)] and "visit_id" not in str(rows[0].settings)
        downgrade(directory="migrations", revision="d4e6f8a0b2c4")
        with engine.connect() as conn:
            settings = conn.execute(sa.select(report.c.settings).where(report.c.id == 1)).scalar_one()
            columns = {c["name"] for c in sa.inspect(conn).get_columns("report")}
    assert "visit_id" not in columns and settings == {"visit_id": 7, "numbering": "x"}


def test_visit_report_link_moves_to_report_visit_id_and_back(empty_database_url):
    """b9e1d3f5a7c2 drops visit.report_id: a packet known only from the visit's side keeps its link."""
    import sqlalchemy as sa
    from flask_migrate import downgrade

    with _migrated_to(empty_database_url, "a8c0e2f4b6d8") as (engine, (committee, visit, report)):
        with engine.begin() as conn:
            conn.execute(committee.insert().values(_row(committee, id=1)))
            conn.execute(visit.insert().values(_row(visit, id=7)))  # linked on the visit's side only
            conn.execute(visit.insert().values(_row(visit, id=8)))  # linked on both sides
            conn.execute(visit.insert().values(_row(visit, id=9)))  # no packet yet
            for report_id in (1, 2, 3):
                conn.execute(report.insert().values(_row(report, id=report_id, kind="visit_packet", settings={})))
            conn.execute(report.update().where(report.c.id == 2).values(visit_id=8))
            conn.execute(visit.update().where(visit.c.id == 7).values(report_id=1))
            conn.execute(visit.update().where(visit.c.id == 8).values(report_id=2))
        upgrade(directory="migrations", revision="b9e1d3f5a7c2")
        with engine.connect() as conn:
            linked = conn.execute(sa.text("SELECT id, visit_id FROM report ORDER BY id")).all()
            visit_columns = {c["name"] for c in sa.inspect(conn).get_columns("visit")}
        assert [tuple(row) for row in linked] == [(1, 7), (2, 8), (3, None)]
        assert "report_id" not in visit_columns
        downgrade(directory="migrations", revision="a8c0e2f4b6d8")
        with engine.connect() as conn:
            back = conn.execute(sa.text("SELECT id, report_id FROM visit ORDER BY id")).all()
            still = conn.execute(sa.text("SELECT id, visit_id FROM report ORDER BY id")).all()
    assert [tuple(row) for row in back] == [(7, 1), (8, 2), (9, None)]
    assert [tuple(row) for row in still] == [(1, 7), (2, 8), (3, None)]
