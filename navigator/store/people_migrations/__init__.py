"""Alembic migrations of the people store, separate from the directory's."""
