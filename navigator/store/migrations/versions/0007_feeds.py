"""feeds a directory is subscribed to, and each feed field's last value (issue 15)

`feeds` holds the council feeds (name, address, when added and last synced, the server's
ETag and Last-Modified). `feed_values` holds, per activity and field, what its feed last
said, so a sync can tell the feed's changes from a prescriber's local corrections.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("added", sa.DateTime(), nullable=False),
        sa.Column("last_synced", sa.DateTime(), nullable=True),
        sa.Column("etag", sa.String(length=1000), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_feeds")),
        sa.UniqueConstraint("url", name=op.f("uq_feeds_url")),
    )
    op.create_table(
        "feed_values",
        sa.Column("activity_id", sa.String(length=200), nullable=False),
        sa.Column("field", sa.String(length=50), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("activity_id", "field", name=op.f("pk_feed_values")),
    )


def downgrade() -> None:
    op.drop_table("feed_values")
    op.drop_table("feeds")
