"""Alembic environment of the people store: run from `people_database.migrate_people` only.

Its own version table (see `people_models.VERSION_TABLE`).
"""

from alembic import context

from navigator.store.people_models import VERSION_TABLE, PeopleBase

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=PeopleBase.metadata,
    version_table=VERSION_TABLE,
    # SQLite cannot ALTER most things in place; batch mode rebuilds tables safely.
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
