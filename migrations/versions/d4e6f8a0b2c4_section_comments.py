"""Reviewers' comments on sections

Revision ID: d4e6f8a0b2c4
Revises: e5b7c9d1f3a2
Create Date: 2026-11-27 16:25:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd4e6f8a0b2c4'
down_revision = 'e5b7c9d1f3a2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'section_comment',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('report_id', sa.Integer(), nullable=False),
        sa.Column('section_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['report_id'], ['report.id'], name=op.f('fk_section_comment_report_id_report'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['section_id'], ['section.id'], name=op.f('fk_section_comment_section_id_section'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_section_comment_user_id_user_account')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_section_comment')),
    )
    with op.batch_alter_table('section_comment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_section_comment_report_id'), ['report_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_section_comment_section_id'), ['section_id'], unique=False)


def downgrade():
    with op.batch_alter_table('section_comment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_section_comment_section_id'))
        batch_op.drop_index(batch_op.f('ix_section_comment_report_id'))
    op.drop_table('section_comment')
