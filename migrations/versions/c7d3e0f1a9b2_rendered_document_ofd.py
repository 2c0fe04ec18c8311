"""OFD (GB/T 33190) beside the PDF: rendered documents, collection requests that ask for it, submissions

Revision ID: c7d3e0f1a9b2
Revises: b7d41c3e9a10
Create Date: 2026-11-27 15:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c7d3e0f1a9b2'
down_revision = 'b7d41c3e9a10'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('rendered_document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ofd', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('ofd_state', sa.String(length=20), nullable=False, server_default='none'))
        batch_op.add_column(sa.Column('ofd_error', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('collection_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('want_ofd', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ofd', sa.LargeBinary(), nullable=True))


def downgrade():
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.drop_column('ofd')
    with op.batch_alter_table('collection_request', schema=None) as batch_op:
        batch_op.drop_column('want_ofd')
    with op.batch_alter_table('rendered_document', schema=None) as batch_op:
        batch_op.drop_column('ofd_error')
        batch_op.drop_column('ofd_state')
        batch_op.drop_column('ofd')
