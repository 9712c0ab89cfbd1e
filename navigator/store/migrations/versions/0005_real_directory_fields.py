"""fields real directories need (FORMATS.md section 1a): more venues, priced units, learners
of a language, with a child, guessed fields and the feed an entry came from

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("activities", schema=None) as batch_op:
        for name in ("more_venues", "for_learners_of", "guessed"):
            batch_op.add_column(sa.Column(name, sa.JSON(), nullable=False,
                                          server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column("cost_amount_gbp", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("cost_unit", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("with_child", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column("source_feed", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("source_external_id", sa.String(length=500),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("activities", schema=None) as batch_op:
        for name in ("source_external_id", "source_feed", "with_child", "cost_unit",
                     "cost_amount_gbp", "guessed", "for_learners_of", "more_venues"):
            batch_op.drop_column(name)
