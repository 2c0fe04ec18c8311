"""visit.report_id goes: report.visit_id alone links a visit and its packet report

Revision ID: b9e1d3f5a7c2
Revises: a8c0e2f4b6d8
Create Date: 2026-11-27 21:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b9e1d3f5a7c2'
down_revision = 'a8c0e2f4b6d8'
branch_labels = None
depends_on = None

report = sa.table('report', sa.column('id', sa.Integer()), sa.column('visit_id', sa.Integer()))
visit = sa.table('visit', sa.column('id', sa.Integer()), sa.column('report_id', sa.Integer()))


def upgrade():
    # A packet report that only the visit pointed to (made before report.visit_id existed) learns its visit;
    # where both columns are set, report.visit_id (the column publishing reads) already decides.
    bind = op.get_bind()
    pairs = bind.execute(sa.select(visit.c.id, visit.c.report_id).where(visit.c.report_id.is_not(None))
                         .order_by(visit.c.id)).all()
    for visit_id, report_id in pairs:
        bind.execute(sa.update(report).where(report.c.id == report_id, report.c.visit_id.is_(None))
                     .values(visit_id=visit_id))
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_visit_report_id_report'), type_='foreignkey')
        batch_op.drop_column('report_id')


def downgrade():
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('report_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_visit_report_id_report'), 'report', ['report_id'], ['id'])
    # Each visit points back at its packet report (the newest, should a visit have had several).
    bind = op.get_bind()
    pairs = bind.execute(sa.select(report.c.visit_id, report.c.id).where(report.c.visit_id.is_not(None))
                         .order_by(report.c.id)).all()
    for visit_id, report_id in pairs:
        bind.execute(sa.update(visit).where(visit.c.id == visit_id).values(report_id=report_id))
