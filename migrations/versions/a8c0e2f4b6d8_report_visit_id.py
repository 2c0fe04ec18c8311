"""report.visit_id: a visit's packet told apart by a column, not by settings["visit_id"]

Revision ID: a8c0e2f4b6d8
Revises: d4e6f8a0b2c4
Create Date: 2026-11-27 18:10:00

"""
import json

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a8c0e2f4b6d8'
down_revision = 'd4e6f8a0b2c4'
branch_labels = None
depends_on = None

report = sa.table('report', sa.column('id', sa.Integer()),
                  sa.column('settings', sa.JSON()), sa.column('visit_id', sa.Integer()))
visit = sa.table('visit', sa.column('id', sa.Integer()))


def _settings(value) -> dict:
    """The JSON column as a dict, whether the driver hands over text (SQLite) or parsed JSON (PostgreSQL)."""
    if isinstance(value, str):
        value = json.loads(value or "{}")
    return value if isinstance(value, dict) else {}


def upgrade():
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.add_column(sa.Column('visit_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_report_visit_id'), ['visit_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_report_visit_id_visit'), 'visit', ['visit_id'], ['id'])
    # Copy settings["visit_id"] into the column (in Python: JSON functions differ between SQLite and PostgreSQL);
    # a key naming a visit that no longer exists is dropped rather than breaking the foreign key.
    bind = op.get_bind()
    visits = set(bind.scalars(sa.select(visit.c.id)))
    named = sa.cast(report.c.settings, sa.Text).like('%visit_id%')
    rows = bind.execute(sa.select(report.c.id, report.c.settings).where(named)).all()
    for report_id, raw in rows:
        settings = _settings(raw)
        visit_id = settings.pop('visit_id', None)
        bind.execute(sa.update(report).where(report.c.id == report_id)
                     .values(visit_id=visit_id if visit_id in visits else None, settings=settings))


def downgrade():
    bind = op.get_bind()
    rows = bind.execute(sa.select(report.c.id, report.c.settings, report.c.visit_id)
                        .where(report.c.visit_id.is_not(None))).all()
    for report_id, raw, visit_id in rows:
        bind.execute(sa.update(report).where(report.c.id == report_id)
                     .values(settings={**_settings(raw), 'visit_id': visit_id}))
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_report_visit_id_visit'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_report_visit_id'))
        batch_op.drop_column('visit_id')
