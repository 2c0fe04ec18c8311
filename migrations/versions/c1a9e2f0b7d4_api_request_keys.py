"""api request keys (Idempotency-Key of the REST API)

Revision ID: c1a9e2f0b7d4
Revises: a42ceb424e06
Create Date: 2026-11-27 15:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'c1a9e2f0b7d4'
down_revision = 'a42ceb424e06'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'api_request_key',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=80), nullable=False),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.Column('object_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['token_id'], ['api_token.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('token_id', 'key'),
    )
    with op.batch_alter_table('api_request_key', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_request_key_token_id'), ['token_id'], unique=False)


def downgrade():
    with op.batch_alter_table('api_request_key', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_request_key_token_id'))
    op.drop_table('api_request_key')
