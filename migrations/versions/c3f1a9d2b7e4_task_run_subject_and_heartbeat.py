"""task_run: report_id / visit_id / request_id columns, output file, worker and heartbeat

Revision ID: c3f1a9d2b7e4
Revises: c1a9e2f0b7d4
Create Date: 2026-11-27 15:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c3f1a9d2b7e4'
down_revision = 'c1a9e2f0b7d4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('task_run', schema=None) as batch_op:
        batch_op.add_column(sa.Column('report_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('visit_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('request_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('output', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('worker', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('heartbeat_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_task_run_report_id'), ['report_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_run_visit_id'), ['visit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_run_request_id'), ['request_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_task_run_report_id_report'), 'report', ['report_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_task_run_visit_id_visit'), 'visit', ['visit_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_task_run_request_id_collection_request'), 'collection_request',
                                    ['request_id'], ['id'])


def downgrade():
    with op.batch_alter_table('task_run', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_task_run_request_id_collection_request'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_task_run_visit_id_visit'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_task_run_request_id'))
        batch_op.drop_constraint(batch_op.f('fk_task_run_report_id_report'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_task_run_visit_id'))
        batch_op.drop_index(batch_op.f('ix_task_run_report_id'))
        batch_op.drop_column('heartbeat_at')
        batch_op.drop_column('worker')
        batch_op.drop_column('output')
        batch_op.drop_column('request_id')
        batch_op.drop_column('visit_id')
        batch_op.drop_column('report_id')
