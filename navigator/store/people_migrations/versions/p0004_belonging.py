"""outcome reviews can record how much the person feels they belong (issue 16, item 6)

One question on a 4-point scale, 1 (not at all) to 4 (very much), beside the loneliness and
wellbeing answers. Nullable: reviews recorded before it was asked, or left unanswered.

Revision ID: p0004
Revises: p0003
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "p0004"
down_revision = "p0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outcomes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("belonging", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outcomes", schema=None) as batch_op:
        batch_op.drop_column("belonging")
