"""metric roll-up rule and printed decimals

Revision ID: c7d1e2f3a4b5
Revises: c3f1a9d2b7e4
Create Date: 2026-11-27 15:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c7d1e2f3a4b5'
down_revision = 'c3f1a9d2b7e4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('metric_definition', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rollup', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('decimals', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('metric_definition', schema=None) as batch_op:
        batch_op.drop_column('decimals')
        batch_op.drop_column('rollup')
