"""plan items can name who goes along the first time (issue 16, item 3)

Strengths and what the person can offer (issue 16, item 2) are profile fields, kept in the
`people.profile` JSON like the rest of the profile: they need no column of their own. The new
stop reasons on the person's side (felt anxious, unwell, nobody to go with, the fare) fit the
existing `plan_items.reason` column (at most 12 characters, as before).

Revision ID: p0003
Revises: p0002
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "p0003"
down_revision = "p0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: no one goes along unless the worker says so. JSON: an alias from the network
    # map (or "a volunteer"), a day in words, and whether the handout may say it.
    with op.batch_alter_table("plan_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("companion", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("plan_items", schema=None) as batch_op:
        batch_op.drop_column("companion")
