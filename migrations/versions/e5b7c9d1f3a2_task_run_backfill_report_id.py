"""task_run: runs made before c3f1a9d2b7e4 get report_id from their params

Revision ID: e5b7c9d1f3a2
Revises: c3d5e7f9a1b2
Create Date: 2026-11-27 16:15:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e5b7c9d1f3a2'
down_revision = 'c3d5e7f9a1b2'
branch_labels = None
depends_on = None


def upgrade():
    """Older runs named their report in params only; the documents page now queries the column."""
    task_run = sa.table('task_run', sa.column('id', sa.Integer), sa.column('params', sa.JSON),
                        sa.column('report_id', sa.Integer))
    report = sa.table('report', sa.column('id', sa.Integer))
    bind = op.get_bind()
    known = set(bind.execute(sa.select(report.c.id)).scalars())
    rows = bind.execute(sa.select(task_run.c.id, task_run.c.params).where(task_run.c.report_id.is_(None))).all()
    for run_id, params in rows:
        report_id = params.get('report_id') if isinstance(params, dict) else None
        if isinstance(report_id, int) and report_id in known:
            bind.execute(task_run.update().where(task_run.c.id == run_id).values(report_id=report_id))


def downgrade():
    pass  # the column stays filled; nothing to undo
