"""forget people's postcodes that earlier versions cached beside venues' (privacy)

Before this release, an online answer for a person's postcode was cached in geocode_cache
under the source "online postcode lookup" (venues' answers carry the geocoder's own name).
The directory is shared and backed up; a person's postcode must never be kept there.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.text("DELETE FROM geocode_cache WHERE source = 'online postcode lookup'"))


def downgrade() -> None:
    pass  # what was forgotten stays forgotten
