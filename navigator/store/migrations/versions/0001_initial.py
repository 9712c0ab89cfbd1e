"""the directory: activities, state, geocode cache

Revision ID: 0001
Revises: 
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('activities',
    sa.Column('id', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('organisation', sa.String(length=500), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('keywords', sa.JSON(), nullable=False),
    sa.Column('delivery', sa.String(length=20), nullable=False),
    sa.Column('has_venue', sa.Boolean(), nullable=False),
    sa.Column('venue_name', sa.String(length=500), nullable=True),
    sa.Column('venue_address', sa.String(length=1000), nullable=True),
    sa.Column('venue_postcode', sa.String(length=10), nullable=True),
    sa.Column('venue_lat', sa.Float(), nullable=True),
    sa.Column('venue_lon', sa.Float(), nullable=True),
    sa.Column('venue_step_free', sa.Boolean(), nullable=True),
    sa.Column('venue_transport_note', sa.Text(), nullable=True),
    sa.Column('sessions', sa.JSON(), nullable=False),
    sa.Column('has_cost', sa.Boolean(), nullable=False),
    sa.Column('cost_per_session_gbp', sa.Float(), nullable=True),
    sa.Column('cost_concessions', sa.Boolean(), nullable=False),
    sa.Column('cost_free_taster', sa.Boolean(), nullable=False),
    sa.Column('cost_notes', sa.Text(), nullable=False),
    sa.Column('mental_health_specific', sa.Boolean(), nullable=False),
    sa.Column('peer_led', sa.Boolean(), nullable=False),
    sa.Column('gender', sa.String(length=10), nullable=False),
    sa.Column('age_min', sa.Integer(), nullable=True),
    sa.Column('age_max', sa.Integer(), nullable=True),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('booking', sa.String(length=20), nullable=True),
    sa.Column('group_size', sa.String(length=20), nullable=True),
    sa.Column('welcome_bring_someone', sa.Boolean(), nullable=True),
    sa.Column('welcome_beginners', sa.Boolean(), nullable=True),
    sa.Column('welcome_meet_at_door', sa.Boolean(), nullable=True),
    sa.Column('contact_phone', sa.String(length=100), nullable=True),
    sa.Column('contact_email', sa.String(length=320), nullable=True),
    sa.Column('contact_website', sa.String(length=2000), nullable=True),
    sa.Column('last_verified', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activities'))
    )
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activities_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_activities_venue_postcode'), ['venue_postcode'], unique=False)

    op.create_table('directory_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_directory_state'))
    )
    # The one row readers poll to learn that the directory changed.
    op.bulk_insert(
        sa.table('directory_state', sa.column('id', sa.Integer), sa.column('revision', sa.Integer)),
        [{'id': 1, 'revision': 0}],
    )
    op.create_table('geocode_cache',
    sa.Column('postcode', sa.String(length=10), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.Column('source', sa.String(length=100), nullable=False),
    sa.Column('fetched_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('postcode', name=op.f('pk_geocode_cache'))
    )


def downgrade() -> None:
    op.drop_table('geocode_cache')
    op.drop_table('directory_state')
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activities_venue_postcode'))
        batch_op.drop_index(batch_op.f('ix_activities_status'))

    op.drop_table('activities')
