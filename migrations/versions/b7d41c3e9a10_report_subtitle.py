"""report subtitle: the line under the title (——在…会议上, ——…解读) as a field of the report

Revision ID: b7d41c3e9a10
Revises: f98e611d0782
Create Date: 2026-11-27 15:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7d41c3e9a10'
down_revision = 'f98e611d0782'
branch_labels = None
depends_on = None

_report = sa.table("report", sa.column("id", sa.Integer), sa.column("subtitle", sa.String(200)),
                   sa.column("settings", sa.JSON))


def upgrade():
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subtitle', sa.String(length=200), nullable=False, server_default=''))
    # A meeting line kept in the settings (常委会工作报告) becomes the subtitle.
    bind = op.get_bind()
    for row in bind.execute(sa.select(_report.c.id, _report.c.settings)).fetchall():
        settings = dict(row.settings or {})
        meeting = settings.pop("meeting", None)
        if meeting is not None:
            bind.execute(_report.update().where(_report.c.id == row.id).values(subtitle=meeting[:200], settings=settings))


def downgrade():
    bind = op.get_bind()
    for row in bind.execute(sa.select(_report.c.id, _report.c.subtitle, _report.c.settings)).fetchall():
        if row.subtitle:
            bind.execute(_report.update().where(_report.c.id == row.id)
                         .values(settings={**(row.settings or {}), "meeting": row.subtitle}))
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.drop_column('subtitle')
