"""plan items keep the activity's price and times as last seen (issue 16)

Revision ID: p0002
Revises: p0001
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "p0002"
down_revision = "p0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: items planned before this revision have no terms, and are treated as such.
    with op.batch_alter_table("plan_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("terms", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("plan_items", schema=None) as batch_op:
        batch_op.drop_column("terms")
