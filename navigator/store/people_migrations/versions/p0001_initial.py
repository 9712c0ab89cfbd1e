"""the people store: people, plans, network maps, outcomes, flags, audit

Revision ID: p0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = 'p0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('activity_flags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.String(length=12), nullable=False),
    sa.Column('flagged_on', sa.Date(), nullable=False),
    sa.Column('resolved_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_flags'))
    )
    with op.batch_alter_table('activity_flags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_flags_activity_id'), ['activity_id'],
                              unique=False)

    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('worker', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('record_key', sa.String(length=32), nullable=False),
    sa.Column('detail', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_record_key'), ['record_key'],
                              unique=False)

    op.create_table('people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=40), nullable=False),
    sa.Column('record_key', sa.String(length=32), nullable=False),
    sa.Column('profile', sa.JSON(), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('review_due', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('referral_kind', sa.String(length=10), nullable=True),
    sa.Column('referral_on', sa.Date(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people')),
    sa.UniqueConstraint('record_key', name=op.f('uq_people_record_key')),
    sa.UniqueConstraint('reference', name=op.f('uq_people_reference'))
    )
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_people_closed_on'), ['closed_on'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_people_review_due'), ['review_due'],
                              unique=False)

    op.create_table('contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('happened_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('note', sa.String(length=280), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], ondelete='CASCADE',
                            name=op.f('fk_contacts_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contacts'))
    )
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contacts_person_id'), ['person_id'],
                              unique=False)

    op.create_table('goals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=280), nullable=False),
    sa.Column('timeframe', sa.String(length=10), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], ondelete='CASCADE',
                            name=op.f('fk_goals_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goals'))
    )
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goals_person_id'), ['person_id'],
                              unique=False)

    op.create_table('network_snapshots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('taken_on', sa.Date(), nullable=False),
    sa.Column('members', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], ondelete='CASCADE',
                            name=op.f('fk_network_snapshots_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_snapshots')),
    sa.UniqueConstraint('person_id', 'taken_on', name=op.f('uq_network_snapshots_person_id'))
    )
    with op.batch_alter_table('network_snapshots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_snapshots_person_id'), ['person_id'],
                              unique=False)

    op.create_table('outcomes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('taken_on', sa.Date(), nullable=False),
    sa.Column('ucla_companionship', sa.Integer(), nullable=True),
    sa.Column('ucla_left_out', sa.Integer(), nullable=True),
    sa.Column('ucla_isolated', sa.Integer(), nullable=True),
    sa.Column('lonely', sa.String(length=20), nullable=True),
    sa.Column('ons_life_satisfaction', sa.Integer(), nullable=True),
    sa.Column('ons_worthwhile', sa.Integer(), nullable=True),
    sa.Column('ons_happy', sa.Integer(), nullable=True),
    sa.Column('ons_anxious', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], ondelete='CASCADE',
                            name=op.f('fk_outcomes_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outcomes')),
    sa.UniqueConstraint('person_id', 'taken_on', name=op.f('uq_outcomes_person_id'))
    )
    with op.batch_alter_table('outcomes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outcomes_person_id'), ['person_id'],
                              unique=False)

    op.create_table('plan_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.String(length=200), nullable=False),
    sa.Column('activity_name', sa.String(length=500), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=12), nullable=True),
    sa.Column('note', sa.String(length=280), nullable=False),
    sa.Column('updated_on', sa.Date(), nullable=True),
    sa.Column('tried_on', sa.Date(), nullable=True),
    sa.Column('regular_since', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], ondelete='CASCADE',
                            name=op.f('fk_plan_items_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_items')),
    sa.UniqueConstraint('person_id', 'activity_id', name=op.f('uq_plan_items_person_id'))
    )
    with op.batch_alter_table('plan_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_items_activity_id'), ['activity_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_plan_items_person_id'), ['person_id'],
                              unique=False)



def downgrade() -> None:
    with op.batch_alter_table('plan_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_items_person_id'))
        batch_op.drop_index(batch_op.f('ix_plan_items_activity_id'))

    op.drop_table('plan_items')
    with op.batch_alter_table('outcomes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outcomes_person_id'))

    op.drop_table('outcomes')
    with op.batch_alter_table('network_snapshots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_snapshots_person_id'))

    op.drop_table('network_snapshots')
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goals_person_id'))

    op.drop_table('goals')
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contacts_person_id'))

    op.drop_table('contacts')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_people_review_due'))
        batch_op.drop_index(batch_op.f('ix_people_closed_on'))

    op.drop_table('people')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_record_key'))

    op.drop_table('audit_log')
    with op.batch_alter_table('activity_flags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_flags_activity_id'))

    op.drop_table('activity_flags')
