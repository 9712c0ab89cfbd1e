"""Alembic environment: always run from `navigator.store.migrate` with a live connection."""

from alembic import context

from navigator.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things in place; batch mode rebuilds tables safely.
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
