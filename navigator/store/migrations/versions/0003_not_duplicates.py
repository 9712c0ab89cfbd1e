"""pairs of activities a prescriber said are not duplicates

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "not_duplicates",
        sa.Column("id_a", sa.String(length=200), nullable=False),
        sa.Column("id_b", sa.String(length=200), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id_a", "id_b", name=op.f("pk_not_duplicates")),
    )


def downgrade() -> None:
    op.drop_table("not_duplicates")
