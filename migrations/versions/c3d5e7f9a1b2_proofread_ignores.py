"""proofread ignores

Revision ID: c3d5e7f9a1b2
Revises: c7d3e0f1a9b2
Create Date: 2026-11-27 15:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c3d5e7f9a1b2'
down_revision = 'c7d3e0f1a9b2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'proofread_ignore',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('report_id', sa.Integer(), nullable=False),
        sa.Column('rule', sa.String(length=60), nullable=False),
        sa.Column('fingerprint', sa.String(length=32), nullable=False),
        sa.Column('text', sa.String(length=200), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'],
                                name=op.f('fk_proofread_ignore_created_by_id_user_account')),
        sa.ForeignKeyConstraint(['report_id'], ['report.id'], name=op.f('fk_proofread_ignore_report_id_report'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_proofread_ignore')),
        sa.UniqueConstraint('report_id', 'rule', 'fingerprint', name=op.f('uq_proofread_ignore_report_id')),
    )
    with op.batch_alter_table('proofread_ignore', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proofread_ignore_report_id'), ['report_id'], unique=False)


def downgrade():
    with op.batch_alter_table('proofread_ignore', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proofread_ignore_report_id'))
    op.drop_table('proofread_ignore')
